import * as z from 'zod';
import { taskReadiness } from '../core/readiness.js';
import { estimateArg, findTask, isClosed } from '../core/plan.js';
import { activeTask, completeTask } from '../core/session.js';
import { blockTask, reestimate, unblockTask } from '../core/task-state.js';
import { taskSeconds } from '../core/timer.js';
import { activeSprint, recordUpdate, targetRef, updateTarget } from '../core/update-target.js';
import { taskView } from '../core/views.js';
import { formatEstimate } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { Session } from '../domain/session.js';
import type { Tx } from '../store/store.js';
import { logActivity } from '../runner/record.js';
import { Code, CodeList, Flag, RequiredText, Text } from './shared/args.js';
import { evidenceRecord, completionView, finishTask, isActiveTask, withEvidence, refuseClosed } from './shared/finish-task.js';
import { CheckCommandArgs, runCheckCommandFirst } from './shared/completion-check.js';
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

/**
 * The change a command makes to the active task (`block`, `unblock`): made
 * at the command's moment, recorded as its activity with `text`, and answered
 * with the task as it now is.
 */
async function onActiveTask(tx: Tx, ctx: Ctx, what: string, change: (at: { session: Session; plan: PlanFile; task: Task; now: Date }) => string) {
  const { session, plan, task } = await sessionTask(tx, ctx, what);
  const now = ctx.now();
  const text = change({ session, plan, task, now });
  await logActivity(tx, ctx, session, { kind: 'command', text });
  return { data: { ui: 'task' as const, task: taskView(await tx.sessions(), task, now) } };
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
      const target = updateTarget(await planNear(tx, session), session);
      recordUpdate(target, { at: ctx.now().toISOString(), text: args.text, session: session.key });
      await logActivity(tx, ctx, session, { kind: 'update', text: args.text });
      return { data: { ui: 'recorded', target: targetRef(target, session), updates_count: target.kind === 'task' ? target.task.updates.length : null } };
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
      const sprint = activeSprint(await planNear(tx, session), session);
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
      const target = updateTarget(await planNear(tx, session), session);
      const at = ctx.now().toISOString();
      // A task keeps it as an artifact, a sprint as a deliverable; a session alone has nothing to keep it on.
      if (target.kind === 'task') target.task.artifacts.push({ at, ref: args.ref, text: args.text ?? null, session: session.key });
      else if (target.kind === 'sprint') target.sprint.deliverables.push(args.text ? `${args.ref} — ${args.text}` : args.ref);
      else throw noTask(session, 'record an artifact for', ctx.now());
      await logActivity(tx, ctx, session, { kind: 'artifact', text: args.ref, data: args.text ? { description: args.text } : {} });
      return { data: { ui: 'recorded', target: targetRef(target, session), ref: args.ref } };
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
    args: { summary: Text.optional(), force: Flag, ...CheckCommandArgs },
    example: 'fragments done "Schema and migrations in place, tests green" --check "npm test"',
    prepare: (ctx, args) => runCheckCommandFirst(ctx, args, (tx) => closable(tx, ctx)),
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
      const before = reestimate(task, estimateArg(args.duration, (await tx.config()).hours_per_day), ctx.now());
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
    run: (tx, args, ctx) =>
      onActiveTask(tx, ctx, 'block', ({ session, plan, task, now }) => {
        blockTask(session, plan, task, args.reason, now);
        return args.reason;
      }),
  }),
  defineCommand({
    name: 'unblock',
    slash: '/unblock',
    summary: 'The active task can go on: back to in progress, timer running',
    tx: 'write',
    records: 'itself',
    agent: 'Call when a blocked task can go on again.',
    args: {},
    run: (tx, _args, ctx) =>
      onActiveTask(tx, ctx, 'unblock', ({ session, task, now }) => {
        unblockTask(session, task, now);
        return task.code;
      }),
  }),
  defineCommand({
    name: 'tasks:bulk-complete',
    summary: 'Complete several tasks with one summary; all pass their checks or none closes (unless --force)',
    tx: 'write',
    records: 'itself',
    completes: { codes: 'task' },
    positional: ['codes'],
    args: { codes: CodeList, summary: RequiredText, force: Flag, ...CheckCommandArgs },
    example: 'fragments tasks:bulk-complete T-1,T-2 --summary "Done in the spike"',
    // One check run speaks for the whole batch: it is the same working tree.
    prepare: (ctx, args) =>
      runCheckCommandFirst(ctx, args, async (tx) => {
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
      const closed = tasks.filter(isClosed);
      if (closed.length) throw new FragmentsError('TASK_CLOSED', `${closed.map((t) => `${t.code} is already ${t.status}`).join('; ')}; leave ${closed.length === 1 ? 'it' : 'them'} out.`);
      for (const t of tasks) if (!t.summary?.trim()) t.summary = args.summary;
      const batch = new Set(tasks.map((t) => t.code));
      const results = tasks.map((t) => ({ task: t, readiness: withEvidence(taskReadiness(plan, t, taskSeconds(t, sessions, now), config, isActiveTask(session, t), batch), t, check) }));
      // Per-task fixes would act on the active task, so the refusal offers only the forced form.
      const errors = results.flatMap((r) => r.readiness.errors.map(({ check, message }) => ({ check, message })));
      // The check ran once for all: its verdict is said once, not per task.
      const unique = errors.filter((e, i) => e.check !== 'evidence' || errors.findIndex((f) => f.message === e.message) === i);
      const refusal = await gate(tx, ctx, session, {
        readiness: { errors: unique, warnings: [] },
        force: args.force,
        refused: 'None completed',
        escape: { say: 'Close them anyway, marked incomplete', run: { command: 'tasks:bulk-complete', args: { codes: args.codes.join(','), summary: args.summary, force: true } } },
        data: { tasks: tasks.map((t) => completionView(sessions, t, now)), completed: [] },
        about: { task: null },
      });
      if (refusal) return refusal;
      for (const r of results) completeTask(sessions, plan, r.task, now, r.readiness.errors.length > 0, session, config);
      await logActivity(tx, ctx, session, {
        kind: 'command',
        text: args.summary,
        task: null,
        data: { completed: tasks.map((t) => t.code), incomplete: results.filter((r) => r.readiness.errors.length > 0).map((r) => r.task.code), ...evidenceRecord(check) },
      });
      return {
        data: { ui: 'tasks', tasks: tasks.map((t) => completionView(sessions, t, now)), completed: tasks.map((t) => t.code) },
        hints: { validation_warnings: [...new Set(results.flatMap((r) => r.readiness.warnings.map((w) => w.message)))] },
      };
    },
  }),
];
