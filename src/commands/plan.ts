import * as z from 'zod';
import { activeSprintCode, activeTaskCode } from '../core/context.js';
import { nextTask } from '../core/next-task.js';
import { createSprint, createTask, estimateArg, findSprint, findTask, tasksOf } from '../core/plan.js';
import { taskBoard } from '../core/task-board.js';
import { reestimate } from '../core/task-state.js';
import { sprintDetail, sprintView, taskDetail, taskView, taskViews } from '../core/views.js';
import { formatEstimate } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import { Priority, SprintStatus, TaskStatus } from '../domain/plan.js';
import { Code, CodeList, OptionalText, RequiredText } from './shared/args.js';
import { NOTHING_READ, readTaskGit } from '../project/git.js';
import { planForNext, planNear } from '../runner/plan-scope.js';
import { currentSession } from '../runner/session-scope.js';
import { defineCommand } from '../runner/define.js';

/** What changed, field by field, as it was and as it is. */
type Changes = Partial<Record<'title' | 'priority' | 'estimate' | 'description', { from: string | null; to: string | null }>>;

export const planCommands = [
  defineCommand({
    name: 'sprint:create',
    summary: 'Create a sprint',
    tx: 'write',
    agent: 'Plan a sprint: code and title.',
    completes: { code: 'sprint' },
    positional: ['code'],
    args: { code: Code, title: RequiredText, goal: OptionalText, estimate: z.string().optional() },
    example: 'fragments sprint:create SPRINT-2 --title "Tooling" --goal "Ship the MCP server"',
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const sprint = createSprint(plan, { ...args, estimate: estimateArg(args.estimate, (await tx.config()).hours_per_day) }, ctx.now());
      return {
        data: { ui: 'sprint', sprint: sprintView(plan, sprint) },
        about: { task: null, sprint: sprint.code },
        hints: { suggest: [{ command: 'task:create', args: { code: 'T-…', title: '…', sprint: sprint.code } }, { command: 'sprint:activate', args: { code: sprint.code } }] },
      };
    },
  }),
  defineCommand({
    name: 'sprint:list',
    summary: 'List sprints with their progress',
    tx: 'read',
    agent: 'Sprints with their progress.',
    args: { status: SprintStatus.optional() },
    async run(tx, args) {
      const plan = await tx.plan();
      const sprints = plan.sprints.filter((s) => !args.status || s.status === args.status);
      return { data: { ui: 'sprints', sprints: sprints.map((s) => sprintView(plan, s)) }, quiet: true };
    },
  }),
  defineCommand({
    name: 'sprint:show',
    summary: 'Show a sprint and its tasks (default: the active sprint)',
    tx: 'read',
    agent: 'A sprint and its tasks (default: the active sprint).',
    completes: { code: 'sprint' },
    positional: ['code'],
    args: { code: Code.optional() },
    async run(tx, args, ctx) {
      const session = await currentSession(tx, ctx);
      const code = args.code ?? activeSprintCode(session);
      if (!code) throw new FragmentsError('NO_ACTIVE_SPRINT', 'No sprint is active: name one, e.g. `sprint:show SPRINT-1`, or see `sprint:list`.');
      const plan = await planNear(tx, session, { sprints: [code] });
      return { data: { ui: 'sprint', sprint: sprintDetail(plan, await tx.sessions(), findSprint(plan, code), ctx.now()) }, quiet: true };
    },
  }),
  defineCommand({
    name: 'task:create',
    summary: 'Create a task; a dependency cycle is refused',
    tx: 'write',
    agent: 'Add a task found during the work: code and title; sprint, estimate, priority, depends, parent.',
    completes: { code: 'task', sprint: 'sprint', parent: 'task', depends: 'task' },
    positional: ['code'],
    args: {
      code: Code,
      title: RequiredText,
      sprint: Code.optional(),
      estimate: z.string().optional(),
      priority: Priority.optional(),
      depends: CodeList.optional(),
      parent: Code.optional(),
      description: OptionalText,
    },
    example: 'fragments task:create T-42 --title "Add retries" --sprint SPRINT-2 --estimate 2h --depends T-41',
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const session = await currentSession(tx, ctx);
      const sprint = args.sprint ?? (args.parent ? undefined : (activeSprintCode(session) ?? undefined));
      const task = createTask(plan, { ...args, sprint, estimate: estimateArg(args.estimate, (await tx.config()).hours_per_day) }, ctx.now());
      return {
        data: { ui: 'task', task: taskView(await tx.sessions(), task, ctx.now()) },
        about: { task: task.code, sprint: task.sprint },
        hints: { suggest: [{ command: 'task:activate', args: { code: task.code } }, { command: 'task:list' }] },
      };
    },
  }),
  defineCommand({
    name: 'task:list',
    summary: 'List tasks, by sprint and status',
    tx: 'read',
    agent: 'Tasks, by sprint and status.',
    completes: { sprint: 'sprint' },
    args: { sprint: Code.optional(), status: TaskStatus.optional() },
    async run(tx, args, ctx) {
      // One sprint's tasks are in its own file.
      const plan = args.sprint ? await tx.planAround({ sprints: [args.sprint] }) : await tx.plan();
      const sessions = await tx.sessions();
      const sprint = args.sprint ? findSprint(plan, args.sprint).code : null;
      const inSprint = sprint ? tasksOf(plan, sprint) : plan.tasks;
      // With no status asked, the list is handed on as it is: a copy of every task's place costs a big plan ~1 ms.
      const tasks = args.status ? inSprint.filter((t) => t.status === args.status) : inSprint;
      const now = ctx.now();
      return { data: { ui: 'tasks', tasks: taskViews(sessions, tasks, now) }, quiet: true };
    },
  }),
  defineCommand({
    name: 'task:board',
    summary: 'The plan as a board: every sprint’s tasks, with what blocks each',
    tx: 'read',
    agent: 'Every sprint with its tasks: status, priority, estimate, time spent, dependencies not done, blocked reason.',
    args: {},
    async run(tx, _args, ctx) {
      return { data: { ui: 'task-board', sprints: taskBoard(await tx.plan(), await tx.sessions(), ctx.now()) }, quiet: true };
    },
  }),
  defineCommand({
    name: 'task:show',
    summary: 'Show a task in full (default: the active task)',
    tx: 'read',
    agent: 'A task in full (default: the active task).',
    completes: { code: 'task' },
    positional: ['code'],
    args: { code: Code.optional() },
    async run(tx, args, ctx) {
      const session = await currentSession(tx, ctx);
      const code = args.code ?? activeTaskCode(session);
      if (!code) throw new FragmentsError('NO_ACTIVE_TASK', 'No task is active: name one, e.g. `task:show T-1`, or see `task:list`.');
      const plan = await planNear(tx, session, { tasks: [code] });
      const sessions = await tx.sessions();
      const task = findTask(plan, code);
      // What changed in git is told while the task is open; a finished task keeps its commits as artifacts.
      const open = task.status === 'in_progress' || task.status === 'blocked';
      const git = open ? await readTaskGit(ctx.cwd, sessions, task.code) : NOTHING_READ;
      return {
        data: { ui: 'task', task: taskDetail(plan, sessions, task, ctx.now()), git: git.value },
        quiet: !git.warning,
        ...(git.warning ? { hints: { validation_warnings: [git.warning] } } : {}),
      };
    },
  }),
  defineCommand({
    name: 'task:edit',
    summary: 'Change a task’s title, priority, estimate or description (default: the active task)',
    tx: 'write',
    agent: 'Call when a task’s title, priority, estimate or description is wrong; name only what changes.',
    completes: { code: 'task' },
    positional: ['code'],
    args: { code: Code.optional(), title: RequiredText.optional(), priority: Priority.optional(), estimate: z.string().min(1).optional(), description: OptionalText },
    example: 'fragments task:edit T-42 --title "Add retries with backoff" --priority high --estimate 3h',
    async run(tx, args, ctx) {
      const { code: named, ...fields } = args;
      if (Object.values(fields).every((v) => v === undefined)) {
        throw new FragmentsError('USAGE', 'task:edit: name what to change: --title, --priority, --estimate or --description.');
      }
      const session = await currentSession(tx, ctx);
      const code = named ?? activeTaskCode(session);
      if (!code) throw new FragmentsError('NO_ACTIVE_TASK', 'No task is active: name the task to edit, e.g. `task:edit T-1 --title "…"`.');
      const plan = await tx.plan();
      const task = findTask(plan, code);
      const now = ctx.now();
      const changes: Changes = {};
      const estimate = fields.estimate === undefined ? undefined : estimateArg(fields.estimate, (await tx.config()).hours_per_day);
      if (estimate !== undefined && formatEstimate(estimate) !== formatEstimate(task.estimate)) {
        const before = reestimate(task, estimate, now);
        changes.estimate = { from: before ? formatEstimate(before) : null, to: formatEstimate(estimate) };
      }
      for (const field of ['title', 'priority', 'description'] as const) {
        const value = fields[field];
        if (value === undefined || value === task[field]) continue;
        changes[field] = { from: task[field], to: value };
        Object.assign(task, { [field]: value, updated_at: now.toISOString() });
      }
      return {
        data: { ui: 'task', task: taskView(await tx.sessions(), task, now), changes },
        about: { task: task.code, sprint: task.sprint },
        hints: Object.keys(changes).length ? {} : { validation_warnings: [`${task.code} already has these values: nothing changed.`] },
      };
    },
  }),
  defineCommand({
    name: 'next',
    slash: '/next',
    summary: 'The next ready task, and why',
    tx: 'read',
    agent: 'Call when a task is done and none is active: the next ready task, and why.',
    args: {},
    async run(tx, _args, ctx) {
      const session = await currentSession(tx, ctx);
      const plan = await planForNext(tx, session, activeSprintCode(session));
      const choice = nextTask(plan, activeSprintCode(session), session ? [activeTaskCode(session) ?? ''] : []);
      const sessions = await tx.sessions();
      return {
        data: {
          ui: 'task',
          task: choice.task ? taskView(sessions, choice.task, ctx.now()) : null,
          reason: choice.reason,
          ready_count: choice.ready_count,
          blocked: choice.blocked.slice(0, 10),
        },
        hints: choice.task
          ? {
              next_actions: [`Start ${choice.task.code} (${choice.task.title})`],
              suggest: [{ command: 'task:activate', args: { code: choice.task.code } }],
            }
          : {},
      };
    },
  }),
];
