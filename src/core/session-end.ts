import type { Activity } from '../domain/activity.js';
import type { PlanFile } from '../domain/plan.js';
import type { Session } from '../domain/session.js';
import { sessionActiveSeconds, sessionTaskSeconds, stopTimer } from './timer.js';

/** What an ended session did, as `session:end` tells it. */
export interface SessionSummary {
  duration_seconds: number;
  tasks_completed: { code: string; seconds: number; incomplete: boolean }[];
  updates: number;
  artifacts: number;
  interruptions: number;
  summary: string | null;
}

/**
 * Ends a session at `now`: its task timer stops (the task stays in
 * progress), its active time is banked, it is completed with `summary`.
 * Returns what it did, read from its whole history (`activities`).
 */
export function endSession(session: Session, plan: PlanFile, activities: Activity[], summary: string | null, now: Date): SessionSummary {
  stopTimer(session, plan, now, 'session ended');
  const elapsed = sessionActiveSeconds(session, now);
  session.active_seconds = elapsed;
  session.active_since = null;
  session.status = 'completed';
  session.ended_at = now.toISOString();
  session.summary = summary;
  const completed = new Set(activities.flatMap((a) => (a.data?.completed as string[] | undefined) ?? []));
  // Closed by force with failing checks: a completion's activity says so for its one task, a bulk one lists them.
  const incomplete = new Set(
    activities.flatMap((a) => (a.data?.incomplete === true ? ((a.data.completed as string[] | undefined) ?? []) : Array.isArray(a.data?.incomplete) ? (a.data.incomplete as string[]) : [])),
  );
  return {
    duration_seconds: Math.floor(elapsed),
    tasks_completed: [...completed].map((code) => ({ code, seconds: Math.floor(sessionTaskSeconds(session, code, now)), incomplete: incomplete.has(code) })),
    updates: activities.filter((a) => a.kind === 'update').length,
    artifacts: activities.filter((a) => a.kind === 'artifact').length,
    interruptions: session.interruptions.length,
    summary,
  };
}
