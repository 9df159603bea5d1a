import * as z from 'zod';
import { checkTask } from '../core/checks.js';
import { activeSprintCode } from '../core/context.js';
import { estimateArg, findSprint, findTask } from '../core/plan.js';
import { activeTask, completeTask } from '../core/session.js';
import { startTimer, stopTimer, taskSeconds } from '../core/timer.js';
import { taskView } from '../core/views.js';
import { formatEstimate } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import type { Session } from '../domain/session.js';
import type { Tx } from '../store/store.js';
import { logActivity } from '../runner/record.js';
import { Code, CodeList, Flag, RequiredText, Text } from './shared/args.js';
import { checkRecord, completionView, finishTask, isActiveTask, recordCheck, refuseClosed } from './shared/finish-task.js';
import { CheckArgs, checkBeforeCompletion } from './shared/completion-check.js';
import { gate } from './shared/gate.js';
import { planNear } from '../runner/plan-scope.js';
import { noTask, requireSession } from '../runner/session-scope.js';
import { defineCommand, type Ctx } from '../runner/define.js';

async function sessionTask(tx: Tx, ctx: Ctx, what: string) {
  const session = await requireSession(tx, ctx);
  const plan = await planNear(tx, session);
  const task = activeTask(plan, session);
  if (!task) throw noTask(session, what, ctx.now());
  return { session, plan, task };
}

async function activeSprint(tx: Tx, session: Session) {
  const plan = await planNear(tx, session);
  const code = activeSprintCode(session) ?? activeTask(plan, session)?.sprint ?? null;
  return code ? findSprint(plan, code) : null;
}

/** What `done` needs before a check is worth running: an open session with an active task still open. */
async function closable(tx: Tx, ctx: Ctx) {
  refuseClosed((await sessionTask(tx, ctx, 'complete')).task);
}

export const updateCommands = [
  defineCommand({
    name: 'update',
    slash: '/update',
    summary: 'Add a context update to the active task (else sprint, else session)',
    tx: 'write',
    records: 'itself',
    agent: 'Call after each meaningful step (a file written, a test passing, a decision): a context update on the active task. No task id.',
    routes: ['POST /tasks/update'],
    rest: 'text',
    args: { text: RequiredText },
    example: 'fragments update "Migration files created; running them next"',
    async run(tx, args, ctx) {
      const session = await requireSession(tx, ctx);
      const plan = await planNear(tx, session);
      const entry = { at: ctx.now().toISOString(), text: args.text, session: session.key };
      const task = activeTask(plan, session);
      const sprint = task ? null : await activeSprint(tx, session);
      if (task) {
        task.updates.push(entry);
        task.updated_at = entry.at;
      } else if (sprint) {
        sprint.notes.push(entry);
        sprint.updated_at = entry.at;
      }
      await logActivity(tx, ctx, session, { kind: 'update', text: args.text });
      const target = task ? { kind: 'task', code: task.code } : sprint ? { kind: 'sprint', code: sprint.code } : { kind: 'session', code: session.key };
      return { data: { ui: 'recorded', target, updates_count: task?.updates.length ?? null } };
    },
  }),
  defineCommand({
    name: 'note',
    slash: '/note',
    summary: 'A timestamped note on the active task',
    tx: 'write',
    records: 'itself',
    agent: 'Call to keep a decision or caveat on the active task.',
    routes: ['POST /tasks/note'],
    rest: 'text',
    args: { text: RequiredText },
    async run(tx, args, ctx) {
      const { session, task } = await sessionTask(tx, ctx, 'note on (for the sprint use `sprint-note`, for the session `log`)');
      const at = ctx.now().toISOString();
      task.notes.push({ at, text: args.text, session: session.key });
      task.updated_at = at;
      await logActivity(tx, ctx, session, { kind: 'note', text: args.text });
      return { data: { ui: 'recorded', target: { kind: 'task', code: task.code }, notes_count: task.notes.length } };
    },
  }),
  defineCommand({
    name: 'sprint-note',
    slash: '/sprint-note',
    summary: 'A note on the active sprint',
    tx: 'write',
    records: 'itself',
    agent: 'A note on the active sprint.',
    rest: 'text',
    args: { text: RequiredText },
    async run(tx, args, ctx) {
      const session = await requireSession(tx, ctx);
      const sprint = await activeSprint(tx, session);
      if (!sprint) throw new FragmentsError('NO_ACTIVE_SPRINT', 'No sprint is active. Activate one with `sprint:activate CODE`.');
      const at = ctx.now().toISOString();
      sprint.notes.push({ at, text: args.text, session: session.key });
      sprint.updated_at = at;
      await logActivity(tx, ctx, session, { kind: 'sprint_note', text: args.text, sprint: sprint.code });
      return { data: { ui: 'recorded', target: { kind: 'sprint', code: sprint.code }, notes_count: sprint.notes.length } };
    },
  }),
  defineCommand({
    name: 'log',
    slash: '/log',
    summary: 'A session activity, tagged with the active task',
    tx: 'write',
    records: 'itself',
    agent: 'A session event tagged with the active task, e.g. a command you ran.',
    routes: ['POST /tasks/log'],
    rest: 'text',
    args: { text: RequiredText },
    async run(tx, args, ctx) {
      const session = await requireSession(tx, ctx);
      const activity = await logActivity(tx, ctx, session, { kind: 'log', text: args.text });
      return { data: { ui: 'logged', activity } };
    },
  }),
  defineCommand({
    name: 'artifact',
    slash: '/artifact',
    summary: 'Record a file, commit or link the active task produced',
    tx: 'write',
    records: 'itself',
    agent: 'Call when the task produced a file, commit or link: ref, and what it is.',
    positional: ['ref'],
    rest: 'text',
    args: { ref: RequiredText, text: Text.optional() },
    example: 'fragments artifact src/db/migrations/001_sessions.sql "the schema"',
    async run(tx, args, ctx) {
      const session = await requireSession(tx, ctx);
      const plan = await planNear(tx, session);
      const at = ctx.now().toISOString();
      const task = activeTask(plan, session);
      const sprint = task ? null : await activeSprint(tx, session);
      if (task) task.artifacts.push({ at, ref: args.ref, text: args.text ?? null, session: session.key });
      else if (sprint) sprint.deliverables.push(args.text ? `${args.ref} — ${args.text}` : args.ref);
      else throw noTask(session, 'record an artifact for', ctx.now());
      await logActivity(tx, ctx, session, { kind: 'artifact', text: args.ref, data: args.text ? { description: args.text } : {} });
      return { data: { ui: 'recorded', target: task ? { kind: 'task', code: task.code } : { kind: 'sprint', code: sprint!.code }, ref: args.ref } };
    },
  }),
  defineCommand({
    name: 'done',
    slash: '/done',
    summary: 'Complete the active task with a summary, after its completion check',
    tx: 'write',
    records: 'itself',
    agent: 'Call when the active task is finished, with a summary of what was done. A failed check comes back as an error naming what is missing: fix it and call again.',
    closes: 'summary',
    routes: ['POST /tasks/done'],
    rest: 'summary',
    args: { summary: Text.optional(), force: Flag, ...CheckArgs },
    example: 'fragments done "Schema and migrations in place, tests green" --check "npm test"',
    prepare: (ctx, args) => checkBeforeCompletion(ctx, args, (tx) => closable(tx, ctx)),
    async run(tx, args, ctx, check) {
      const { session, task } = await sessionTask(tx, ctx, 'complete');
      return finishTask(tx, ctx, session, task, args, check);
    },
  }),
  defineCommand({
    name: 'estimate',
    slash: '/estimate',
    summary: 'Change the active task’s estimate (or --task CODE)',
    tx: 'write',
    records: 'itself',
    agent: 'Call when the active task’s estimate proves wrong: 90m, 2h, 2-3h.',
    completes: { task: 'task' },
    positional: ['duration'],
    args: { duration: z.string().min(1), task: Code.optional() },
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const session = await requireSession(tx, ctx);
      const task = args.task ? findTask(plan, args.task) : activeTask(plan, session);
      if (!task) throw noTask(session, 'estimate', ctx.now());
      const before = task.estimate;
      task.estimate = estimateArg(args.duration, (await tx.config()).hours_per_day);
      task.updated_at = ctx.now().toISOString();
      await logActivity(tx, ctx, session, { kind: 'command', text: `${formatEstimate(before)} → ${formatEstimate(task.estimate)}`, task: task.code });
      return { data: { ui: 'task', task: taskView(await tx.sessions(), task, ctx.now()), previous: before } };
    },
  }),
  defineCommand({
    name: 'block',
    slash: '/block',
    summary: 'Mark the active task blocked; its timer stops',
    tx: 'write',
    records: 'itself',
    agent: 'Call when the active task cannot go on, with the reason; its timer stops.',
    rest: 'reason',
    args: { reason: RequiredText },
    async run(tx, args, ctx) {
      const { session, plan, task } = await sessionTask(tx, ctx, 'block');
      const now = ctx.now();
      stopTimer(session, plan, now, 'blocked');
      task.status = 'blocked';
      task.block_reason = args.reason;
      task.updated_at = now.toISOString();
      await logActivity(tx, ctx, session, { kind: 'command', text: args.reason });
      return { data: { ui: 'task', task: taskView(await tx.sessions(), task, now) } };
    },
  }),
  defineCommand({
    name: 'unblock',
    slash: '/unblock',
    summary: 'The active task can go on: back to in progress, timer running',
    tx: 'write',
    records: 'itself',
    agent: 'Call when a blocked task can go on again.',
    args: {},
    async run(tx, _args, ctx) {
      const { session, task } = await sessionTask(tx, ctx, 'unblock');
      if (task.status !== 'blocked') throw new FragmentsError('NOT_BLOCKED', `${task.code} is ${task.status}, not blocked.`);
      const now = ctx.now();
      task.status = 'in_progress';
      task.block_reason = null;
      task.updated_at = now.toISOString();
      if (session.status === 'active') startTimer(session, task.code, now);
      await logActivity(tx, ctx, session, { kind: 'command', text: task.code });
      return { data: { ui: 'task', task: taskView(await tx.sessions(), task, now) } };
    },
  }),
  defineCommand({
    name: 'tasks:bulk-complete',
    summary: 'Complete several tasks with one summary; all pass their checks or none closes (unless --force)',
    tx: 'write',
    records: 'itself',
    completes: { codes: 'task' },
    positional: ['codes'],
    args: { codes: CodeList, summary: RequiredText, force: Flag, ...CheckArgs },
    example: 'fragments tasks:bulk-complete T-1,T-2 --summary "Done in the spike"',
    // One check run speaks for the whole batch: it is the same working tree.
    prepare: (ctx, args) =>
      checkBeforeCompletion(ctx, args, async (tx) => {
        await requireSession(tx, ctx);
        const plan = await tx.plan();
        for (const code of args.codes) findTask(plan, code);
      }),
    async run(tx, args, ctx, check) {
      const session = await requireSession(tx, ctx);
      const plan = await tx.plan();
      const sessions = await tx.sessions();
      const config = await tx.config();
      const now = ctx.now();
      const tasks = [...new Set(args.codes.map((c) => findTask(plan, c)))];
      if (tasks.length === 1) return finishTask(tx, ctx, session, tasks[0]!, args, check);
      const closed = tasks.filter((t) => t.status === 'completed' || t.status === 'cancelled');
      if (closed.length) throw new FragmentsError('TASK_CLOSED', `${closed.map((t) => `${t.code} is already ${t.status}`).join('; ')}; leave ${closed.length === 1 ? 'it' : 'them'} out.`);
      for (const t of tasks) if (!t.summary?.trim()) t.summary = args.summary;
      const batch = new Set(tasks.map((t) => t.code));
      const results = tasks.map((t) => ({ task: t, checks: recordCheck(checkTask(plan, t, taskSeconds(t, sessions, now), config, isActiveTask(session, t), batch), t, check) }));
      // Per-task fixes would act on the active task, so the refusal offers only the forced form.
      const errors = results.flatMap((r) => r.checks.errors.map(({ check, message }) => ({ check, message })));
      // The check ran once for all: its verdict is said once, not per task.
      const unique = errors.filter((e, i) => e.check !== 'evidence' || errors.findIndex((f) => f.message === e.message) === i);
      const refusal = await gate(tx, ctx, session, {
        checks: { errors: unique, warnings: [] },
        force: args.force,
        refused: 'None completed',
        escape: { say: 'Close them anyway, marked incomplete', run: { command: 'tasks:bulk-complete', args: { codes: args.codes.join(','), summary: args.summary, force: true } } },
        data: { tasks: tasks.map((t) => completionView(sessions, t, now)), completed: [] },
        about: { task: null },
      });
      if (refusal) return refusal;
      for (const r of results) completeTask(sessions, plan, r.task, now, r.checks.errors.length > 0, session, config);
      await logActivity(tx, ctx, session, {
        kind: 'command',
        text: args.summary,
        task: null,
        data: { completed: tasks.map((t) => t.code), incomplete: results.filter((r) => r.checks.errors.length > 0).map((r) => r.task.code), ...checkRecord(check) },
      });
      return {
        data: { ui: 'tasks', tasks: tasks.map((t) => completionView(sessions, t, now)), completed: tasks.map((t) => t.code) },
        hints: { validation_warnings: [...new Set(results.flatMap((r) => r.checks.warnings.map((w) => w.message)))] },
      };
    },
  }),
];
