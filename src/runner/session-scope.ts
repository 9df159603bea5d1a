import { closedElsewhereNotice, isEnded } from '../core/session.js';
import { closest } from '../domain/codes.js';
import { FragmentsError, notFound } from '../domain/errors.js';
import type { Session } from '../domain/session.js';
import type { Tx } from '../store/store.js';
import type { Ctx } from './define.js';

/** The session named `key`; an unknown key is an error listing the closest ones. */
export async function findSession(tx: Tx, key: string): Promise<Session> {
  const { sessions } = await tx.sessions();
  const session = sessions.find((s) => s.key.toLowerCase() === key.toLowerCase());
  if (!session) throw notFound('session', key, closest(key, sessions.map((s) => s.key)));
  return session;
}

/** The session a command acts in: the explicit key, else the home's current one (if it still exists). */
export async function currentSession(tx: Tx, ctx: Ctx): Promise<Session | null> {
  if (ctx.sessionKey) return findSession(tx, ctx.sessionKey);
  const key = await tx.current();
  if (!key) return null;
  return (await tx.sessions()).sessions.find((s) => s.key === key) ?? null;
}

/** The session a change is recorded in; it must be open (active or paused). */
export async function requireSession(tx: Tx, ctx: Ctx): Promise<Session> {
  const session = await currentSession(tx, ctx);
  if (!session) {
    throw new FragmentsError('NO_SESSION', 'No work session is open. Start one with `session:start`, or name one with --session KEY.');
  }
  if (isEnded(session)) {
    throw new FragmentsError(
      'SESSION_CLOSED',
      `${session.key} is ${session.status}. Start a new session with \`session:start\`.`,
      { session_key: session.key },
    );
  }
  return session;
}

/** No active task; when another session completed the one this session had, that is the answer. */
export function noTask(session: Session, what: string, now: Date): FragmentsError {
  const closed = closedElsewhereNotice(session, now);
  if (closed) return new FragmentsError(session.closed_elsewhere?.how === 'taken over' ? 'NO_ACTIVE_TASK' : 'TASK_CLOSED', `${closed}; no task is active to ${what}. Take up another with \`task:activate\`.`);
  return new FragmentsError('NO_ACTIVE_TASK', `No task is active to ${what}. Start one with \`task:activate\` (no code takes the next ready task).`);
}
