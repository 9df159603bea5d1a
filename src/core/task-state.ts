import type { Estimate } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { Session } from '../domain/session.js';
import { startTimer, stopTimer } from './timer.js';

/*
 * What happens to the active task between starting and finishing it: it is
 * blocked (its timer stops), unblocked (the timer runs again while the
 * session is active), or its estimate changes.
 */

export function blockTask(session: Session, plan: PlanFile, task: Task, reason: string, now: Date): void {
  stopTimer(session, plan, now, 'blocked');
  task.status = 'blocked';
  task.block_reason = reason;
  task.updated_at = now.toISOString();
}

export function unblockTask(session: Session, task: Task, now: Date): void {
  if (task.status !== 'blocked') throw new FragmentsError('NOT_BLOCKED', `${task.code} is ${task.status}, not blocked.`);
  task.status = 'in_progress';
  task.block_reason = null;
  task.updated_at = now.toISOString();
  if (session.status === 'active') startTimer(session, task.code, now);
}

/** Sets the task's estimate; returns the one it had. */
export function reestimate(task: Task, estimate: Estimate | null, now: Date): Estimate | null {
  const before = task.estimate;
  task.estimate = estimate;
  task.updated_at = now.toISOString();
  return before;
}
