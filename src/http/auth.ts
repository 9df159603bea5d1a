import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { failure } from '../runner/envelope.js';
import { FragmentsError } from '../domain/errors.js';

// Digests have one length whatever was sent, so the comparison takes one time too.
const digest = (text: string) => createHash('sha256').update(text).digest();

const WHERE = "the token is in the home's api-token file (`fragments serve` prints its path)";

/**
 * The challenge of a 401. A static token, not OAuth: the description says
 * what to send, so a client shows it rather than looking for an OAuth server,
 * and `invalid_token` only when a token was sent (RFC 6750, section 3.1).
 */
function challenge(sent: boolean): string {
  const description = `Send Authorization: Bearer <token>; ${WHERE.replaceAll('`', '')}. This server has no OAuth.`;
  return `Bearer realm="fragments"${sent ? ', error="invalid_token"' : ''}, error_description="${description}"`;
}

/**
 * `Authorization: Bearer <token>`, compared in constant time; a session key
 * alone is never a credential. Checked on the headers alone: the body of a
 * request without the token is never read. The answer never says where the
 * token file is, only that it is the home's.
 */
export function requireToken(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const sent = /^Bearer (.+)$/i.exec(header)?.[1]?.trim();
    if (sent !== undefined && timingSafeEqual(digest(sent), expected)) return next();
    const problem = sent === undefined ? 'No token: send Authorization: Bearer <token>' : 'Wrong token';
    c.header('WWW-Authenticate', challenge(sent !== undefined));
    return c.json(failure('', null, new FragmentsError('UNAUTHORIZED', `${problem}; ${WHERE}.`)), 401);
  };
}
