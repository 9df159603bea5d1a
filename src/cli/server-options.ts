import { keepOption, readOption } from '../syntax/words.js';
import { FragmentsError } from '../domain/errors.js';

/** The servers (`mcp`, `serve`) are faces that run until stopped, not catalogue commands; their usage is said here. */
export const SERVER_USAGE = {
  mcp: 'Usage: fragments mcp — serves the commands as MCP tools over stdin/stdout (an agent client starts it; see the README, "Use with an agent").',
  serve:
    'Usage: fragments serve [--port 7420] [--host 127.0.0.1] [--allow-host NAME]… — the HTTP API and MCP at /mcp, behind the token in the home\'s api-token; --allow-host adds a name clients may reach it by (a proxy, a tunnel, another machine).',
} as const;

export type Server = keyof typeof SERVER_USAGE;
export const isServer = (name: string | undefined): name is Server => name === 'mcp' || name === 'serve';

const usage = (server: Server, problem: string) => new FragmentsError('USAGE', `${server}: ${problem}. ${SERVER_USAGE[server]}`);

export interface ServeOptions {
  port: number;
  host: string;
  /** Host names (with an optional port) clients may use besides this machine's own loopback names. */
  allowHosts: string[];
}

const OPTIONS: Record<string, 'string' | 'list'> = { '--port': 'string', '--host': 'string', '--allow-host': 'list' };

// A name as a client writes it in a URL: a DNS name or an IP, then maybe a port. Nothing else, so no scheme or path slips in.
const HOST_NAME = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/i;

/** `--allow-host` values as they appear in a Host header: lower case, an IPv6 address in brackets. */
function allowedName(value: string, fail: (problem: string) => Error): string {
  // Two colons or more: an IPv6 address, which a URL writes in brackets.
  const name = /:.*:/.test(value) && !value.startsWith('[') ? `[${value}]` : value;
  if (!HOST_NAME.test(name)) throw fail(`--allow-host takes a host name as clients write it in the URL, e.g. fragments.local or fragments.local:8443 (got ${JSON.stringify(value)})`);
  return name.toLowerCase();
}

/** `--port N` (0 takes any free port, and says which), `--host H` and `--allow-host NAME`, by the one option rule of every command. */
export function serverOptions(server: Server, words: string[]): ServeOptions {
  const found: Record<string, unknown> = {};
  const fail = (problem: string) => usage(server, problem);
  for (let i = 0; i < words.length; i++) {
    const flag = words[i]!.split('=')[0]!;
    const kind = server === 'serve' && Object.hasOwn(OPTIONS, flag) ? OPTIONS[flag]! : undefined;
    if (!kind) throw fail(`unexpected ${JSON.stringify(words[i])}`);
    const { value, last } = readOption(words, i, kind, fail);
    keepOption(found, flag.slice(2), flag, kind, value, fail);
    i = last;
  }
  const port = Number(found.port ?? 7420);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw fail(`--port takes a port number from 0 to 65535 (got ${JSON.stringify(found.port)})`);
  const host = String(found.host ?? '127.0.0.1');
  if (host === '') throw fail('--host needs a value');
  const allowHosts = found['allow-host'] === undefined ? [] : String(found['allow-host']).split(',').map((name) => allowedName(name.trim(), fail));
  return { port, host, allowHosts };
}
