import { sameCode } from '../domain/codes.js';
import { parseDuration, type Estimate } from '../domain/duration.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { PlanInput, TaskInput } from '../domain/plan-input.js';
import { createSprint, createTask, refuseCycle, refuseParentCycle } from './plan.js';

export interface ImportReport {
  sprints: { created: string[]; updated: string[]; unchanged: string[] };
  tasks: { created: string[]; updated: string[]; unchanged: string[] };
  notes: string[];
}

function estimateOf(text: string | undefined, owner: string, notes: string[]): Estimate | null | undefined {
  if (text === undefined) return undefined;
  const estimate = parseDuration(text);
  if (!estimate) notes.push(`${owner}: estimate "${text}" is not a duration, left out`);
  return estimate ?? undefined;
}

/** Sets `key` when the value differs; reports whether anything changed. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): boolean {
  if (value === undefined || JSON.stringify(target[key]) === JSON.stringify(value)) return false;
  target[key] = value;
  return true;
}

/**
 * Merges a plan into the home's plan: an existing code is updated, never
 * duplicated, and work already done on it (status, time, updates) is kept.
 * Running it twice changes nothing.
 */
export function importPlan(plan: PlanFile, input: PlanInput, now: Date, notes: string[] = []): ImportReport {
  const report: ImportReport = {
    sprints: { created: [], updated: [], unchanged: [] },
    tasks: { created: [], updated: [], unchanged: [] },
    notes,
  };
  const at = now.toISOString();
  const pendingDepends: { task: Task; input: TaskInput }[] = [];

  for (const s of input.sprints) {
    const estimate = estimateOf(s.estimate, s.code, notes);
    let sprint = plan.sprints.find((x) => sameCode(x.code, s.code));
    if (!sprint) {
      sprint = createSprint(plan, { code: s.code, title: s.title, goal: s.goal, estimate: estimate ?? null }, now);
      report.sprints.created.push(sprint.code);
    } else {
      const changed = [assign(sprint, 'title', s.title), assign(sprint, 'goal', s.goal), assign(sprint, 'estimate', estimate)].some(Boolean);
      if (changed) sprint.updated_at = at;
      report.sprints[changed ? 'updated' : 'unchanged'].push(sprint.code);
    }
    for (const t of s.tasks) {
      const taskEstimate = estimateOf(t.estimate, t.code, notes);
      let task = plan.tasks.find((x) => sameCode(x.code, t.code));
      if (!task) {
        task = createTask(
          plan,
          { code: t.code, title: t.title, description: t.description, sprint: sprint.code, phase: t.phase, estimate: taskEstimate ?? null, priority: t.priority },
          now,
        );
        report.tasks.created.push(task.code);
      } else {
        const changed = [
          assign(task, 'title', t.title),
          assign(task, 'description', t.description),
          assign(task, 'sprint', sprint.code),
          assign(task, 'phase', t.phase),
          assign(task, 'estimate', taskEstimate),
          assign(task, 'priority', t.priority),
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
      if (!found) notes.push(`${task.code}: ${what} ${code} is not in the plan, left out`);
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
