import MarkdownIt, { type MarkdownIt as Parser } from 'markdown-it';
import { blocksOf } from './blocks.js';
import type { MarkdownPlan, ReadOptions } from './plan-record.js';
import { planFromBlocks } from './walk.js';

/**
 * CommonMark with GFM's tables and strikethrough. markdown-it reads a plan in
 * time proportional to its length: micromark (mdast-util-from-markdown) moves
 * every event of the document each time a list closes, 8.5 s for a 20,000-line
 * plan and four times that for twice the lines, and about 100 µs a line even
 * cut into pieces. Escapes and character references stay tokens of their own
 * (no `text_join`), so the reader can tell `\(2h\)` from an estimate. Bare
 * links are not made links.
 */
let parser: Parser | undefined;

function markdown(): Parser {
  if (!parser) {
    parser = new MarkdownIt('commonmark').enable(['table', 'strikethrough']);
    parser.core.ruler.disable('text_join');
  }
  return parser;
}

/**
 * Reads a Markdown plan as CommonMark + GFM, so fences, nesting, tables and
 * checklists are what the author wrote. Load it with `import()`: the parser is
 * most of this module's weight and only `import` needs it.
 */
export function readMarkdownPlan(text: string, options: ReadOptions): MarkdownPlan {
  const tokens = markdown().parse(withoutFrontMatter(text), {});
  return planFromBlocks(blocksOf(tokens), text, options);
}

/**
 * YAML front matter (`---` … `---` at the top, as spec-kit's templates carry)
 * is no plan: its lines are blanked, so line numbers stay the file's.
 */
function withoutFrontMatter(text: string): string {
  const m = /^---[ \t]*\r?\n(?:.*\r?\n){0,200}?---[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? m[0].replace(/[^\n]/g, '') + text.slice(m[0].length) : text;
}
