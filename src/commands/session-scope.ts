import { closest } from '../domain/codes.js';
import { FragmentsError, notFound } from '../domain/errors.js';
import type { Session } from '../domain/session.js';
import type { Tx } from '../store/store.js';
import type { Ctx } from './types.js';

/** The session a command acts in: the explicit key, else the home's current one. */
export async function currentSession(tx: Tx, ctx: Ctx): Promise<Session | null> {
  const { sessions } = await tx.sessions();
  const key = ctx.sessionKey ?? (await tx.current());
  if (!key) return null;
  const session = sessions.find((s) => s.key.toLowerCase() === key.toLowerCase());
  if (!session) {
    if (!ctx.sessionKey) return null;
    throw notFound('session', key, closest(key, sessions.map((s) => s.key)));
  }
  return session;
}

/** The session a change is recorded in; it must be open (active or paused). */
export async function requireSession(tx: Tx, ctx: Ctx): Promise<Session> {
  const session = await currentSession(tx, ctx);
  if (!session) {
    throw new FragmentsError('NO_SESSION', 'No work session is open. Start one with `session:start`, or name one with --session KEY.');
  }
  if (session.status === 'completed' || session.status === 'abandoned') {
    throw new FragmentsError(
      'SESSION_CLOSED',
      `${session.key} is ${session.status}. Start a new session with \`session:start\`.`,
      { session_key: session.key },
    );
  }
  return session;
}
