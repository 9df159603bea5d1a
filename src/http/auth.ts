import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { failure } from '../commands/runner.js';
import { FragmentsError } from '../domain/errors.js';

// Digests have one length whatever was sent, so the comparison takes one time too.
const digest = (text: string) => createHash('sha256').update(text).digest();

/** `Authorization: Bearer <token>`, compared in constant time; a session key alone is never a credential. */
export function requireToken(token: string, tokenPath: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const sent = /^Bearer (.+)$/i.exec(header)?.[1]?.trim();
    if (sent !== undefined && timingSafeEqual(digest(sent), expected)) return next();
    const problem = sent === undefined ? 'No token: send Authorization: Bearer <token>' : 'Wrong token';
    c.header('WWW-Authenticate', 'Bearer realm="fragments"');
    return c.json(failure('', null, new FragmentsError('UNAUTHORIZED', `${problem}; the token is in ${tokenPath}.`)), 401);
  };
}
