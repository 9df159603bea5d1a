import { sameCode } from '../domain/codes.js';
import type { PlanFile } from '../domain/plan.js';
import type { Session, SessionsFile } from '../domain/session.js';
import { activeTaskCode } from './context.js';
import { sessionView } from './recovery.js';
import { lastSignOfLife } from './clock.js';
import { activeTask } from './session.js';
import { secondsBetween, sessionTaskSeconds } from './timer.js';

/**
 * One session as mission control shows it: what it works on, when it was
 * last heard from, and whether it has gone quiet. A paused session is
 * never stale: it said it stopped.
 */
export function sessionOverview(plan: PlanFile, sessions: SessionsFile, session: Session, staleAfterSeconds: number, now: Date) {
  const task = activeTask(plan, session);
  const lastSeen = lastSignOfLife(session);
  const silent = Math.round(secondsBetween(lastSeen, now));
  const code = activeTaskCode(session);
  // Two open sessions on one task count its time twice and race on `done`: the view marks it.
  const sharedWith = code
    ? sessions.sessions
        .filter((s) => s !== session && (s.status === 'active' || s.status === 'paused') && sameCode(activeTaskCode(s) ?? '', code))
        .map((s) => s.key)
    : [];
  return {
    ...sessionView(session, now),
    active_task: task ? { code: task.code, title: task.title, status: task.status, session_seconds: Math.round(sessionTaskSeconds(session, task.code, now)) } : null,
    /** The last activity or heartbeat: a TUI left open on a running timer is not silent. */
    last_seen_at: lastSeen,
    silent_seconds: silent,
    stale: session.status === 'active' && silent > staleAfterSeconds,
    shared_with: sharedWith,
  };
}

export type SessionOverview = ReturnType<typeof sessionOverview>;
