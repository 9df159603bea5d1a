import type { Token } from 'markdown-it';

/*
 * A character a plan escapes (`\(2h\)`, `&#10;`) is text, not structure: the
 * readers must not take `Fix \(2h\)` for a title with an estimate. The parser
 * keeps each escape and character reference as a token of its own, and each
 * becomes a stand-in from a private-use plane, which no pattern of the readers
 * matches; `restore` turns stand-ins back at the end. The writer relies on this
 * to round-trip any title, control characters included.
 */
const BASE = 0xf0000;
const STAND_INS = /[\u{F0000}-\u{FFFFD}]/gu;

export function standIn(char: string): string {
  const code = char.codePointAt(0)!;
  return code > 0xfffd ? char : String.fromCodePoint(BASE + code);
}

export function restore(text: string): string {
  return text.replace(STAND_INS, (c) => String.fromCodePoint(c.codePointAt(0)! - BASE));
}

/**
 * Inline content as one string: formatting dropped, inline code kept in
 * backticks (codes are often written so), and underscores that are part of a
 * name kept: `__init__.py` and `__AGENT__` are names, not bold text.
 */
export function inlineText(tokens: Token[] | null | undefined): string {
  if (!tokens) return '';
  const names = underscoreNames(tokens);
  let out = '';
  tokens.forEach((token, i) => {
    switch (token.type) {
      case 'text':
      case 'html_inline':
        out += token.content;
        return;
      case 'text_special':
        out += [...(token.info === 'entity' ? numericReference(token.markup) ?? token.content : token.content)].map(standIn).join('');
        return;
      case 'code_inline':
        out += `\`${token.content}\``;
        return;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        return;
      case 'image':
        out += inlineText(token.children);
        return;
      default:
        // Emphasis marks go, but those of a name; links and strikethrough keep the text between their tokens.
        if (names.has(i)) out += token.markup;
    }
  });
  return out;
}

/**
 * `&#7;` is the character 7, and `&#0;` NUL: the writer writes control
 * characters as references, so a title holding one reads back the same, where
 * markdown-it would put U+FFFD in their place. Only a number past Unicode does.
 */
function numericReference(markup: string): string | undefined {
  const m = /^&#(?:(\d{1,7})|[xX]([0-9a-fA-F]{1,6}));$/.exec(markup);
  if (!m) return undefined;
  const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16);
  return code > 0x10ffff ? '\ufffd' : String.fromCodePoint(code);
}

/**
 * The `_` and `__` runs that belong to a name rather than to emphasis: `__x__`
 * around text without a space (`__init__`, `__AGENT__`), or `_x_` touching a word
 * character outside (`my_var_name`). Pairs are found with one stack, so a long
 * paragraph costs its length.
 */
function underscoreNames(tokens: Token[]): Set<number> {
  const names = new Set<number>();
  const open: number[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'strong_open' || token.type === 'em_open') open.push(i);
    if (token.type !== 'strong_close' && token.type !== 'em_close') return;
    const start = open.pop();
    if (start === undefined || !token.markup.startsWith('_')) return;
    const inner = tokens.slice(start + 1, i).map((t) => (t.type === 'text' ? t.content : ' ')).join('');
    if (inner === '' || /\s/.test(inner)) return;
    const before = tokens[start - 1];
    const after = tokens[i + 1];
    const touching = (before?.type === 'text' && /\w$/.test(before.content)) || (after?.type === 'text' && /^\w/.test(after.content));
    if (token.markup === '__' || touching) names.add(start).add(i);
  });
  return names;
}
