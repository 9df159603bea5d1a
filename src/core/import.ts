import type { Estimate } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import { TASK_FIELDS, type PlanFile, type Sprint, type SprintStatus, type Task, type TaskStatus } from '../domain/plan.js';
import { parseEstimate } from '../domain/plan-estimate.js';
import type { PlanInput, TaskInput } from '../domain/plan-input.js';
import { createSprint, isClosedStatus, newTask } from './plan.js';

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
  estimates_in_points: number;
  lines_skipped: number;
  not_imported: number;
}

export type ReadCounts = Pick<ImportCounts, 'generated_codes' | 'estimates_guessed' | 'estimates_in_points' | 'lines_skipped' | 'not_imported'>;

export const NOTHING_SKIPPED: ReadCounts = { generated_codes: 0, estimates_guessed: 0, estimates_in_points: 0, lines_skipped: 0, not_imported: 0 };

export function countInput(input: PlanInput, read: ReadCounts): ImportCounts {
  let tasks = 0;
  let subtasks = 0;
  let completed = 0;
  for (const sprint of input.sprints) {
    for (const task of sprint.tasks) {
      if (task.parent === undefined) tasks++;
      else subtasks++;
      if (task.status === 'completed') completed++;
    }
  }
  return { sprints: input.sprints.length, tasks, subtasks, completed, ...read };
}


/** Sets `key` when the value differs, keeping the schema's key order (the store rewrites a file whose keys come back in another order); reports whether anything changed. */
function assign<K extends keyof Task>(task: Task, key: K, value: Task[K] | undefined): boolean {
  if (value === undefined || JSON.stringify(task[key]) === JSON.stringify(value)) return false;
  if (key in task) {
    task[key] = value;
    return true;
  }
  const order: readonly string[] = TASK_FIELDS;
  const entries = Object.entries({ ...task, [key]: value }).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  for (const k of Object.keys(task)) delete (task as Record<string, unknown>)[k];
  Object.assign(task, Object.fromEntries(entries));
  return true;
}

function assignSprint<K extends keyof Sprint>(sprint: Sprint, key: K, value: Sprint[K] | undefined): boolean {
  if (value === undefined || JSON.stringify(sprint[key]) === JSON.stringify(value)) return false;
  sprint[key] = value;
  return true;
}

/**
 * A status from the file moves work forward, never back: re-importing the plan
 * a person started from must not reopen what was done since. A task still
 * pending takes any status; others only a closing one.
 */
function advance<S extends string>(current: S, wanted: S | undefined, initial: S): S | undefined {
  if (wanted === undefined || wanted === current) return undefined;
  const closing = isClosedStatus(wanted);
  return current === initial || closing ? wanted : undefined;
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
 * Running it twice changes nothing. `source` is the file the plan came from:
 * its sprints remember it (see `placePlans`). Every lookup goes through a map,
 * so a plan of 20,000 tasks costs its size, not its square.
 */
export function importPlan(plan: PlanFile, input: PlanInput, now: Date, hoursPerDay: number, warnings: string[] = [], source?: string): ImportReport {
  const report: ImportReport = {
    sprints: { created: [], updated: [], unchanged: [] },
    tasks: { created: [], updated: [], unchanged: [] },
    warnings,
    notes: [],
  };
  const at = now.toISOString();
  const estimateOf = (text: string | undefined): Estimate | undefined => (text === undefined ? undefined : parseEstimate(text, hoursPerDay));
  const sprints = new Map(plan.sprints.map((s) => [s.code.toLowerCase(), s]));
  const tasks = new Map(plan.tasks.map((t) => [t.code.toLowerCase(), t]));
  const created = new Set<Task>();
  const updated = new Set<Task>();
  const pending: { task: Task; input: TaskInput }[] = [];

  for (const s of input.sprints) {
    const estimate = estimateOf(s.estimate);
    let sprint = sprints.get(s.code.toLowerCase());
    let changed = false;
    const isNew = !sprint;
    if (!sprint) {
      sprint = createSprint(plan, { code: s.code, title: s.title, goal: s.goal, estimate: estimate ?? null }, now);
      sprints.set(sprint.code.toLowerCase(), sprint);
      report.sprints.created.push(sprint.code);
    } else {
      changed = [assignSprint(sprint, 'title', s.title), assignSprint(sprint, 'goal', s.goal), assignSprint(sprint, 'estimate', estimate)].some(Boolean);
    }
    // placePlans has refused any other file's sprint: this one is the file's own, or nobody's until now.
    if (source !== undefined && sprint.source !== source) {
      sprint.source = source;
      changed = true;
    }
    const status = advance<SprintStatus>(sprint.status, s.status, 'planned');
    if (status !== undefined) {
      sprint.status = status;
      sprint.completed_at = status === 'completed' ? at : null;
      changed = true;
    }
    if (!isNew) {
      if (changed) sprint.updated_at = at;
      report.sprints[changed ? 'updated' : 'unchanged'].push(sprint.code);
    }
    for (const t of s.tasks) {
      const taskEstimate = estimateOf(t.estimate);
      let task = tasks.get(t.code.toLowerCase());
      if (!task) {
        task = newTask(
          { code: t.code, title: t.title, description: t.description, sprint: sprint.code, phase: t.phase, group: t.group, estimate: taskEstimate ?? null, priority: t.priority, tags: t.tags },
          now,
        );
        plan.tasks.push(task);
        tasks.set(task.code.toLowerCase(), task);
        setTaskStatus(task, t.status, at);
        created.add(task);
        report.tasks.created.push(task.code);
      } else {
        const changed = [
          assign(task, 'title', t.title),
          assign(task, 'description', t.description),
          assign(task, 'sprint', sprint.code),
          assign(task, 'phase', t.phase),
          assign(task, 'group', t.group),
          assign(task, 'estimate', taskEstimate),
          assign(task, 'priority', t.priority),
          t.tags?.length ? assign(task, 'tags', t.tags) : false,
          setTaskStatus(task, t.status, at),
        ].some(Boolean);
        if (changed && !updated.has(task)) {
          task.updated_at = at;
          updated.add(task);
          report.tasks.updated.push(task.code);
        }
      }
      pending.push({ task, input: t });
    }
  }

  // Links go in once every task exists, so a plan may name tasks before it defines them.
  for (const { task, input: t } of pending) {
    const resolve = (code: string, what: string) => {
      const found = tasks.get(code.toLowerCase());
      if (!found) warnings.push(`${task.code}: ${what} ${code} is not in the plan, left out`);
      return found?.code;
    };
    const depends = t.depends?.map((d) => resolve(d, 'dependency')).filter((d): d is string => d !== undefined);
    const parent = t.parent === undefined ? undefined : resolve(t.parent, 'parent');
    const changed = [assign(task, 'depends', depends), assign(task, 'parent', parent)].some(Boolean);
    if (changed && !created.has(task) && !updated.has(task)) {
      task.updated_at = at;
      updated.add(task);
      report.tasks.updated.push(task.code);
    }
  }
  refuseCycles(tasks, pending.map((p) => p.task));
  const seen = new Set<Task>();
  for (const { task } of pending) {
    if (created.has(task) || updated.has(task) || seen.has(task)) continue;
    seen.add(task);
    report.tasks.unchanged.push(task.code);
  }
  return report;
}

/**
 * Refuses a plan whose dependencies or parents go round in a circle, naming
 * the circle. One walk over the tasks the import touched and what they lead
 * to, each visited once.
 */
function refuseCycles(tasks: Map<string, Task>, touched: Task[]): void {
  const state = new Map<Task, 'open' | 'done'>();
  const path: Task[] = [];
  const visit = (start: Task): void => {
    // An explicit stack: a chain of 20,000 dependencies must not overflow the call stack.
    const stack: { task: Task; next: number }[] = [{ task: start, next: 0 }];
    state.set(start, 'open');
    path.push(start);
    while (stack.length) {
      const frame = stack.at(-1)!;
      const code = frame.task.depends[frame.next++];
      if (code === undefined) {
        state.set(frame.task, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const next = tasks.get(code.toLowerCase());
      if (!next || state.get(next) === 'done') continue;
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next].map((t) => t.code);
        throw new FragmentsError('DEPENDENCY_CYCLE', `Dependency cycle refused: ${cycle.join(' → ')}. Remove one of these dependencies.`, { cycle });
      }
      state.set(next, 'open');
      path.push(next);
      stack.push({ task: next, next: 0 });
    }
  };
  for (const task of touched) if (!state.has(task)) visit(task);

  const rooted = new Set<Task>();
  for (const task of touched) {
    const chain: Task[] = [];
    const onChain = new Set<Task>();
    for (let t: Task | undefined = task; t && !rooted.has(t); t = t.parent ? tasks.get(t.parent.toLowerCase()) : undefined) {
      if (onChain.has(t)) {
        const cycle = [...chain.slice(chain.indexOf(t)), t].map((x) => x.code);
        throw new FragmentsError('PARENT_CYCLE', `Parent cycle refused: ${cycle.join(' → ')}. A task cannot be its own subtask.`, { cycle });
      }
      chain.push(t);
      onChain.add(t);
    }
    for (const t of chain) rooted.add(t);
  }
}
