import type { PhrasingContent, Text } from 'mdast';

/*
 * A character a plan escapes (`\(2h\)`, `&#10;`) is text, not structure: the
 * readers must not take `Fix \(2h\)` for a title with an estimate. The parser
 * resolves escapes, so the text of each node is re-read from its source and
 * every escaped character becomes a stand-in from a private-use plane, which no
 * pattern of the readers matches; `restore` turns stand-ins back at the end.
 * The writer relies on this to round-trip any title, control characters included.
 */
const BASE = 0xf0000;
const STAND_INS = /[\u{F0000}-\u{FFFFD}]/gu;
const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

export function standIn(char: string): string {
  const code = char.codePointAt(0)!;
  return code > 0xfffd ? char : String.fromCodePoint(BASE + code);
}

export function restore(text: string): string {
  return text.replace(STAND_INS, (c) => String.fromCodePoint(c.codePointAt(0)! - BASE));
}

/** Inline content as one string: formatting dropped, inline code kept in backticks (codes are often written so). */
export function inlineText(nodes: PhrasingContent[], source: string): string {
  return nodes.map((node) => phrasing(node, source)).join('');
}

function phrasing(node: PhrasingContent, source: string): string {
  switch (node.type) {
    case 'text':
      return literal(node, source);
    case 'inlineCode':
      return `\`${node.value}\``;
    case 'break':
      return '\n';
    case 'html':
      return node.value;
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'strong':
    case 'emphasis':
    case 'delete':
    case 'link':
    case 'linkReference':
      return inlineText(node.children, source);
    default:
      return '';
  }
}

/** The node's text with escaped characters as stand-ins. */
function literal(node: Text, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return node.value;
  const raw = source.slice(start, end);
  if (!raw.includes('\\') && !raw.includes('&')) return node.value;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    const entity = c === '&' ? ENTITY.exec(raw.slice(i)) : null;
    if (c === '\\' && ASCII_PUNCTUATION.test(raw[i + 1] ?? '')) {
      out += standIn(raw[++i]!);
    } else if (entity) {
      const code = entity[1] ? Number(entity[1]) : entity[2] ? parseInt(entity[2], 16) : undefined;
      out += code === undefined ? standIn(NAMED[entity[3]!]!) : code <= 0x10ffff ? standIn(String.fromCodePoint(code)) : '\ufffd';
      i += entity[0].length - 1;
    } else if (c === '\n') {
      // A line break inside a paragraph: the parser drops the next line's indent and this line's trailing spaces.
      out = `${out.trimEnd()}\n`;
      while (raw[i + 1] === ' ' || raw[i + 1] === '\t') i++;
    } else out += c;
  }
  return out;
}
