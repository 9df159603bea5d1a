import * as z from 'zod';
import { FragmentsError } from './errors.js';
import { Code, Priority, SprintStatus, TaskStatus, Text, TEXT_MAX } from './plan.js';
import { parseEstimate } from './plan-estimate.js';

/** A plan as `import` reads it, from JSON or from Markdown. Estimates are duration strings (`2h`, `2-3h`, `1.5 days`). */
export const TaskInput = z.lazy(() => z.object({
  code: Code,
  title: Text,
  description: Text.optional(),
  estimate: z.string().optional(),
  priority: Priority.optional(),
  depends: z.array(Code).optional(),
  parent: Code.optional(),
  phase: Text.optional(),
  group: Text.optional(),
  status: TaskStatus.optional(),
  tags: z.array(Text).optional(),
}));
export type TaskInput = z.infer<typeof TaskInput>;

export const SprintInput = z.lazy(() => z.object({
  code: Code,
  title: Text,
  goal: Text.optional(),
  estimate: z.string().optional(),
  status: SprintStatus.optional(),
  tasks: z.array(TaskInput).default([]),
}));
export type SprintInput = z.infer<typeof SprintInput>;

export const PlanInput = z.lazy(() => z.object({ sprints: z.array(SprintInput) }));
export type PlanInput = z.infer<typeof PlanInput>;

const PLAN_SHAPE = 'A plan is { "sprints": [ { "code", "title", "tasks": [ { "code", "title" } ] } ] }.';

/**
 * One rule for every field of a plan, whatever file it came from: an item cannot
 * exist without a valid code and title, so a bad one refuses the file; any other
 * field with a bad value is left out, with a warning naming where it was.
 * A code defined twice refuses the file too, naming both places: which one was
 * meant is the author's call, and taking either would make re-import unstable.
 */
export function checkPlanInput(raw: unknown, hoursPerDay: number, options: { quote: boolean } = { quote: true }): { input: PlanInput; warnings: string[] } {
  // A file an agent face read is never quoted back: the messages name the place, not the value.
  const quote = options.quote;
  const warnings: string[] = [];
  const sprints = field(raw, 'sprints');
  if (!isRecord(raw) || !Array.isArray(sprints)) throw badPlan(`top level: "sprints" must be a list. ${PLAN_SHAPE}`);
  const seen = { sprint: new Map<string, string>(), task: new Map<string, string>() };
  const input: PlanInput = {
    sprints: sprints.map((s, i) => {
      const where = `sprints[${i}]`;
      const sprint: SprintInput = { ...identity(s, where, seen.sprint, 'sprint', quote), tasks: [] };
      const take = optionalFields(s, where, sprint.code, warnings, hoursPerDay, quote);
      take('goal', Text, (v) => (sprint.goal = v));
      take('estimate', z.string(), (v) => (sprint.estimate = v));
      take('status', SprintStatus, (v) => (sprint.status = v));
      const tasks = field(s, 'tasks') ?? [];
      if (!Array.isArray(tasks)) throw badPlan(`${where}.tasks must be a list. ${PLAN_SHAPE}`);
      sprint.tasks = tasks.map((t, j) => checkTask(t, `${where}.tasks[${j}]`, seen.task, warnings, hoursPerDay, quote));
      return sprint;
    }),
  };
  return { input, warnings };
}

function checkTask(raw: unknown, where: string, seen: Map<string, string>, warnings: string[], hoursPerDay: number, quote: boolean): TaskInput {
  const task: TaskInput = identity(raw, where, seen, 'task', quote);
  const take = optionalFields(raw, where, task.code, warnings, hoursPerDay, quote);
  take('description', Text, (v) => (task.description = v));
  take('estimate', Text, (v) => (task.estimate = v));
  take('priority', Priority, (v) => (task.priority = v));
  take('parent', Code, (v) => (task.parent = v));
  take('phase', Text, (v) => (task.phase = v));
  take('group', Text, (v) => (task.group = v));
  take('status', TaskStatus, (v) => (task.status = v));
  take('tags', TAGS, (v) => (task.tags = v));
  take('depends', LIST, (list) => {
    task.depends = list.filter((d) => {
      const ok = parsed(Code, d).success;
      if (!ok) warnings.push(`${where} (${task.code}): dependency ${quote ? `${JSON.stringify(d)} ` : ''}is not a code; left out`);
      return ok;
    }) as string[];
  });
  return task;
}

function identity(raw: unknown, where: string, seen: Map<string, string>, kind: string, quote: boolean): { code: string; title: string } {
  const code = parsed(Code, field(raw, 'code'));
  if (!code.success) throw badPlan(`${where}.code: ${code.error.issues[0]!.message}${quote ? ` (got ${shown(field(raw, 'code'))})` : ''}. ${PLAN_SHAPE}`);
  const title = parsed(Text, field(raw, 'title'));
  if (!title.success) throw badPlan(`${where}.title (${code.data}): ${title.error.issues[0]!.message}. ${PLAN_SHAPE}`);
  const first = seen.get(code.data.toLowerCase());
  if (first) throw badPlan(`${kind} ${code.data} is defined twice, at ${first} and ${where}: keep one of them.`);
  seen.set(code.data.toLowerCase(), where);
  return { code: code.data, title: title.data };
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PRIORITIES = new Set<unknown>(Priority.options);
const TASK_STATUSES = new Set<unknown>(TaskStatus.options);
const SPRINT_STATUSES = new Set<unknown>(SprintStatus.options);
const TAGS = z.lazy(() => z.array(Text));
const LIST = z.lazy(() => z.array(z.unknown()));

/**
 * What zod would say of a value, without asking zod when the value plainly
 * fits: a plan of 20,000 tasks has 200,000 fields, and zod's checking of each
 * was most of the time of reading one. A value that does not fit is judged by
 * the schema itself, so every message stays zod's.
 */
function parsed<T>(schema: z.ZodType<T>, value: unknown): z.ZodSafeParseResult<T> {
  const fits =
    schema === (Text as z.ZodType) ? typeof value === 'string' && value.length <= TEXT_MAX
    : schema === (Code as z.ZodType) ? typeof value === 'string' && value.length <= 64 && CODE.test(value)
    : schema === (Priority as z.ZodType) ? PRIORITIES.has(value)
    : schema === (TaskStatus as z.ZodType) ? TASK_STATUSES.has(value)
    : schema === (SprintStatus as z.ZodType) ? SPRINT_STATUSES.has(value)
    : schema === (TAGS as z.ZodType) ? Array.isArray(value) && value.every((t) => typeof t === 'string' && t.length <= TEXT_MAX)
    : schema === (LIST as z.ZodType) ? Array.isArray(value)
    : false;
  return fits ? { success: true, data: value as T } : schema.safeParse(value);
}

/** Reads optional fields one by one: a bad value is reported and left out, never fatal. */
function optionalFields(raw: unknown, where: string, code: string, warnings: string[], hoursPerDay: number, quote: boolean) {
  return <T>(key: string, schema: z.ZodType<T>, set: (value: T) => void) => {
    const value = field(raw, key);
    // An empty text says nothing: it is the same as leaving the field out.
    if (value === undefined || value === null || value === '') return;
    const result = parsed(schema, value);
    let problem = result.success ? undefined : result.error.issues[0]!.message;
    if (result.success && key === 'estimate' && !positive(parseEstimate(value as string, hoursPerDay))) {
      problem = 'not a duration above zero (write 90m, 2h, 2-3h or 1.5 days)';
    }
    if (problem !== undefined || !result.success) {
      warnings.push(`${where} (${code}): ${key} ${quote ? `${shown(value)} ` : ''}left out: ${problem}`);
      return;
    }
    set(result.data);
  };
}

function positive(estimate: { high_hours: number } | undefined): boolean {
  return estimate !== undefined && estimate.high_hours > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(raw: unknown, key: string): unknown {
  return isRecord(raw) ? raw[key] : undefined;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function badPlan(message: string): FragmentsError {
  return new FragmentsError('BAD_PLAN', message);
}
