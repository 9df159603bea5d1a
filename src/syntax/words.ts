import { FragmentsError } from '../domain/errors.js';
import { unknownOption, usage } from '../runner/arguments.js';
import type { Command, Face } from '../runner/define.js';
import { fieldKind, fieldOf, flagName, keyOf, looksLikeOption, type FieldKind } from '../runner/fields.js';

/** One word of a prompt line: its text, where it stands in the line, and whether it is one quoted string. */
export interface Word {
  text: string;
  start: number;
  end: number;
  /** It opened with a quote and closed with one, so its quotes were grouping, not text. */
  quoted: boolean;
}

/**
 * Splits a line into words the way a shell would: quotes group, backslash
 * escapes; an apostrophe inside a word is text. A quote left open is an
 * error, unless `lenient`: then it is taken as text and its place is listed
 * in `literal`, for the caller to accept where the line is free text.
 */
export function lineWords(line: string, lenient = false): { words: Word[]; literal: number[] } {
  const literal: number[] = [];
  for (;;) {
    const { words, unclosed } = scan(line, literal);
    if (unclosed === null) return { words, literal };
    if (!lenient) throw unclosedQuote(line[unclosed]!);
    literal.push(unclosed);
  }
}

export const unclosedQuote = (quote: string) => new FragmentsError('USAGE', `Unclosed ${quote} quote: close it and try again.`);

function scan(line: string, literal: number[]): { words: Word[]; unclosed: number | null } {
  const words: Word[] = [];
  let word = '';
  let quote: string | null = null;
  let openedAt = -1;
  let start = -1;
  let firstOpened = false;
  let lastClosed = -1;
  const push = (end: number) => {
    words.push({ text: word, start, end, quoted: firstOpened && lastClosed === end - 1 });
    word = '';
    start = -1;
    firstOpened = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) {
        quote = null;
        lastClosed = i;
      } else if (c === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if ((c === '"' || c === "'") && !/[\p{L}\p{N}]/u.test(line[i - 1] ?? '') && !literal.includes(i)) {
      // A quote opens only where a word (or a value after `=`) starts: inside a word it is
      // an apostrophe or an inch mark, as in `/note it's done`, and stays text.
      quote = c;
      openedAt = i;
      if (start === -1) {
        start = i;
        firstOpened = true;
      }
    } else if (c === '\\' && i + 1 < line.length) {
      if (start === -1) start = i;
      word += line[++i];
    } else if (/\s/.test(c)) {
      if (start !== -1) push(i);
    } else {
      if (start === -1) start = i;
      word += c;
    }
  }
  if (quote) return { words, unclosed: openedAt };
  if (start !== -1) push(line.length);
  return { words, unclosed: null };
}

/** A line's words as a shell would split them; a quote left open is an error. */
export function tokenize(line: string): string[] {
  return lineWords(line).words.map((w) => w.text);
}

const SWITCH_WORDS: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false };

/** `--title=Fix it` → `--title` and `Fix it`; a word without `=` has no inline value. */
export function splitOption(word: string): { flag: string; inline: string | undefined } {
  const eq = word.indexOf('=');
  return eq === -1 ? { flag: word, inline: undefined } : { flag: word.slice(0, eq), inline: word.slice(eq + 1) };
}

/**
 * The one rule for an option, on the command line and the prompt line alike,
 * for the options every command shares and each command's own. A switch is on
 * when given bare, and takes `=true|false|1|0|yes|no`, nothing else. A value
 * follows the option or its `=`; a next word that looks like an option is
 * never taken as the value (`--title --force`): `--title=--force` says it is.
 * Returns the value and the index of the last word used.
 */
export function readOption(words: string[], i: number, kind: FieldKind, fail: (problem: string) => Error): { value: string | boolean; last: number } {
  const { flag, inline } = splitOption(words[i]!);
  if (kind === 'boolean') {
    if (inline === undefined) return { value: true, last: i };
    const value = SWITCH_WORDS[inline.toLowerCase()];
    if (value === undefined) throw fail(`${flag} is a switch: write ${flag}, or ${flag}=true|false|1|0|yes|no (got ${JSON.stringify(inline)})`);
    return { value, last: i };
  }
  if (inline !== undefined) return { value: inline, last: i };
  const next = words[i + 1];
  if (next === undefined) throw fail(`${flag} needs a value`);
  if (looksLikeOption(next)) throw fail(`${flag} needs a value, and ${JSON.stringify(next)} is an option; write ${flag}=${next} if it is the value`);
  return { value: next, last: i + 1 };
}

/**
 * Keeps an option's value, once: a single-value option given twice is an error
 * rather than a silent choice, a switch may repeat only with the same value,
 * and a list option collects every value (`--depends A --depends B`).
 */
export function keepOption(into: Record<string, unknown>, key: string, flag: string, kind: FieldKind, value: string | boolean, fail: (problem: string) => Error): void {
  const before = into[key];
  if (before === undefined) into[key] = value;
  else if (kind === 'list') into[key] = `${String(before)},${String(value)}`;
  else if (kind !== 'boolean' || before !== value) throw fail(`${flag} is given more than once; give it once`);
}

/** Maps command-line words onto the command's argument object; zod checks it next. A mistake is said in `face`'s own syntax. */
export function argsFromWords(command: Command, words: string[], face: Face = 'cli'): Record<string, unknown> {
  const shape = command.args;
  const args: Record<string, unknown> = {};
  const bare: string[] = [];
  const fail = (problem: string) => usage(command, problem, face);
  let optionsDone = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (optionsDone || !looksLikeOption(word)) {
      bare.push(word);
      continue;
    }
    if (word === '--') {
      optionsDone = true;
      continue;
    }
    const { flag } = splitOption(word);
    const key = keyOf(flag);
    const field = fieldOf(shape, key);
    if (!field) throw unknownOption(command, flag, face);
    // A positional may also be given as an option: `task:activate --code T-1`.
    const kind = key === command.rest || command.positional?.includes(key) ? 'string' : fieldKind(field);
    const { value, last } = readOption(words, i, kind, fail);
    keepOption(args, key, flag, kind, value, fail);
    i = last;
  }
  for (const key of command.positional ?? []) {
    if (bare.length === 0) break;
    if (args[key] === undefined) args[key] = bare.shift();
  }
  if (command.rest && bare.length) {
    if (args[command.rest] !== undefined) throw fail(`${flagName(command.rest)} is given as an option and as words; give it once`);
    args[command.rest] = bare.join(' ');
  } else if (bare.length) throw fail(`unexpected ${bare.length === 1 ? 'argument' : 'arguments'} ${bare.map((b) => JSON.stringify(b)).join(' ')}`);
  return args;
}
