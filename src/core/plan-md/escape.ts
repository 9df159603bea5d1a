import { standIn } from './literal.js';
import { readField } from './field-line.js';
import { readTail } from './task-line.js';

/*
 * Text written into a Markdown plan so that the reader gets exactly it back.
 * Punctuation that Markdown or the plan reader would act on is backslash-escaped
 * (`*`, `` ` ``, `[`, a `-` starting a line…), and what Markdown would drop or what
 * would drive a terminal (control characters, line breaks in one-line fields,
 * spaces at either end) is written as a numeric character reference. The reader
 * (literal.ts) takes both forms as plain text. Other punctuation is left as
 * written, so an exported plan stays pleasant to read.
 */
const ALWAYS = new Set(['\\', '`', '*', '[', ']', '~']);
const LINE_START = /^[-+*#>=|:]|^\d+[.)]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const REFERENCED = new Set(['✅', '✔', '☑', '✓']);
const SEPARATORS = new Set(['-', ':', '—', '–']);

interface Char {
  text: string;
  escaped: boolean;
  /** Written as a character reference rather than as itself. */
  reference: boolean;
}

const alnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

function escapedHere(points: string[], i: number): boolean {
  const [c, prev, next] = [points[i]!, points[i - 1], points[i + 1]];
  if (ALWAYS.has(c)) return true;
  if (c === '_') return !(alnum(prev) && alnum(next));
  if (c === '&') return next !== undefined && /[#A-Za-z0-9]/.test(next);
  if (c === '<') return next !== undefined && /[A-Za-z/!?]/.test(next);
  // GFM turns `http://…`, `www.…` and `a@b.c` into links, which would swallow a following escape.
  if (c === ':') return next === '/' && points[i + 2] === '/';
  if (c === '.') return /www$/i.test(points.slice(Math.max(0, i - 3), i).join(''));
  if (c === '@') return alnum(prev);
  return false;
}

/** `lineStart`: the text starts a line, where `-`, `#`, `1.` would start a block. */
function chars(text: string, lineStart: boolean): Char[] {
  const points = [...text];
  const list = points.map((c, i) => ({
    text: c,
    escaped: escapedHere(points, i),
    reference: CONTROL.test(c) || REFERENCED.has(c),
  }));
  for (const edge of [list, [...list].reverse()]) {
    for (const c of edge) {
      if (!/\s/.test(c.text)) break;
      c.reference = true;
    }
  }
  const first = list[0];
  if (first && lineStart) {
    const block = LINE_START.exec(text)?.[0];
    if (block) list[block.length - 1]!.escaped = true;
  }
  // A separator or `#` at either end would be read as part of the line around the text.
  if (first && !lineStart && SEPARATORS.has(first.text)) first.reference = true;
  for (const c of [first, list.at(-1)]) if (c?.text === '#') c.escaped = true;
  return list;
}

function render(list: Char[]): string {
  return list.map((c) => (c.reference ? `&#${c.text.codePointAt(0)};` : c.escaped ? `\\${c.text}` : c.text)).join('');
}

/** What the reader will see of the rendered text: escaped characters are stand-ins. */
function seen(list: Char[]): string {
  return list.map((c) => (c.reference || c.escaped ? standIn(c.text) : c.text)).join('');
}

/**
 * A one-line field: title, goal, phase, tag. A title that ends like a task
 * line's tail (`… after T-1`, `… DONE`) gets its last character as a reference,
 * which no tail pattern matches.
 */
export function escapeLine(text: string): string {
  const list = chars(text, false);
  const last = list.findLast((c) => !/\s/.test(c.text));
  if (last && readTail(seen(list)).title !== seen(list).trim()) last.reference = true;
  return render(list);
}

/** Escapes a word that the reader would otherwise take for something else (a tag `[high]` is not a priority). */
export function escapeWord(text: string, reserved: (word: string) => boolean): string {
  const list = chars(text, false);
  if (reserved(text) && list[0]) list[0].reference = true;
  return render(list);
}

/**
 * Several lines, as the continuation of a list item's first paragraph. A line
 * break is a line break; the blank lines that would end the paragraph are
 * written as references at the start of the next line instead.
 */
export function escapeLines(text: string): string[] {
  const out: string[] = [];
  let blanks = 0;
  for (const line of text.split('\n')) {
    if (line === '') {
      blanks += 1;
      continue;
    }
    const list = chars(line, blanks === 0);
    // A line that reads as a field (`Estimate: 2h`) is description here: its first letter is a reference.
    const first = list.find((c) => !/\s/.test(c.text));
    if (first && readField(seen(list))) first.reference = true;
    out.push(`${'&#10;'.repeat(blanks)}${render(list)}`);
    blanks = 0;
  }
  if (blanks > 0) {
    // A text of blank lines only: n lines hold n - 1 line breaks.
    if (out.length === 0) return ['&#10;'.repeat(blanks - 1)];
    out[out.length - 1] += '&#10;'.repeat(blanks);
  }
  return out;
}
