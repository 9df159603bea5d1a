import type { Token } from 'markdown-it';
import { inlineText } from './literal.js';

/*
 * The blocks of a Markdown document as the plan reader walks them: headings,
 * paragraphs, lists of items, tables, and the rest (code fences, block quotes,
 * HTML, rules), which are never plan. Built in one pass over the parser's
 * token stream; lines are 1-based, as an editor shows them.
 */

/**
 * Inline content, read once as text: the parser's tokens are let go as the
 * blocks are built, so a big plan holds its text, not its token stream.
 */
export interface Inline {
  /** As `inlineText` reads it: formatting dropped, escapes as stand-ins. */
  text: string;
  /** The source of the inline content, its indentation taken off: where a checkbox `[ ]` is seen. */
  raw: string;
  /** A paragraph that is one bold run (`**Phase 1: Core (4-5h)**`): its text. */
  bold?: string;
}

export type Block =
  | { type: 'heading'; depth: number; inline: Inline; line: number }
  | { type: 'paragraph'; inline: Inline; line: number }
  | { type: 'list'; items: Item[]; line: number }
  | { type: 'table'; header: Inline[]; rows: { cells: Inline[]; line: number }[]; line: number }
  | { type: 'other'; line: number; end: number };

export interface Item {
  line: number;
  /** The line after the item's last. */
  end: number;
  blocks: Block[];
}

const EMPTY: Inline = { text: '', raw: '' };

export function blocksOf(tokens: Token[]): Block[] {
  let at = 0;
  const line = (t: Token) => (t.map?.[0] ?? 0) + 1;
  const end = (t: Token) => (t.map?.[1] ?? 0) + 1;
  const inline = (paragraph = false): Inline => {
    const t = tokens[at];
    if (t?.type !== 'inline') return EMPTY;
    at++;
    const children = t.children ?? [];
    const bold = paragraph ? boldRun(children) : undefined;
    return { text: inlineText(children), raw: t.content, ...(bold !== undefined ? { bold } : {}) };
  };
  /** Skips to the token after the one closing the block opened at `at`. */
  const skipBlock = (): void => {
    let depth = 0;
    do {
      depth += tokens[at]!.nesting;
      at++;
    } while (depth > 0 && at < tokens.length);
  };

  const blocks = (closing: string | null): Block[] => {
    const out: Block[] = [];
    while (at < tokens.length) {
      const t = tokens[at]!;
      if (closing !== null && t.type === closing) {
        at++;
        return out;
      }
      switch (t.type) {
        case 'heading_open': {
          at++;
          out.push({ type: 'heading', depth: Number(t.tag.slice(1)), inline: inline(), line: line(t) });
          at++;
          break;
        }
        case 'paragraph_open': {
          at++;
          out.push({ type: 'paragraph', inline: inline(true), line: line(t) });
          at++;
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const close = t.type.replace('_open', '_close');
          const list: Block = { type: 'list', items: [], line: line(t) };
          at++;
          while (at < tokens.length && tokens[at]!.type !== close) {
            const item = tokens[at]!;
            at++;
            list.items.push({ line: line(item), end: end(item), blocks: blocks('list_item_close') });
          }
          at++;
          out.push(list);
          break;
        }
        case 'table_open': {
          const table: Extract<Block, { type: 'table' }> = { type: 'table', header: [], rows: [], line: line(t) };
          at++;
          let row: { cells: Inline[]; line: number } | null = null;
          while (at < tokens.length && tokens[at]!.type !== 'table_close') {
            const cell = tokens[at]!;
            at++;
            if (cell.type === 'tr_open') row = { cells: [], line: line(cell) };
            else if (cell.type === 'tr_close' && row) {
              if (table.header.length === 0) table.header = row.cells;
              else table.rows.push(row);
            } else if ((cell.type === 'th_open' || cell.type === 'td_open') && row) row.cells.push(inline());
          }
          at++;
          out.push(table);
          break;
        }
        default:
          // Code fences, block quotes, HTML, rules: never plan, and nothing inside them is either.
          out.push({ type: 'other', line: line(t), end: end(t) });
          skipBlock();
      }
    }
    return out;
  };
  return blocks(null);
}

/**
 * `**Phase 1: Core Session System (4-5h)**`, `**Planned Features:**`: a paragraph
 * that is one bold run, perhaps with an estimate after it, standing for a heading.
 */
function boldRun(children: Token[]): string | undefined {
  const tokens = children.filter((t) => t.type !== 'text' || t.content !== '');
  if (tokens[0]?.type !== 'strong_open') return undefined;
  const close = tokens.findIndex((t) => t.type === 'strong_close');
  if (close === -1) return undefined;
  const rest = inlineText(tokens.slice(close + 1)).trim();
  if (rest !== '' && rest !== ':' && !/^\([^()]*\)$/.test(rest)) return undefined;
  const text = `${inlineText(tokens.slice(1, close))} ${rest === ':' ? '' : rest}`.trim();
  if (text === '' || text.includes('\n')) return undefined;
  return text;
}
