import type { Estimate } from '../domain/duration.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { SessionsFile } from '../domain/session.js';
import { isClosed } from './plan.js';
import { taskSeconds } from './timer.js';

/** One task as the board shows it: where it stands and what holds it back. */
export interface BoardTask {
  code: string;
  title: string;
  status: Task['status'];
  priority: Task['priority'];
  estimate: Estimate | null;
  actual_seconds: number;
  /** Its dependencies not completed or cancelled yet, in the order it names them. */
  waiting_on: string[];
  block_reason: string | null;
}

/** A sprint and its tasks in plan order; `code` null holds the tasks of no sprint. */
export interface BoardSprint {
  code: string | null;
  title: string;
  status: string;
  tasks: BoardTask[];
}

/**
 * The whole plan, sprint by sprint, each task with what blocks it: one pass
 * over the tasks, so a plan of thousands costs a moment, once.
 */
export function taskBoard(plan: PlanFile, sessions: SessionsFile, now: Date): BoardSprint[] {
  const open = new Set(plan.tasks.filter((t) => !isClosed(t)).map((t) => t.code.toLowerCase()));
  const bySprint = new Map<string | null, BoardTask[]>();
  for (const task of plan.tasks) {
    const key = task.sprint?.toLowerCase() ?? null;
    const row: BoardTask = {
      code: task.code,
      title: task.title,
      status: task.status,
      priority: task.priority,
      estimate: task.estimate,
      actual_seconds: Math.round(taskSeconds(task, sessions, now)),
      waiting_on: isClosed(task) ? [] : task.depends.filter((d) => open.has(d.toLowerCase())),
      block_reason: task.status === 'blocked' ? task.block_reason : null,
    };
    const list = bySprint.get(key);
    if (list) list.push(row);
    else bySprint.set(key, [row]);
  }
  const sprints: BoardSprint[] = plan.sprints.map((s) => ({ code: s.code, title: s.title, status: s.status, tasks: bySprint.get(s.code.toLowerCase()) ?? [] }));
  const known = new Set(plan.sprints.map((s) => s.code.toLowerCase()));
  // Tasks of no sprint (or of a sprint the plan no longer has) are still work: they come last.
  const loose = [...bySprint].filter(([key]) => key === null || !known.has(key)).flatMap(([, tasks]) => tasks);
  if (loose.length) sprints.push({ code: null, title: 'No sprint', status: 'planned', tasks: loose });
  return sprints;
}
