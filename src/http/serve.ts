import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { FragmentsError } from '../domain/errors.js';
import { apiToken } from '../store/api-token.js';
import type { Store } from '../store/store.js';
import { allowedHosts, isLoopback, type AllowedHosts } from './allowed-hosts.js';
import { createApp } from './app.js';

export interface ServeOptions {
  store: Store;
  now: () => Date;
  port: number;
  host: string;
  allowHosts: string[];
}

/** Requests in flight get this long to finish once told to stop; then the rest are cut. */
const DRAIN_MS = 10_000;

/**
 * A connection has this long to send a request's headers: the token is in
 * them, so no connection that has not shown it stays open longer. A request
 * without the token is answered as soon as its headers are in, its body
 * never read. A request with it has REQUEST_TIMEOUT_MS to send its body.
 */
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * `fragments serve`: the HTTP API until SIGINT or SIGTERM. It says where it
 * listens and where the token is; bound beyond this machine, it warns.
 */
export async function serveHttp({ store, now, port, host, allowHosts }: ServeOptions): Promise<void> {
  const token = await apiToken(store.home);
  let hosts: AllowedHosts | undefined;
  // Requests come only once it listens, when the port (maybe chosen by the system) is known.
  const served = () => (hosts ??= allowedHosts({ host, port: (server.address() as AddressInfo).port, allowHosts }));
  const { app, close, homeChanged } = createApp({ store, now, token: token.token, hosts: served });
  const server = createAdaptorServer({
    fetch: app.fetch,
    // Node checks these timeouts every connectionsCheckingInterval (30 s by default): often enough that they hold.
    serverOptions: { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  }).catch((e: NodeJS.ErrnoException) => {
    const why = e.code === 'EADDRINUSE' ? `port ${port} is in use (another \`fragments serve\`?); choose another with --port` : e.message;
    throw new FragmentsError('CANNOT_LISTEN', `Cannot listen on ${host}:${port}: ${why}.`);
  });
  // Set before the address is announced: a client may signal as soon as it reads it.
  // `on`, not `once`, until the requests in flight are answered: a second signal during the
  // drain must not fall through to the default action and kill the process mid-write.
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  process.stdout.write(
    [
      `Fragments API listening on ${url} (MCP at ${url}/mcp) for the home ${store.home}`,
      `Token: ${token.path}${token.created ? ' (made now)' : ''}; send it as Authorization: Bearer <token>`,
      ...(allowHosts.length ? [`It also answers to ${allowHosts.join(', ')}; any other name in a request's Host or Origin is refused.`] : []),
      ...(isLoopback(host) ? [] : [`Warning: bound to ${host}, so reachable from other machines; anyone with the token can act on this home.`]),
      'Ctrl+C stops it.',
      '',
    ].join('\n'),
  );

  const unwatch = store.watch(homeChanged);
  await stopped;
  process.stdout.write('Stopping: finishing the requests in flight.\n');
  unwatch();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await close();
  const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  await closed;
  clearTimeout(cut);
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
}
