import type { Context, MiddlewareHandler } from 'hono';
import { failure } from '../runner/envelope.js';
import { findSession } from '../runner/session-scope.js';
import { FragmentsError } from '../domain/errors.js';
import { SessionKey, Source } from '../domain/session.js';
import type { Store } from '../store/store.js';
import type { Env } from './env.js';
import { statusOf } from './status.js';

/** A session key from outside (header or path), checked for its form; then it must exist, or the answer names the closest keys. */
export async function loadSession(store: Store, key: string) {
  if (!SessionKey.safeParse(key).success) throw new FragmentsError('USAGE', `${JSON.stringify(key.slice(0, 40))} is not a session key; they look like SESSION-001.`);
  return store.read((tx) => findSession(tx, key));
}

/** Answers a failure found before any command ran, in the one envelope form. */
export function refuse(c: Context, e: FragmentsError, command = '') {
  const envelope = failure(command, null, e);
  return c.json(envelope, statusOf(envelope));
}

/**
 * Reads `X-Session-Key` and `X-Source` into the request's variables, so the
 * handlers act in that session, tagged with that source. An unknown key is
 * a 404 naming the closest ones; a malformed header a 400.
 */
export function sessionContext(store: Store): MiddlewareHandler<Env> {
  return async (c, next) => {
    const source = Source.safeParse(c.req.header('X-Source') ?? 'api');
    if (!source.success) return refuse(c, new FragmentsError('USAGE', `X-Source must be one of ${Source.options.join(', ')}.`));
    const key = c.req.header('X-Session-Key');
    try {
      c.set('session', key === undefined ? null : await loadSession(store, key));
    } catch (e) {
      if (e instanceof FragmentsError) return refuse(c, e);
      throw e;
    }
    c.set('source', source.data);
    return next();
  };
}
