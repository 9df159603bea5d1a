import { closest, sameCode } from '../domain/codes.js';
import { DURATION_LIMITS, outsideLimits, parseDuration, type Estimate } from '../domain/duration.js';
import { FragmentsError, notFound } from '../domain/errors.js';
import type { PlanFile, Priority, Sprint, Task } from '../domain/plan.js';

export function findTask(plan: PlanFile, code: string): Task {
  const task = plan.tasks.find((t) => sameCode(t.code, code));
  if (!task) throw notFound('task', code, closest(code, plan.tasks.map((t) => t.code)));
  return task;
}

export function findSprint(plan: PlanFile, code: string): Sprint {
  const sprint = plan.sprints.find((s) => sameCode(s.code, code));
  if (!sprint) throw notFound('sprint', code, closest(code, plan.sprints.map((s) => s.code)));
  return sprint;
}

/** A duration typed as an argument: a duration within DURATION_LIMITS, else BAD_DURATION saying the forms and the limits. */
export function estimateArg(text: string | undefined, hoursPerDay: number): Estimate | null {
  if (text === undefined || text === '') return null;
  const estimate = parseDuration(text, hoursPerDay);
  const forms = `Write it like 90m, 2h, 1.5h, 2h30m or 2-3h (a bare number is hours, 1d is ${hoursPerDay}h), ${DURATION_LIMITS.text}.`;
  if (!estimate) throw new FragmentsError('BAD_DURATION', `"${text}" is not a duration. ${forms}`);
  const problem = outsideLimits(estimate);
  if (problem) throw new FragmentsError('BAD_DURATION', `"${text}" is ${problem}: durations go ${DURATION_LIMITS.text}.`);
  return estimate;
}

export interface SprintFields {
  code: string;
  title: string;
  goal?: string | undefined;
  estimate?: Estimate | null;
}

export function createSprint(plan: PlanFile, fields: SprintFields, now: Date): Sprint {
  if (plan.sprints.some((s) => sameCode(s.code, fields.code))) {
    throw new FragmentsError('ALREADY_EXISTS', `Sprint ${fields.code} already exists. See \`sprint:show ${fields.code}\`.`);
  }
  const at = now.toISOString();
  const sprint: Sprint = {
    code: fields.code,
    title: fields.title,
    goal: fields.goal ?? null,
    status: 'planned',
    estimate: fields.estimate ?? null,
    retrospective: null,
    deliverables: [],
    notes: [],
    created_at: at,
    updated_at: at,
    completed_at: null,
  };
  plan.sprints.push(sprint);
  return sprint;
}

export interface TaskFields {
  code: string;
  title: string;
  description?: string | undefined;
  sprint?: string | undefined;
  phase?: string | undefined;
  estimate?: Estimate | null;
  priority?: Priority | undefined;
  depends?: string[] | undefined;
  parent?: string | undefined;
  tags?: string[] | undefined;
}

export function createTask(plan: PlanFile, fields: TaskFields, now: Date): Task {
  if (plan.tasks.some((t) => sameCode(t.code, fields.code))) {
    throw new FragmentsError('ALREADY_EXISTS', `Task ${fields.code} already exists. See \`task:show ${fields.code}\`.`);
  }
  const parent = fields.parent ? findTask(plan, fields.parent) : null;
  const sprint = fields.sprint ? findSprint(plan, fields.sprint).code : (parent?.sprint ?? null);
  const depends = (fields.depends ?? []).map((d) => findTask(plan, d).code);
  const task = newTask({ ...fields, sprint: sprint ?? undefined, parent: parent?.code, depends }, now);
  refuseCycle(plan, task.code, depends);
  plan.tasks.push(task);
  return task;
}

/** A task as first made, its links taken as given: the caller has checked that they name tasks of the plan. */
export function newTask(fields: TaskFields & { group?: string | undefined }, now: Date): Task {
  const at = now.toISOString();
  return {
    code: fields.code,
    title: fields.title,
    description: fields.description ?? null,
    sprint: fields.sprint ?? null,
    phase: fields.phase ?? null,
    status: 'pending',
    priority: fields.priority ?? 'medium',
    estimate: fields.estimate ?? null,
    depends: fields.depends ?? [],
    parent: fields.parent ?? null,
    ...(fields.group ? { group: fields.group } : {}),
    ...(fields.tags?.length ? { tags: fields.tags } : {}),
    summary: null,
    updates: [],
    notes: [],
    artifacts: [],
    evidence: [],
    actual_seconds: 0,
    incomplete: false,
    started: false,
    block_reason: null,
    created_at: at,
    updated_at: at,
    started_at: null,
    completed_at: null,
  };
}

/** Refuses dependencies that would lead back to `code`, naming the cycle. */
export function refuseCycle(plan: PlanFile, code: string, depends: string[]): void {
  const byCode = new Map(plan.tasks.map((t) => [t.code.toLowerCase(), t]));
  const dependsOf = (c: string) =>
    sameCode(c, code) ? depends : (byCode.get(c.toLowerCase())?.depends ?? []);
  const seen = new Set<string>();
  const path: string[] = [code];
  const walk = (c: string): string[] | null => {
    for (const d of dependsOf(c)) {
      if (sameCode(d, code)) return [...path, d];
      if (seen.has(d.toLowerCase())) continue;
      seen.add(d.toLowerCase());
      path.push(d);
      const found = walk(d);
      if (found) return found;
      path.pop();
    }
    return null;
  };
  const cycle = walk(code);
  if (cycle) {
    throw new FragmentsError('DEPENDENCY_CYCLE', `Dependency cycle refused: ${cycle.join(' → ')}. Remove one of these dependencies.`, {
      cycle,
    });
  }
}

/** Refuses a task that would end up among its own parents. */
export function refuseParentCycle(plan: PlanFile, task: Task): void {
  const chain = [task.code];
  for (let parent = task.parent; parent !== null; ) {
    chain.push(parent);
    if (sameCode(parent, task.code)) {
      throw new FragmentsError('PARENT_CYCLE', `Parent cycle refused: ${chain.join(' → ')}. A task cannot be its own subtask.`, { cycle: chain });
    }
    const next = plan.tasks.find((t) => sameCode(t.code, parent!));
    if (!next || chain.length > plan.tasks.length) break;
    parent = next.parent;
  }
}

export function tasksOf(plan: PlanFile, sprint: string): Task[] {
  const key = sprint.toLowerCase();
  return plan.tasks.filter((t) => t.sprint !== null && (t.sprint === sprint || (t.sprint.length === key.length && t.sprint.toLowerCase() === key)));
}

export function subtasksOf(plan: PlanFile, code: string): Task[] {
  return plan.tasks.filter((t) => t.parent !== null && sameCode(t.parent, code));
}

/** Completed or cancelled: a task or sprint that takes no more work. */
export const isClosedStatus = (status: string) => status === 'completed' || status === 'cancelled';
export const isClosed = (item: { status: string }) => isClosedStatus(item.status);

export function sprintProgress(plan: PlanFile, sprint: string): { done: number; total: number } {
  return progressOf(tasksOf(plan, sprint));
}

/** Progress of a sprint's tasks: completed of those not cancelled. Counted in one pass: it runs after most commands, over a whole sprint. */
export function progressOf(sprintTasks: Task[]): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const task of sprintTasks) {
    if (task.status === 'cancelled') continue;
    total++;
    if (task.status === 'completed') done++;
  }
  return { done, total };
}
