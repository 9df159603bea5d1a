import type { PlanFile, Sprint, Task } from '../domain/plan.js';
import type { Session } from '../domain/session.js';
import { activeSprintCode } from './context.js';
import { findSprint } from './plan.js';
import { activeTask } from './session.js';

/** What an update, note or artifact is recorded on. */
export type UpdateTarget = { kind: 'task'; task: Task } | { kind: 'sprint'; sprint: Sprint } | { kind: 'session' };

/** The sprint being worked in: the stack's, else the active task's. */
export function activeSprint(plan: PlanFile, session: Session): Sprint | null {
  const code = activeSprintCode(session) ?? activeTask(plan, session)?.sprint ?? null;
  return code ? findSprint(plan, code) : null;
}

/** Where `update` goes (SPEC 2): the active task, else the active sprint, else the session itself. */
export function updateTarget(plan: PlanFile, session: Session): UpdateTarget {
  const task = activeTask(plan, session);
  if (task) return { kind: 'task', task };
  const sprint = activeSprint(plan, session);
  return sprint ? { kind: 'sprint', sprint } : { kind: 'session' };
}

/** Records an update's text on its target: a task's updates, a sprint's notes; the session keeps it as the activity alone. */
export function recordUpdate(target: UpdateTarget, entry: { at: string; text: string; session: string }): void {
  if (target.kind === 'task') {
    target.task.updates.push(entry);
    target.task.updated_at = entry.at;
  } else if (target.kind === 'sprint') {
    target.sprint.notes.push(entry);
    target.sprint.updated_at = entry.at;
  }
}

/** The target as an answer names it. */
export function targetRef(target: UpdateTarget, session: Session): { kind: UpdateTarget['kind']; code: string } {
  if (target.kind === 'task') return { kind: 'task', code: target.task.code };
  if (target.kind === 'sprint') return { kind: 'sprint', code: target.sprint.code };
  return { kind: 'session', code: session.key };
}
