import * as z from 'zod';
import { Estimate } from './duration.js';

// Schemas are z.lazy: built on their first use, not at load. A command reading
// files Fragments already checked (store/checked.ts) never builds them, and
// building them all cost every start ~5 ms. Choices (z.enum) stay plain: their
// values are read as lists.

export const TEXT_MAX = 64 * 1024;
export const Text = z.lazy(() => z.string().max(TEXT_MAX, 'text is limited to 64 KiB'));
export const Code = z.lazy(() =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'codes use letters, digits, ".", "_" and "-"'),
);
export const Timestamp = z.lazy(() => z.string().datetime({ offset: true }));

export const Priority = z.enum(['low', 'medium', 'high', 'critical']);
export type Priority = z.infer<typeof Priority>;
export const PRIORITY_RANK: Record<Priority, number> = { critical: 3, high: 2, medium: 1, low: 0 };

export const TaskStatus = z.enum(['pending', 'in_progress', 'completed', 'blocked', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const SprintStatus = z.enum(['planned', 'in_progress', 'completed', 'cancelled']);
export type SprintStatus = z.infer<typeof SprintStatus>;

/** A dated piece of text: context update, note, retrospective line. */
export const Entry = z.lazy(() => z.object({ at: Timestamp, text: Text, session: z.string().nullable() }));
export type Entry = z.infer<typeof Entry>;

export const Artifact = z.lazy(() => z.object({
  at: Timestamp,
  ref: Text,
  text: Text.nullable(),
  session: z.string().nullable(),
  /** `commit`: recorded by `done` from git (ref the sha, text the subject); absent for what was named by hand. */
  kind: z.enum(['commit']).optional(),
}));
export type Artifact = z.infer<typeof Artifact>;

/**
 * What a completion check showed when it ran: the command, how it ended and
 * the end of its output (escape sequences already made inert), kept on the
 * task whether the check passed or not.
 */
export const Evidence = z.lazy(() => z.object({
  command: Text,
  /** Null when the command did not end by itself (stopped at the time limit, or never started). */
  exit_code: z.number().int().nullable(),
  seconds: z.number().nonnegative(),
  at: Timestamp,
  output_tail: Text,
  timed_out: z.boolean(),
}));
export type Evidence = z.infer<typeof Evidence>;

export const Sprint = z.lazy(() => z.object({
  code: Code,
  title: Text,
  goal: Text.nullable(),
  status: SprintStatus,
  estimate: Estimate.nullable(),
  retrospective: Text.nullable(),
  deliverables: z.array(Text),
  notes: z.array(Entry),
  created_at: Timestamp,
  updated_at: Timestamp,
  completed_at: Timestamp.nullable(),
  /**
   * The plan file (or peer folder) `import` made this sprint from, so that
   * another file with the same codes never overwrites it; absent for sprints
   * made by hand or imported before sources were kept.
   */
  source: Text.optional(),
}));
export type Sprint = z.infer<typeof Sprint>;

export const Task = z.lazy(() => z.object({
  code: Code,
  title: Text,
  description: Text.nullable(),
  sprint: Code.nullable(),
  phase: Text.nullable(),
  status: TaskStatus,
  priority: Priority,
  estimate: Estimate.nullable(),
  depends: z.array(Code),
  parent: Code.nullable(),
  /** A heading or epic the plan put the task under, inside its phase (phases run in order, groups do not). */
  group: Text.optional(),
  /** Markers a plan gave the task, such as `P` (parallel) or `US1` (a user story); absent in homes made before tags. */
  tags: z.array(Text).optional(),
  summary: Text.nullable(),
  updates: z.array(Entry),
  notes: z.array(Entry),
  artifacts: z.array(Artifact),
  /** Completion checks run on the task, newest last; homes made before checks have none. */
  evidence: z.array(Evidence).default([]),
  /** Seconds of closed time entries; an open entry adds to it live. */
  actual_seconds: z.number().nonnegative(),
  incomplete: z.boolean(),
  /** True once the task has been in_progress: a check for completion. */
  started: z.boolean(),
  block_reason: Text.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
  started_at: Timestamp.nullable(),
  completed_at: Timestamp.nullable(),
}));
export type Task = z.infer<typeof Task>;

/** The whole plan: what commands and the core work on, and what plan.json held in version 1. */
export const PlanFile = z.lazy(() => z.object({
  schema_version: z.literal(1),
  sprints: z.array(Sprint),
  tasks: z.array(Task),
}));
export type PlanFile = z.infer<typeof PlanFile>;

/**
 * The codes of a sprint file's tasks, in one string, a space between codes
 * (a code has none): every command reads them all, and one string is read at
 * once where a list of 10,000 made as many strings to read and collect.
 */
const TaskCodes = z.lazy(() => z.string().regex(/^(\S+( \S+)*)?$/, 'expected task codes, a space between each two'));

/** The codes of an index part's tasks (PlanIndex), in plan order. */
export function codesOf(part: { tasks: string }): string[] {
  return part.tasks === '' ? [] : part.tasks.split(' ');
}

/** The codes as an index part holds them. */
export function codesText(codes: readonly string[]): string {
  return codes.join(' ');
}

/** Whether `codes` (an index part's) holds `code`, as written. */
export function holdsCode(codes: string, code: string): boolean {
  for (let at = codes.indexOf(code); at >= 0; at = codes.indexOf(code, at + 1)) {
    const end = at + code.length;
    if ((at === 0 || codes[at - 1] === ' ') && (end === codes.length || codes[end] === ' ')) return true;
  }
  return false;
}

/**
 * plan.json from version 2: the sprints, and which tasks each sprint's file
 * holds. The tasks themselves live in one file per sprint (PlanPart), so a
 * command about one sprint reads this and one sprint's file, however big the
 * plan. Codes here are only pointers (the sprint files check the tasks), so
 * they are checked as strings: this file is read by every command.
 */
export const PlanIndex = z.lazy(() => z.object({
  /** 3 from when plan/recent/ may hold entries of its sprints' tasks, 4 from when they may hold changed fields too, 5 from when a part's codes are one string (see store/migrations.ts). */
  schema_version: z.literal(5),
  sprints: z.array(Sprint),
  /** Each sprint file's task codes, in plan order; `sprint: null` is the file of tasks in no sprint. */
  parts: z.array(z.object({ sprint: Code.nullable(), tasks: TaskCodes })),
  /** Subtask → parent, for the tasks that have one: a rule about a task looks at its subtasks, wherever they live. */
  parents: z.record(z.string(), z.string()),
}));
export type PlanIndex = z.infer<typeof PlanIndex>;

/** plan.json as found: an index, or the whole plan of a home from before the split (which the next change splits). */
export const PlanJson = z.lazy(() => z.discriminatedUnion('schema_version', [PlanFile, PlanIndex]));
export type PlanJson = z.infer<typeof PlanJson>;

/**
 * What the rules read of every task of a sprint (which is ready, which is
 * next, how far the sprint is), in a task's row of its sprint file: a
 * command about a task or two reads these and the tasks it names, not a
 * big sprint's every task (store/light-part.ts).
 */
export type TaskRow = [code: string, status: Task['status'], priority: Task['priority'], created_at: string, depends: string[], parent: string | null, sprint: string | null];
export const ROW_FIELDS = ['code', 'status', 'priority', 'created_at', 'depends', 'parent', 'sprint'] as const satisfies readonly (keyof Task)[];

export function rowOf(task: Task): TaskRow {
  return [task.code, task.status, task.priority, task.created_at, task.depends, task.parent, task.sprint];
}

/**
 * The tasks of one sprint (`sprint: null`: the tasks of no sprint), in plan
 * order. Version 3 may hold `rows`, one per task; a Fragments that reads up
 * to 2 would keep them unchanged while it changes the tasks, so it must
 * refuse the file (store/migrations.ts).
 */
export const PlanPart = z.lazy(() => z
  .object({
    schema_version: z.literal(3),
    sprint: Code.nullable(),
    tasks: z.array(Task),
    rows: z.array(z.custom<TaskRow>((v) => Array.isArray(v) && v.length === ROW_FIELDS.length)).optional(),
  })
  .superRefine((part, ctx) => {
    // A row that disagrees with its task would have commands read a status the task does not have.
    const at = part.rows?.findIndex((row, i) => !part.tasks[i] || JSON.stringify(row) !== JSON.stringify(rowOf(part.tasks[i]!)));
    if (part.rows && (at !== -1 || part.rows.length !== part.tasks.length)) {
      ctx.addIssue({ code: 'custom', path: ['rows'], message: `its rows do not agree with its tasks${at !== undefined && at >= 0 ? ` (row ${at})` : ''}` });
    }
  }));
export type PlanPart = z.infer<typeof PlanPart>;

/**
 * What changed in a sprint file's tasks since that file was last written:
 * updates, notes and artifacts, appended in order; the other fields a
 * command set (`set`: a status, a summary, time spent), as they now are; and
 * each task's `updated_at` then. A command that changes tasks the sprint
 * already holds writes this small file, not the sprint's; a change of which
 * tasks it holds, or this file outgrowing its limit, folds it in.
 */
export const PlanRecent = z.lazy(() => z.object({
  schema_version: z.literal(1),
  sprint: Code.nullable(),
  tasks: z.array(z.object({
    code: Code,
    updates: z.array(Entry),
    notes: z.array(Entry),
    artifacts: z.array(Artifact),
    // Only what was set: a field left out stays as the sprint file has it (evidence's default must not fill in here).
    set: Task.unwrap().omit({ code: true, updates: true, notes: true, artifacts: true, updated_at: true }).partial().extend({ evidence: z.array(Evidence).optional() }).optional(),
    updated_at: Timestamp,
  })),
}));
export type PlanRecent = z.infer<typeof PlanRecent>;
