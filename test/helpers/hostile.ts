/**
 * Hostile input for the parser fuzz tests (issue 11, "Fuzz"): words and lines
 * as an agent, a paste or a fat finger may send them. Random strings alone
 * almost never hit the words that matter (an option name, `--`, a name every
 * JavaScript object answers to), so those are drawn from lists and mixed in.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { catalogue } from '../../src/commands/catalogue.js';
import { flagName } from '../../src/runner/fields.js';

export const TEXT_MAX = 64 * 1024;

/** Names an ordinary object has without being given them: a lookup that forgets `hasOwn` finds them. */
export const OBJECT_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', 'prototype'];

const commandNames = catalogue.commands.flatMap((c) => [c.name, ...(c.slash ? [c.slash] : [])]);
const optionNames = [
  ...new Set(catalogue.commands.flatMap((c) => Object.keys(c.args as Record<string, z.ZodType>).map(flagName))),
  ...['--json', '--home', '--session', '--request-id', '--debug', '--help', '--version', '-h', '-V'],
  ...OBJECT_NAMES.map((n) => `--${n}`),
];

/** Text that drives a terminal: CSI, OSC title, bell, C1 CSI, NUL and the rest of C0. */
export const ESCAPES = ['\x1b[2J', '\x1b]0;pwned\x07', '\x07', '\x9b31m', '\x1b', '\x00', '\r', '\n', '\t', '\x7f'];

const control = fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 });

/** One word of a command line. */
export const hostileWord: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constantFrom(...optionNames) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...optionNames), fc.string({ maxLength: 8 })).map(([o, v]) => `${o}=${v}`) },
  { weight: 2, arbitrary: fc.constantFrom(...commandNames) },
  { weight: 2, arbitrary: fc.constantFrom(...OBJECT_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom('--', '-', '---', '--=', '-1', '-x', '--force=maybe', '=', '""', "''", '"', "'", '\\', '\\"', ' ') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => `-${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('T-1', 'T-SESS-01-DB', 'SPRINT-SESS-1', 'SESSION-001', 'SESSION-999999999999', '2h', '0m', '1e999', 'NaN', '-3h', 'Infinity') },
  { weight: 2, arbitrary: fc.oneof(control, fc.constantFrom(...ESCAPES)) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(TEXT_MAX), 'é'.repeat(TEXT_MAX + 1), `"${'q'.repeat(TEXT_MAX - 2)}"`, '\ud800'.repeat(100)) },
);

/** A whole argv: usually a command first, then words. */
export const hostileArgv: fc.Arbitrary<string[]> = fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...commandNames) }, { weight: 1, arbitrary: hostileWord }), fc.array(hostileWord, { maxLength: 8 })).map(([first, rest]) => [first, ...rest]);

/** A prompt line: words, some quoted, stray quotes and backslashes, odd spacing. */
export const hostileLine: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: hostileWord },
      { weight: 1, arbitrary: hostileWord.map((w) => `"${w}"`) },
      { weight: 1, arbitrary: hostileWord.map((w) => `'${w}'`) },
    ),
    { maxLength: 8 },
  )
  .chain((words) => fc.array(fc.constantFrom(' ', '  ', '\t', '\u00a0', '\u3000', ''), { minLength: words.length, maxLength: words.length }).map((gaps) => words.map((w, i) => `${w}${gaps[i]}`).join('')));
