import type * as z from 'zod';
import { closest, didYouMean } from '../domain/codes.js';
import { FragmentsError } from '../domain/errors.js';
import type { Command, Face } from './define.js';
import { fieldKind, flagName, isOptional, type Field } from './fields.js';

/**
 * `fragments task:create CODE --title TITLE [--sprint SPRINT]`, generated from
 * the schema; on the screen's prompt, in slash form: `/task-start [CODE]`.
 */
export function usageLine(command: Command, face: Face = 'cli'): string {
  const shape = command.args;
  const parts = [face === 'tui' ? (command.slash ?? `/${command.name}`) : `fragments ${command.name}`];
  const bracket = (text: string, field: Field) => (isOptional(field) ? `[${text}]` : text);
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

export function usage(command: Command, problem: string, face: Face = 'cli'): FragmentsError {
  const line = usageLine(command, face);
  return new FragmentsError('USAGE', `${command.name}: ${problem}. Usage: ${line}`, { usage: line });
}

/** An option the command does not take, with the closest it does. */
export function unknownOption(command: Command, flag: string, face: Face = 'cli'): FragmentsError {
  const near = closest(flag, Object.keys(command.args).map(flagName));
  return usage(command, `unknown option ${flag}${didYouMean(near, 'aside')}`, face);
}

/**
 * Arguments named in an object (MCP, HTTP) get the command line's rule: a
 * name the command does not take is refused, never silently dropped, so a
 * misspelt `sumary` is said rather than lost.
 */
export function checkArgumentNames(command: Command, input: Record<string, unknown>, face: Face = 'cli'): void {
  const unknown = Object.keys(input).find((key) => !Object.hasOwn(command.args, key));
  // A name that could be an option is said as its option, as the CLI says it; any other (`__proto__`) quoted as sent.
  if (unknown !== undefined) throw unknownOption(command, /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/i.test(unknown) ? flagName(unknown) : JSON.stringify(unknown), face);
}

/** Turns zod's complaint into the usage error, naming the argument as the user typed it. */
export function argsError(command: Command, error: z.ZodError, input: Record<string, unknown>, face: Face = 'cli'): FragmentsError {
  const issue = error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const shape = command.args;
  const shown =
    key === command.rest || command.positional?.includes(key) ? key.toUpperCase() : key in shape ? flagName(key) : key || 'arguments';
  const got = JSON.stringify(input[key]) ?? '';
  const missing = input[key] === undefined;
  const message = missing ? (issue.code === 'invalid_type' ? 'is required' : issue.message) : `${issue.message} (got ${got.length > 40 ? `${got.slice(0, 39)}…` : got})`;
  return usage(command, `${shown} ${message}`, face);
}
