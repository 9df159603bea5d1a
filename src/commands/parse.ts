import type { z } from 'zod';
import { closest } from '../domain/codes.js';
import { FragmentsError } from '../domain/errors.js';
import type { Command } from './types.js';

type Kind = 'boolean' | 'number' | 'list' | 'string';

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
}

/** What a field takes on the command line, seen through optional/default/preprocess wrappers. */
export function fieldKind(field: z.ZodType): Kind {
  let def = (field as unknown as { def: Def }).def;
  for (;;) {
    if (def.innerType) def = (def.innerType as unknown as { def: Def }).def;
    else if (def.type === 'pipe' && def.out) def = (def.out as unknown as { def: Def }).def;
    else break;
  }
  if (def.type === 'boolean') return 'boolean';
  if (def.type === 'number') return 'number';
  if (def.type === 'array') return 'list';
  return 'string';
}

export const isOptional = (field: z.ZodType) => field.safeParse(undefined).success;
export const flagName = (key: string) => `--${key.replaceAll('_', '-')}`;
const keyOf = (flag: string) => flag.replace(/^--/, '').replaceAll('-', '_');

/** Splits a prompt line into words the way a shell would: quotes group, backslash escapes. */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (quote) throw new FragmentsError('USAGE', `Unclosed ${quote} quote: close it and try again.`);
  if (started) words.push(word);
  return words;
}

/** Maps command-line words onto the command's argument object; zod checks it next. */
export function argsFromWords(command: Command, words: string[]): Record<string, unknown> {
  const shape = command.args.shape as Record<string, z.ZodType>;
  const args: Record<string, unknown> = {};
  const bare: string[] = [];
  let flagsDone = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (flagsDone || !word.startsWith('--') || word === '--') {
      if (word === '--' && !flagsDone) flagsDone = true;
      else bare.push(word);
      continue;
    }
    const [flag, inline] = splitInline(word);
    const key = keyOf(flag);
    const field = shape[key];
    if (!field || key === command.rest || command.positional?.includes(key)) {
      if (field) {
        // A positional may also be given as a flag: `task:activate --code T-1`.
        args[key] = inline ?? words[++i];
        continue;
      }
      const known = Object.keys(shape).map(flagName);
      const near = closest(flag, known);
      throw usage(command, `unknown option ${flag}${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
    }
    if (fieldKind(field) === 'boolean') {
      args[key] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? words[++i];
    if (value === undefined) throw usage(command, `${flag} needs a value`);
    args[key] = value;
  }
  for (const key of command.positional ?? []) {
    if (bare.length === 0) break;
    if (args[key] === undefined) args[key] = bare.shift();
  }
  if (command.rest && bare.length) args[command.rest] = bare.join(' ');
  else if (bare.length) throw usage(command, `unexpected ${bare.length === 1 ? 'argument' : 'arguments'} ${bare.map((b) => JSON.stringify(b)).join(' ')}`);
  return args;
}

function splitInline(word: string): [string, string | undefined] {
  const eq = word.indexOf('=');
  return eq === -1 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
}

/** `fragments task:create CODE --title TITLE [--sprint SPRINT]`, generated from the schema. */
export function usageLine(command: Command): string {
  const shape = command.args.shape as Record<string, z.ZodType>;
  const parts = [`fragments ${command.name}`];
  const bracket = (text: string, field: z.ZodType) => (isOptional(field) ? `[${text}]` : text);
  for (const key of command.positional ?? []) parts.push(bracket(key.toUpperCase(), shape[key]!));
  if (command.rest) parts.push(bracket(`${command.rest.toUpperCase()}…`, shape[command.rest]!));
  for (const [key, field] of Object.entries(shape)) {
    if (key === command.rest || command.positional?.includes(key)) continue;
    const kind = fieldKind(field);
    const text = kind === 'boolean' ? flagName(key) : `${flagName(key)} ${kind === 'list' ? 'A,B' : key.toUpperCase()}`;
    parts.push(bracket(text, field));
  }
  return parts.join(' ');
}

export function usage(command: Command, problem: string): FragmentsError {
  return new FragmentsError('USAGE', `${command.name}: ${problem}. Usage: ${usageLine(command)}`, { usage: usageLine(command) });
}

/** Turns zod's complaint into the usage error, naming the argument as the user typed it. */
export function argsError(command: Command, error: z.ZodError, input: Record<string, unknown>): FragmentsError {
  const issue = error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const shape = command.args.shape as Record<string, z.ZodType>;
  const shown =
    key === command.rest || command.positional?.includes(key) ? key.toUpperCase() : key in shape ? flagName(key) : key || 'arguments';
  const got = JSON.stringify(input[key]) ?? '';
  const message =
    issue.code === 'invalid_type' && input[key] === undefined ? 'is required' : `${issue.message} (got ${got.length > 40 ? `${got.slice(0, 39)}…` : got})`;
  return usage(command, `${shown} ${message}`);
}
