import { format } from 'date-fns/format';
import type { Activity } from '../domain/activity.js';
import type { PlanFile } from '../domain/plan.js';
import type { Session, SessionsFile } from '../domain/session.js';
import { activeTask } from './session.js';
import { sessionActiveSeconds } from './timer.js';
import { taskDetail } from './views.js';

export function sessionView(session: Session, now: Date) {
  return {
    key: session.key,
    type: session.type,
    source: session.source,
    agent: session.agent,
    user: session.user,
    status: session.status,
    started_at: session.started_at,
    ended_at: session.ended_at,
    last_activity_at: session.last_activity_at,
    active_seconds: Math.round(sessionActiveSeconds(session, now)),
    activity_count: session.activity_count,
    interruptions: session.interruptions,
    pause_reason: session.pause_reason,
    summary: session.summary,
    context_stack: contextStack(session),
  };
}

export function contextStack(session: Session) {
  return [{ kind: 'project' as const, code: null }, ...session.stack.map((f) => ({ kind: f.kind, code: f.code, since: f.since }))];
}

/**
 * `14:30 update "Created migration files"`: one action an agent can read back.
 * The text is quoted as given (JSON keeps it intact); a human view escapes it like any other.
 */
export function actionLine(a: Activity): string {
  const what = a.text ?? (a.task ? a.task : '');
  return `${format(new Date(a.at), 'HH:mm')} ${a.command}${what ? ` "${what.length > 120 ? `${what.slice(0, 117)}…` : what}"` : ''}`;
}

/** What the session looked like before it was taken up again. */
export interface Interruption {
  /** The last activity or heartbeat before the resume. */
  lastSeen: string;
  lastActions: Activity[];
  interrupted_for: number;
}

/** SPEC 6: everything a new agent needs to carry on. */
export function recoveryPackage(plan: PlanFile, sessions: SessionsFile, session: Session, before: Interruption, now: Date) {
  const task = activeTask(plan, session);
  return {
    session_key: session.key,
    session: sessionView(session, now),
    context_stack: contextStack(session),
    active_task: task ? taskDetail(plan, sessions, task, now) : null,
    last_activity_at: before.lastSeen,
    activities_since_start: session.activity_count,
    interrupted_for: before.interrupted_for,
    last_actions: before.lastActions.map(actionLine),
  };
}

export type SessionView = ReturnType<typeof sessionView>;
export type ContextFrame = ReturnType<typeof contextStack>[number];
export type RecoveryPackage = ReturnType<typeof recoveryPackage>;
