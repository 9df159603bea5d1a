import type { Face } from '../runner/define.js';
import type { Session } from '../domain/session.js';

/** What the middlewares put in a request's context for the handlers. */
export interface Env {
  Variables: {
    /** Who is acting, from `X-Source` (default `api`): it tags activities and picks how suggestions are written. */
    source: Face;
    /** The session named by `X-Session-Key`, loaded and known to exist; absent: the home's current session. */
    session: Session | null;
  };
}
