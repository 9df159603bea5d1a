import type { Context, MiddlewareHandler } from 'hono';

/** Past this much a body is not read to its end: the connection is dropped instead. */
const DISCARD_AT_MOST = 16 * 1024 * 1024;

/**
 * Caps a request body at `max` bytes, answering `tooLarge` beyond. The body is
 * read to its end before answering, even when the header already says it is
 * too large: an answer sent while the client is still writing makes clients
 * (fetch among them) fail with a closed socket instead of reading the 413.
 */
export function bodyLimit(max: number, tooLarge: (c: Context) => Response): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const kept: Uint8Array[] = [];
    let size = 0;
    const reader = body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size <= max) kept.push(value);
      else if (size > DISCARD_AT_MOST) {
        await reader.cancel();
        break;
      }
    }
    if (size > max) return tooLarge(c);
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(kept) });
    return next();
  };
}
