import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { FragmentsError } from '../domain/errors.js';
import { refuse } from './request-context.js';

/** Where the server listens, and the names the user allowed besides (`--allow-host`). */
export interface Served {
  host: string;
  port: number;
  allowHosts: readonly string[];
}

/** The `Host` headers and the `Origin`s a request may carry, lower case, as clients write them. */
export interface AllowedHosts {
  hosts: string[];
  origins: string[];
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Reachable from this machine only: `localhost`, 127.0.0.0/8, `::1`, and those written as IPv6 (`::ffff:127.0.0.1`). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare.toLowerCase() === 'localhost') return true;
  const family = isIP(bare);
  // A v4-mapped IPv6 address is checked against the IPv4 rules: ::ffff:127.0.0.1 is 127.0.0.1.
  return family !== 0 && LOOPBACK.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}

const inUrl = (host: string) => (isIP(host) === 6 ? `[${host}]` : host).toLowerCase();
const hasPort = (name: string) => /:\d+$/.test(name);

/**
 * The names this server answers to: its loopback names and the address it is
 * bound to, each with its port; bound to every interface (0.0.0.0, ::), each
 * interface's address too. An allowed name without a port is taken with any
 * the client writes: none behind a proxy or a tunnel, the served one directly.
 */
export function allowedHosts({ host, port, allowHosts }: Served): AllowedHosts {
  const names = new Set(['127.0.0.1', 'localhost', '::1', host]);
  if (host === '0.0.0.0' || host === '::') for (const i of Object.values(networkInterfaces()).flat()) if (i) names.add(i.address);
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${inUrl(name)}:${port}`);
    // As a URL writes it, which is what fetch and browsers send: [::ffff:127.0.0.1] becomes [::ffff:7f00:1].
    hosts.add(new URL(`http://${inUrl(name)}:${port}`).host);
    // Port 80 is the one a client leaves out.
    if (port === 80) hosts.add(inUrl(name));
  }
  for (const name of allowHosts) {
    hosts.add(name);
    if (!hasPort(name)) hosts.add(`${name}:${port}`);
  }
  return { hosts: [...hosts], origins: [...hosts].flatMap((h) => [`http://${h}`, `https://${h}`]) };
}

const shown = (text: string) => JSON.stringify(text.slice(0, 100));

/**
 * Refuses (403) a request whose `Host` is not one of this server's names, or
 * whose `Origin`, when there is one, is not: a web page that rebinds its own
 * name to 127.0.0.1 gets no further, whatever route it tries.
 */
export function checkHostAndOrigin(allowed: () => AllowedHosts): MiddlewareHandler {
  return async (c, next) => {
    const { hosts, origins } = allowed();
    // Without a Host header (an in-process request), the URL's host is the one asked for.
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!hosts.includes(host.toLowerCase())) {
      return refuse(
        c,
        new FragmentsError('HOST_NOT_ALLOWED', `Host ${shown(host)} is not a name this server answers to (it answers to ${hosts.slice(0, 3).join(', ')}…). To reach it by that name (a proxy, a tunnel, another machine), start it with --allow-host NAME.`),
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !origins.includes(origin.toLowerCase())) {
      return refuse(c, new FragmentsError('ORIGIN_NOT_ALLOWED', `Origin ${shown(origin)} is refused: only pages served from this server's own names may call it.`));
    }
    return next();
  };
}
