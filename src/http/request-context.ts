import type { Context, MiddlewareHandler } from 'hono';
import { callOptions } from '../runner/call-options.js';
import { failure } from '../runner/envelope.js';
import { findSession } from '../runner/session-scope.js';
import { FragmentsError } from '../domain/errors.js';
import { Source } from '../domain/session.js';
import type { Store } from '../store/store.js';
import type { Env } from './env.js';
import { statusOf } from './status.js';

/** Answers a failure found before any command ran, in the one envelope form. */
export function refuse(c: Context, e: FragmentsError, command = '') {
  const envelope = failure(command, null, e);
  return c.json(envelope, statusOf(envelope));
}

/** Runs a middleware's step, answering a FragmentsError it raises as the refusal of the request. */
async function refusing(c: Context<Env>, step: () => Promise<void>, next: () => Promise<void>) {
  try {
    await step();
  } catch (e) {
    if (e instanceof FragmentsError) return refuse(c, e);
    throw e;
  }
  return next();
}

/**
 * Reads `X-Session-Key` and `X-Source` into the request's variables, so the
 * handlers act in that session, tagged with that source. An unknown key is
 * a 404 naming the closest ones; a malformed header a 400.
 */
export function sessionContext(store: Store): MiddlewareHandler<Env> {
  return (c, next) =>
    refusing(
      c,
      async () => {
        const source = Source.safeParse(c.req.header('X-Source') ?? 'api');
        if (!source.success) throw new FragmentsError('USAGE', `X-Source must be one of ${Source.options.join(', ')}.`);
        const { sessionKey } = callOptions({ session_key: c.req.header('X-Session-Key') }, { session_key: 'X-Session-Key', request_id: '' });
        c.set('session', sessionKey === undefined ? null : await store.read((tx) => findSession(tx, sessionKey)));
        c.set('source', source.data);
      },
      next,
    );
}

/** Reads `Idempotency-Key` into the request id, as hono/request-id reads its header: checked once, for every route. */
export function idempotencyKey(): MiddlewareHandler<Env> {
  return (c, next) =>
    refusing(
      c,
      async () => {
        c.set('requestId', callOptions({ request_id: c.req.header('Idempotency-Key') }, { session_key: '', request_id: 'Idempotency-Key' }).requestId);
      },
      next,
    );
}
