import { sameCode } from '../domain/codes.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { Session, SessionsFile, TimeEntry } from '../domain/session.js';
import { lastSignOfLife, sessionNow } from './clock.js';

const seconds = (from: string, to: Date | string) => Math.max(0, (new Date(to).getTime() - new Date(from).getTime()) / 1000);

/*
 * The rule of every function here: time a session has tracked is never
 * reduced. A running timer has counted at least up to the session's last
 * sign of life (every screen showed it so), so it never closes before that,
 * whatever the clock reads now; and a new entry never starts before it, so
 * no stretch is counted twice.
 */

export function openEntry(session: Session): TimeEntry | undefined {
  return session.time_entries.findLast((e) => e.end === null);
}

export function startTimer(session: Session, task: string, now: Date): void {
  if (openEntry(session)?.task === task) return;
  session.time_entries.push({ task, start: sessionNow(session, now).toISOString(), end: null, end_reason: null });
}

/**
 * Closes the open entry at `at` and banks its time on the task. `at` may be
 * earlier than now (a session found dead stops at its last sign of life),
 * never earlier than that sign of life. Returns the seconds banked.
 */
export function stopTimer(session: Session, plan: PlanFile, at: Date, reason: string): number {
  const entry = openEntry(session);
  if (!entry) return 0;
  const end = new Date(Math.max(at.getTime(), Date.parse(entry.start), Date.parse(lastSignOfLife(session))));
  entry.end = end.toISOString();
  entry.end_reason = reason;
  const spent = seconds(entry.start, end);
  const task = plan.tasks.find((t) => sameCode(t.code, entry.task));
  if (task) task.actual_seconds = Math.round((task.actual_seconds + spent) * 1000) / 1000;
  return spent;
}

/** Time on a task: banked entries plus every session's open entry on it. */
export function taskSeconds(task: Task, sessions: SessionsFile, now: Date): number {
  return task.actual_seconds + (runningSeconds(sessions, now).get(task.code.toLowerCase()) ?? 0);
}

/** The seconds of every active session's open entry, by task code in lower case: found once for a list of many tasks. */
export function runningSeconds(sessions: SessionsFile, now: Date): Map<string, number> {
  const running = new Map<string, number>();
  for (const s of sessions.sessions) {
    if (s.status !== 'active') continue;
    const entry = openEntry(s);
    if (!entry) continue;
    const code = entry.task.toLowerCase();
    running.set(code, (running.get(code) ?? 0) + seconds(entry.start, sessionNow(s, now)));
  }
  return running;
}

/** Seconds this session has spent on `code`, open entry included. */
export function sessionTaskSeconds(session: Session, code: string, now: Date): number {
  const until = sessionNow(session, now);
  let total = 0;
  for (const e of session.time_entries) {
    if (sameCode(e.task, code)) total += seconds(e.start, e.end ?? until);
  }
  return total;
}

/** Active seconds of the session: paused spans never count. */
export function sessionActiveSeconds(session: Session, now: Date): number {
  return session.active_seconds + (session.active_since ? seconds(session.active_since, sessionNow(session, now)) : 0);
}

/** Banks the active time up to `at`, never short of the session's last sign of life. */
export function bankActiveTime(session: Session, at: Date): void {
  if (session.active_since) {
    const until = sessionNow(session, at);
    session.active_seconds = Math.round((session.active_seconds + seconds(session.active_since, until)) * 1000) / 1000;
    session.active_since = null;
  }
}

export { seconds as secondsBetween };
