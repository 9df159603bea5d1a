import type { Invocation } from '../core/instructions.js';
import { flagName, looksLikeOption } from './fields.js';
import type { Command, Face } from './define.js';

/** Quotes a value so a shell (and `tokenize`) hands it back unchanged: double quotes while nothing in it is special there, else single. */
export function shellQuote(value: string): string {
  if (/^[\w.:,/@+=-]+$/.test(value)) return value;
  if (!/[$`"\\!\n]/.test(value)) return `"${value}"`;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export const toolName = (command: string) => command.replace(/[:-]/g, '_');

/** Writes a suggested command in the syntax of the face that will read it. */
export function renderInvocation(face: Face, invocation: Invocation, find: (name: string) => Command | undefined): string {
  const command = find(invocation.command);
  let args = Object.fromEntries(Object.entries(invocation.args ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string | boolean>;
  if (face === 'mcp' || face === 'api') {
    // The CLI's shared --session is `session_key` in a tool call or a request body.
    if (args.session !== undefined && !(command && 'session' in command.args)) {
      const { session, ...rest } = args;
      args = { ...rest, session_key: session };
    }
  }
  if (face === 'mcp') {
    return Object.keys(args).length ? `${toolName(invocation.command)} ${JSON.stringify(args)}` : toolName(invocation.command);
  }
  if (face === 'api') {
    const body = Object.keys(args).length ? ` ${JSON.stringify(args)}` : '';
    return `POST /api/commands/${invocation.command}${body}`;
  }
  const bare: string[] = [];
  const options: string[] = [];
  const placed = new Set<string>();
  for (const key of [...(command?.positional ?? []), ...(command?.rest ? [command.rest] : [])]) {
    const value = args[key];
    if (typeof value === 'string') {
      bare.push(value);
      placed.add(key);
    }
  }
  for (const [key, value] of Object.entries(args)) {
    if (placed.has(key) || value === false) continue;
    // The parser never takes a word that looks like an option as a value: such a value goes after `=`.
    if (value === true) options.push(flagName(key));
    else options.push(looksLikeOption(value) ? `${flagName(key)}=${shellQuote(value)}` : `${flagName(key)} ${shellQuote(value)}`);
  }
  // Bare words that look like options come after `--`, which ends the options.
  const words = bare.some(looksLikeOption) ? [...options, '--', ...bare.map(shellQuote)] : [...bare.map(shellQuote), ...options];
  const head = face === 'tui' ? (command?.slash ?? `/${invocation.command}`) : `fragments ${invocation.command}`;
  return [head, ...words].join(' ');
}
