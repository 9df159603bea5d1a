import { sameCode } from '../domain/codes.js';
import { PRIORITY_RANK, type PlanFile, type Task } from '../domain/plan.js';
import { byText } from '../domain/order.js';
import { isClosedStatus } from './plan.js';

export interface Waiting {
  code: string;
  waiting_on: string[];
}

export interface NextChoice {
  task: Task | null;
  reason: string;
  /**
   * Ready tasks the choice was made among: the active sprint's when it has
   * any (then the sprint's file alone answers), else every sprint's.
   */
  ready_count: number;
  /** Pending tasks that cannot start yet, and what each waits on. */
  blocked: Waiting[];
}

/** Dependencies of `task` that are neither completed nor cancelled. */
export function openDependencies(plan: PlanFile, task: Task, statusOf = statusIndex(plan)): string[] {
  return task.depends.filter((d) => !isClosedStatus(statusOf(d) ?? ''));
}

/**
 * A task's status by its code. Runs once per command over a whole sprint: a
 * plain loop over codes as written, and a table of lower-cased codes only
 * when a dependency names a task in another case.
 */
function statusIndex(plan: PlanFile): (code: string) => string | undefined {
  const exact = new Map<string, string>();
  for (const task of plan.tasks) exact.set(task.code, task.status);
  let anyCase: Map<string, string> | null = null;
  return (code) => exact.get(code) ?? (anyCase ??= new Map(plan.tasks.map((t) => [t.code.toLowerCase(), t.status]))).get(code.toLowerCase());
}

/**
 * The next ready task: pending with every dependency done; in the active
 * sprint first, then highest priority, then oldest.
 */
export function nextTask(plan: PlanFile, activeSprint: string | null, skip: string[] = []): NextChoice {
  const statusOf = statusIndex(plan);
  const ready: Task[] = [];
  const blocked: { task: Task; waiting_on: string[] }[] = [];
  for (const task of plan.tasks) {
    if (task.status !== 'pending' || skip.some((s) => sameCode(s, task.code))) continue;
    const waiting = openDependencies(plan, task, statusOf);
    if (waiting.length) blocked.push({ task, waiting_on: waiting });
    else ready.push(task);
  }
  const inSprint = (t: Task) => activeSprint !== null && t.sprint !== null && sameCode(t.sprint, activeSprint);
  // Plan order breaks the last ties only, so it is looked up only when there is more than one to order.
  const order = ready.length > 1 ? new Map(plan.tasks.map((t, i) => [t, i])) : new Map<Task, number>();
  ready.sort(
    (a, b) =>
      Number(inSprint(b)) - Number(inSprint(a)) ||
      PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] ||
      byText(a.created_at, b.created_at) ||
      order.get(a)! - order.get(b)!,
  );
  const scopeBlocked = blocked
    .filter((b) => !activeSprint || inSprint(b.task))
    .map((b) => ({ code: b.task.code, waiting_on: b.waiting_on }));
  const task = ready[0] ?? null;
  const ready_count = task && inSprint(task) ? ready.filter(inSprint).length : ready.length;
  return { task, reason: explain(task, ready, activeSprint, inSprint, scopeBlocked), ready_count, blocked: scopeBlocked };
}

function explain(
  task: Task | null,
  ready: Task[],
  activeSprint: string | null,
  inSprint: (t: Task) => boolean,
  blocked: Waiting[],
): string {
  if (!task) {
    if (blocked.length) return `No task is ready: ${blocked.length} pending task(s) wait on unfinished dependencies.`;
    return 'No pending task is left.';
  }
  const why: string[] = [task.depends.length ? `its dependencies (${task.depends.join(', ')}) are done` : 'it has no dependencies'];
  if (inSprint(task)) why.push(`it is in the active sprint ${activeSprint}`);
  else if (activeSprint) why.push(`no task of the active sprint ${activeSprint} is ready`);
  const rivals = ready.filter((t) => t !== task && inSprint(t) === inSprint(task));
  if (rivals.length) {
    const samePriority = rivals.filter((t) => t.priority === task.priority);
    why.push(samePriority.length ? `it is the oldest of ${samePriority.length + 1} ready at priority ${task.priority}` : `its priority ${task.priority} is the highest of ${rivals.length + 1} ready`);
  } else {
    why.push(`priority ${task.priority}`);
  }
  return `${task.code} is next: ${why.join('; ')}.`;
}
