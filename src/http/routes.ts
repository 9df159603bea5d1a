import { Hono, type Context } from 'hono';
import { catalogue } from '../commands/catalogue.js';
import { FragmentsError } from '../domain/errors.js';
import type { Ctx } from '../runner/define.js';
import { execute } from '../runner/execute.js';
import type { Store } from '../store/store.js';
import type { Env } from './env.js';
import { refuse } from './request-context.js';
import { callOptions } from '../runner/call-options.js';
import { statusOf } from './status.js';

/** The request's JSON object of arguments; an empty body is no arguments. */
async function bodyArgs(c: Context<Env>): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FragmentsError('BAD_JSON', `The body is not JSON (${(e as Error).message}); send an object of the command's arguments, e.g. {"text":"…"}.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new FragmentsError('BAD_JSON', 'The body must be a JSON object of the command\'s arguments, e.g. {"text":"…"}.');
  return value as Record<string, unknown>;
}

/**
 * Runs one catalogue command for a request: the session from the path, else
 * `X-Session-Key`, else a `session_key` in the body, else the home's current
 * one; `Idempotency-Key`, else a `request_id` in the body, is the request id.
 * The envelope is the body whatever happened; the status says what kind of
 * answer it is.
 */
async function answer(c: Context<Env>, store: Store, now: () => Date, name: string, read: () => Promise<Record<string, unknown>>, pathKey?: string) {
  try {
    const { session_key, request_id, ...args } = await read();
    const inPath = callOptions({ session_key: pathKey }, { session_key: 'the session in the path', request_id: '' });
    const inBody = callOptions({ session_key, request_id });
    const sessionKey = inPath.sessionKey ?? c.var.session?.key ?? inBody.sessionKey;
    const requestId = c.var.requestId ?? inBody.requestId;
    // Never byDeveloper: X-Source may say `cli`, but a request is not the developer typing.
    const ctx: Ctx = { store, face: c.var.source, now, sessionKey, requestId, cwd: process.cwd(), serving: true };
    const envelope = await execute(catalogue, ctx, name, args);
    if (envelope.session_key) c.header('X-Session-Key', envelope.session_key);
    return c.json(envelope, statusOf(envelope));
  } catch (e) {
    if (e instanceof FragmentsError) return refuse(c, e, catalogue.find(name)?.name ?? name);
    throw e;
  }
}

/**
 * The routes the commands name for themselves (SPEC 3's, such as
 * `POST /sessions/start`), and `POST /api/commands/:name` for every command
 * of the catalogue. GET takes the arguments from the query, POST from the
 * body; a path parameter fills the argument of its name, `:session` names the
 * session the command acts in.
 */
export function commandRoutes(store: Store, now: () => Date): Hono<Env> {
  const app = new Hono<Env>();
  for (const command of catalogue.commands) {
    for (const route of command.routes ?? []) {
      const [method, path] = route.split(' ') as ['GET' | 'POST', string];
      app.on(method, path, (c) => {
        const { session, ...params } = c.req.param() as Record<string, string>;
        const given = method === 'GET' ? async () => c.req.query() : () => bodyArgs(c);
        return answer(c, store, now, command.name, async () => ({ ...(await given()), ...params }), session);
      });
    }
  }
  app.post('/commands/:name', (c) => answer(c, store, now, c.req.param('name'), () => bodyArgs(c)));
  return app;
}
