import { sameCode } from '../domain/codes.js';
import type { Estimate } from '../domain/duration.js';
import type { PlanFile, SprintStatus, Task, TaskStatus } from '../domain/plan.js';
import { parseEstimate } from '../domain/plan-estimate.js';
import type { PlanInput, TaskInput } from '../domain/plan-input.js';
import { createSprint, createTask, refuseCycle, refuseParentCycle } from './plan.js';

export interface ImportReport {
  sprints: { created: string[]; updated: string[]; unchanged: string[] };
  tasks: { created: string[]; updated: string[]; unchanged: string[] };
  /** What the author should fix: bad values left out, links to codes the plan lacks. */
  warnings: string[];
  /** What `--verbose` adds: skipped prose, guessed estimates, generated codes. */
  notes: string[];
}

/** What a plan file holds, by kind, so a person sees at a glance whether it was read right. */
export interface ImportCounts {
  sprints: number;
  tasks: number;
  subtasks: number;
  completed: number;
  generated_codes: number;
  estimates_guessed: number;
  lines_skipped: number;
}

export function countInput(input: PlanInput, read: Pick<ImportCounts, 'generated_codes' | 'estimates_guessed' | 'lines_skipped'>): ImportCounts {
  const tasks = input.sprints.flatMap((s) => s.tasks);
  return {
    sprints: input.sprints.length,
    tasks: tasks.filter((t) => t.parent === undefined).length,
    subtasks: tasks.filter((t) => t.parent !== undefined).length,
    completed: tasks.filter((t) => t.status === 'completed').length,
    ...read,
  };
}

/** Sets `key` when the value differs; reports whether anything changed. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): boolean {
  if (value === undefined || JSON.stringify(target[key]) === JSON.stringify(value)) return false;
  target[key] = value;
  return true;
}

/**
 * A status from the file moves work forward, never back: re-importing the plan
 * a person started from must not reopen what was done since. A task still
 * pending takes any status; others only a closing one.
 */
function advance<S extends string>(current: S, wanted: S | undefined, initial: S): S | undefined {
  if (wanted === undefined || wanted === current) return undefined;
  const closing = wanted === 'completed' || wanted === 'cancelled';
  return current === initial || closing ? wanted : undefined;
}

/**
 * Tags go where the schema has them (after `parent`): the store rewrites a file
 * whose keys come back in another order, and an unchanged plan must not be rewritten.
 */
function setTags(task: Task, tags: string[] | undefined): boolean {
  if (!tags?.length || JSON.stringify(task.tags) === JSON.stringify(tags)) return false;
  const entries = Object.entries(task).filter(([key]) => key !== 'tags');
  entries.splice(entries.findIndex(([key]) => key === 'parent') + 1, 0, ['tags', tags]);
  for (const key of Object.keys(task)) delete (task as Record<string, unknown>)[key];
  Object.assign(task, Object.fromEntries(entries));
  return true;
}

function setTaskStatus(task: Task, status: TaskStatus | undefined, at: string): boolean {
  const next = advance<TaskStatus>(task.status, status, 'pending');
  if (next === undefined) return false;
  task.status = next;
  task.completed_at = next === 'completed' ? at : null;
  if (next === 'in_progress') {
    task.started = true;
    task.started_at ??= at;
  }
  return true;
}

/**
 * Merges a plan into the home's plan: an existing code is updated, never
 * duplicated, and work already done on it (status, time, updates) is kept.
 * Running it twice changes nothing.
 */
export function importPlan(plan: PlanFile, input: PlanInput, now: Date, hoursPerDay: number, warnings: string[] = []): ImportReport {
  const report: ImportReport = {
    sprints: { created: [], updated: [], unchanged: [] },
    tasks: { created: [], updated: [], unchanged: [] },
    warnings,
    notes: [],
  };
  const at = now.toISOString();
  const estimateOf = (text: string | undefined): Estimate | undefined => (text === undefined ? undefined : parseEstimate(text, hoursPerDay));
  const pendingDepends: { task: Task; input: TaskInput }[] = [];

  for (const s of input.sprints) {
    const estimate = estimateOf(s.estimate);
    let sprint = plan.sprints.find((x) => sameCode(x.code, s.code));
    let changed = false;
    if (!sprint) {
      sprint = createSprint(plan, { code: s.code, title: s.title, goal: s.goal, estimate: estimate ?? null }, now);
      report.sprints.created.push(sprint.code);
    } else {
      changed = [assign(sprint, 'title', s.title), assign(sprint, 'goal', s.goal), assign(sprint, 'estimate', estimate)].some(Boolean);
    }
    const status = advance<SprintStatus>(sprint.status, s.status, 'planned');
    if (status !== undefined) {
      sprint.status = status;
      sprint.completed_at = status === 'completed' ? at : null;
      changed = true;
    }
    if (!report.sprints.created.includes(sprint.code)) {
      if (changed) sprint.updated_at = at;
      report.sprints[changed ? 'updated' : 'unchanged'].push(sprint.code);
    }
    for (const t of s.tasks) {
      const taskEstimate = estimateOf(t.estimate);
      let task = plan.tasks.find((x) => sameCode(x.code, t.code));
      if (!task) {
        task = createTask(
          plan,
          { code: t.code, title: t.title, description: t.description, sprint: sprint.code, phase: t.phase, estimate: taskEstimate ?? null, priority: t.priority, tags: t.tags },
          now,
        );
        setTaskStatus(task, t.status, at);
        report.tasks.created.push(task.code);
      } else {
        const changed = [
          assign(task, 'title', t.title),
          assign(task, 'description', t.description),
          assign(task, 'sprint', sprint.code),
          assign(task, 'phase', t.phase),
          assign(task, 'estimate', taskEstimate),
          assign(task, 'priority', t.priority),
          setTags(task, t.tags),
          setTaskStatus(task, t.status, at),
        ].some(Boolean);
        if (changed) {
          task.updated_at = at;
          report.tasks.updated.push(task.code);
        }
      }
      pendingDepends.push({ task, input: t });
    }
  }

  // Links go in once every task exists, so a plan may name tasks before it defines them.
  for (const { task, input: t } of pendingDepends) {
    const resolve = (code: string, what: string) => {
      const found = plan.tasks.find((x) => sameCode(x.code, code));
      if (!found) warnings.push(`${task.code}: ${what} ${code} is not in the plan, left out`);
      return found?.code;
    };
    const depends = t.depends?.map((d) => resolve(d, 'dependency')).filter((d): d is string => d !== undefined);
    const parent = t.parent === undefined ? undefined : resolve(t.parent, 'parent');
    const changed = [assign(task, 'depends', depends), assign(task, 'parent', parent)].some(Boolean);
    if (changed && !report.tasks.created.includes(task.code) && !report.tasks.updated.includes(task.code)) {
      task.updated_at = at;
      report.tasks.updated.push(task.code);
    }
  }
  for (const { task } of pendingDepends) {
    refuseCycle(plan, task.code, task.depends);
    refuseParentCycle(plan, task);
  }
  for (const { task } of pendingDepends) {
    const seen = [report.tasks.created, report.tasks.updated].some((list) => list.includes(task.code));
    if (!seen) report.tasks.unchanged.push(task.code);
  }
  return report;
}
