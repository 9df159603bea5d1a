import { keepOption, readOption } from '../commands/parse.js';
import { FragmentsError } from '../domain/errors.js';

/** The long-running faces are not catalogue commands; their usage is said here. */
export const FACE_USAGE = {
  mcp: 'Usage: fragments mcp — serves the commands as MCP tools over stdin/stdout (an agent client starts it; see the README, "Use with an agent").',
  serve: 'Usage: fragments serve [--port 7420] [--host 127.0.0.1] — the HTTP API and MCP at /mcp, behind the token in the home\'s api-token.',
} as const;

export type Face = keyof typeof FACE_USAGE;
export const isFace = (name: string | undefined): name is Face => name === 'mcp' || name === 'serve';

const usage = (face: Face, problem: string) => new FragmentsError('USAGE', `${face}: ${problem}. ${FACE_USAGE[face]}`);

export interface ServeOptions {
  port: number;
  host: string;
}

/** `--port N` (0 takes any free port, and says which) and `--host H`, by the one option rule of every command. */
export function faceOptions(face: Face, words: string[]): ServeOptions {
  const found: Record<string, unknown> = {};
  const fail = (problem: string) => usage(face, problem);
  for (let i = 0; i < words.length; i++) {
    const flag = words[i]!.split('=')[0]!;
    if (face !== 'serve' || (flag !== '--port' && flag !== '--host')) throw fail(`unexpected ${JSON.stringify(words[i])}`);
    const { value, last } = readOption(words, i, 'string', fail);
    keepOption(found, flag.slice(2), flag, 'string', value, fail);
    i = last;
  }
  const port = Number(found.port ?? 7420);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw fail(`--port takes a port number from 0 to 65535 (got ${JSON.stringify(found.port)})`);
  const host = String(found.host ?? '127.0.0.1');
  if (host === '') throw fail('--host needs a value');
  return { port, host };
}
