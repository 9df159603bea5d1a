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
 * sprint first, then highest priority, then oldest, then first in the plan.
 * One pass, no sort: it runs after most commands over a whole sprint, where
 * hundreds of tasks may be ready.
 */
export function nextTask(plan: PlanFile, activeSprint: string | null, skip: string[] = []): NextChoice {
  const statusOf = statusIndex(plan);
  const inSprint = (t: Task) => activeSprint !== null && t.sprint !== null && sameCode(t.sprint, activeSprint);
  let best: Ready | null = null;
  /** Ready tasks by [in the active sprint, priority], for what the choice says about its rivals. */
  const counts = new Map<string, number>();
  let readyIn = 0;
  let readyAll = 0;
  const blocked: Waiting[] = [];
  for (const task of plan.tasks) {
    if (task.status !== 'pending' || skip.some((s) => sameCode(s, task.code))) continue;
    const here = inSprint(task);
    const waiting = openDependencies(plan, task, statusOf);
    if (waiting.length) {
      if (!activeSprint || here) blocked.push({ code: task.code, waiting_on: waiting });
      continue;
    }
    readyAll++;
    if (here) readyIn++;
    const key = `${here} ${task.priority}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const ready = { task, here };
    if (!best || before(ready, best)) best = ready;
  }
  if (!best) return { task: null, reason: blocked.length ? `No task is ready: ${blocked.length} pending task(s) wait on unfinished dependencies.` : 'No pending task is left.', ready_count: 0, blocked };
  const rivals = (best.here ? readyIn : readyAll - readyIn) - 1;
  const samePriority = counts.get(`${best.here} ${best.task.priority}`)! - 1;
  return { task: best.task, reason: explain(best, activeSprint, rivals, samePriority), ready_count: best.here ? readyIn : readyAll, blocked };
}

interface Ready {
  task: Task;
  here: boolean;
}

/** Whether `a` comes before `b`, which came earlier in the plan: a tie keeps the earlier. */
function before(a: Ready, b: Ready): boolean {
  if (a.here !== b.here) return a.here;
  const rank = PRIORITY_RANK[a.task.priority] - PRIORITY_RANK[b.task.priority];
  if (rank !== 0) return rank > 0;
  return byText(a.task.created_at, b.task.created_at) < 0;
}

function explain({ task, here }: Ready, activeSprint: string | null, rivals: number, samePriority: number): string {
  const why: string[] = [task.depends.length ? `its dependencies (${task.depends.join(', ')}) are done` : 'it has no dependencies'];
  if (here) why.push(`it is in the active sprint ${activeSprint}`);
  else if (activeSprint) why.push(`no task of the active sprint ${activeSprint} is ready`);
  if (rivals > 0) {
    why.push(samePriority > 0 ? `it is the oldest of ${samePriority + 1} ready at priority ${task.priority}` : `its priority ${task.priority} is the highest of ${rivals + 1} ready`);
  } else {
    why.push(`priority ${task.priority}`);
  }
  return `${task.code} is next: ${why.join('; ')}.`;
}
