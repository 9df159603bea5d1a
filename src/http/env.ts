import type { Session, Source } from '../domain/session.js';

/** What the middlewares put in a request's context for the handlers. */
export interface Env {
  Variables: {
    /** Who is acting, from `X-Source` (default `api`): it tags activities and picks how suggestions are written. */
    source: Source;
    /** The session named by `X-Session-Key`, loaded and known to exist; absent: the home's current session. */
    session: Session | null;
    /** The request id from `Idempotency-Key`: a retry under it changes nothing. */
    requestId: string | undefined;
  };
}
