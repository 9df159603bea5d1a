import { Hono } from 'hono';
import pkg from '../../package.json' with { type: 'json' };
import { FragmentsError, stackOf, unexpectedFailure } from '../domain/errors.js';
import { createMcpServer } from '../mcp/server.js';
import type { Store } from '../store/store.js';
import { checkHostAndOrigin, type AllowedHosts } from './allowed-hosts.js';
import { requireToken } from './auth.js';
import { bodyLimit } from './body-limit.js';
import type { Env } from './env.js';
import { activityEvents } from './events.js';
import { mcpOverHttp, type SessionLimits } from './mcp.js';
import { commandRoutes } from './routes.js';
import { idempotencyKey, refuse, sessionContext } from './request-context.js';

export const BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  store: Store;
  now: () => Date;
  token: string;
  /** The names this server answers to; asked per request, as the port is known only once it listens. */
  hosts: () => AllowedHosts;
  /** MCP sessions' idle time and number (SESSION_LIMITS unless told). */
  mcpSessions?: SessionLimits;
}

/**
 * The HTTP face: SPEC 3's routes, every command, the activity stream and MCP.
 * Every route refuses a foreign Host or Origin first; then every route but
 * health wants the token, before any body is read.
 */
export function createApp({ store, now, token, hosts, mcpSessions }: AppOptions) {
  const app = new Hono<Env>();
  const streams = new Set<() => void>();
  const mcp = mcpOverHttp(() => createMcpServer({ store, now }), hosts, mcpSessions);

  app.onError((e, c) => {
    process.stderr.write(`fragments serve: unexpected failure on ${c.req.method} ${c.req.path}: ${stackOf(e)}\n`);
    return refuse(c, unexpectedFailure(e));
  });
  app.notFound((c) =>
    refuse(c, new FragmentsError('UNKNOWN_ROUTE', `No route ${c.req.method} ${c.req.path}. Commands are at POST /api/commands/:name; GET /api/health, GET /api/sessions, GET /api/events, POST /mcp.`)),
  );

  app.use('*', checkHostAndOrigin(hosts));
  app.get('/api/health', (c) => c.json({ ok: true, name: 'fragments', version: pkg.version }));
  const auth = requireToken(token);
  const limit = bodyLimit(BODY_LIMIT, (c) => refuse(c, new FragmentsError('BODY_TOO_LARGE', 'The body is over 1 MiB; text fields take up to 64 KiB each.')));
  app.use('/api/*', auth, limit);
  app.use('/mcp', auth, limit);
  app.use('/api/*', sessionContext(store), idempotencyKey());
  app.get('/api/events', activityEvents(store, streams));
  app.route('/api', commandRoutes(store, now));
  app.all('/mcp', mcp.handle);

  return {
    app,
    homeChanged: mcp.homeChanged,
    /** Ends the open event streams and MCP sessions, letting calls in flight answer first. */
    async close() {
      streams.forEach((end) => end());
      await mcp.close();
    },
  };
}
