import { calibrate, calibratedEstimate } from '../core/calibration.js';
import { sprintReadiness } from '../core/readiness.js';
import { activeSprintCode, activeTaskCode, stackLine } from '../core/context.js';
import { nextTask, openDependencies } from '../core/next-task.js';
import { findSprint, findTask, isClosed } from '../core/plan.js';
import { contextStack } from '../core/recovery.js';
import { claimOn } from '../core/people.js';
import { activateTask, activeTask, leaveFrame, startSprint, takeOver } from '../core/session.js';
import { openEntry } from '../core/timer.js';
import { sprintView, taskDetail } from '../core/views.js';
import { sameCode } from '../domain/codes.js';
import { FragmentsError } from '../domain/errors.js';
import { logActivity } from '../runner/record.js';
import { Code, Flag, OptionalText } from './shared/args.js';
import { finishTask, refuseClosed } from './shared/finish-task.js';
import { CheckCommandArgs, runCheckCommandFirst } from './shared/completion-check.js';
import { readMark } from '../project/git.js';
import { findingHints, gate } from './shared/gate.js';
import { planForNext, planNear } from '../runner/plan-scope.js';
import { currentSession, noTask, requireSession } from '../runner/session-scope.js';
import { defineCommand, type Ctx } from '../runner/define.js';
import type { Tx } from '../store/store.js';

/** The task `task:deactivate` closes: the one named, else the active one. */
async function taskToClose(tx: Tx, ctx: Ctx, code: string | undefined) {
  const session = await requireSession(tx, ctx);
  const plan = await planNear(tx, session, { tasks: code ? [code] : [] });
  const task = code ? findTask(plan, code) : activeTask(plan, session);
  if (!task) throw noTask(session, 'complete', ctx.now());
  return { session, task };
}

export const contextCommands = [
  defineCommand({
    name: 'sprint:activate',
    slash: '/sprint-start',
    summary: 'Work in a sprint: push it on the stack, mark it in progress',
    tx: 'write',
    records: 'itself',
    agent: 'Call to work in a sprint (its code): it becomes the context that tasks come from.',
    completes: { code: 'sprint' },
    positional: ['code'],
    args: { code: Code },
    async run(tx, args, ctx) {
      const session = await requireSession(tx, ctx);
      const plan = await tx.plan();
      const sprint = findSprint(plan, args.code);
      if (isClosed(sprint)) {
        throw new FragmentsError('SPRINT_CLOSED', `${sprint.code} is ${sprint.status}; see \`sprint:list\` for an open one.`);
      }
      const now = ctx.now();
      if (!sameCode(activeSprintCode(session) ?? '', sprint.code)) {
        if (activeTaskCode(session)) {
          throw new FragmentsError('TASK_ACTIVE', `${activeTaskCode(session)} is still active: finish it with \`done\` first, or activate a task of ${sprint.code} directly.`);
        }
        session.stack = [{ kind: 'sprint', code: sprint.code, since: now.toISOString() }];
        startSprint(plan, sprint.code, now);
      }
      await logActivity(tx, ctx, session, { kind: 'context_switch', text: `sprint ${sprint.code}`, sprint: sprint.code });
      const next = nextTask(plan, sprint.code);
      return {
        data: { ui: 'sprint', sprint: sprintView(plan, sprint), context_stack: contextStack(session) },
        hints: next.task ? { next_actions: [`Start ${next.task.code} (${next.task.title}): ${next.reason}`], suggest: [{ command: 'task:activate' }] } : {},
      };
    },
  }),
  defineCommand({
    name: 'sprint:deactivate',
    slash: '/sprint-end',
    summary: 'Close the active sprint after its completion check',
    tx: 'write',
    records: 'itself',
    agent: 'Call when every task of the active sprint is closed: checks it, then closes it.',
    completes: { code: 'sprint' },
    closes: 'retrospective',
    positional: ['code'],
    args: { code: Code.optional(), retrospective: OptionalText, force: Flag },
    async run(tx, args, ctx) {
      const session = await requireSession(tx, ctx);
      const plan = await tx.plan();
      const code = args.code ?? activeSprintCode(session);
      if (!code) throw new FragmentsError('NO_ACTIVE_SPRINT', 'No sprint is active: name one, e.g. `sprint:deactivate SPRINT-1`.');
      const sprint = findSprint(plan, code);
      const now = ctx.now();
      if (isClosed(sprint)) {
        // A closed sprint still takes its retrospective; nothing else about it changes.
        if (!args.retrospective) throw new FragmentsError('SPRINT_CLOSED', `${sprint.code} is already ${sprint.status}.`);
        sprint.retrospective = args.retrospective;
        sprint.updated_at = now.toISOString();
        await logActivity(tx, ctx, session, { kind: 'sprint_note', text: args.retrospective, sprint: sprint.code, task: null });
        return { data: { ui: 'sprint', sprint: sprintView(plan, sprint), context_stack: contextStack(session) } };
      }
      const working = activeTaskCode(session);
      if (working && session.stack.some((f) => sameCode(f.code, sprint.code))) {
        throw new FragmentsError('TASK_ACTIVE', `${working} is still active in ${sprint.code}: finish it with \`done\` first (or \`done --force\`).`);
      }
      if (args.retrospective) sprint.retrospective = args.retrospective;
      const readiness = sprintReadiness(plan, sprint);
      const refusal = await gate(tx, ctx, session, {
        readiness,
        force: args.force,
        refused: `${sprint.code} cannot close`,
        escape: { say: 'Or close it anyway', run: { command: 'sprint:deactivate', args: { code: sprint.code, force: true } } },
        data: { sprint: sprintView(plan, sprint) },
        about: { sprint: sprint.code },
      });
      if (refusal) return refusal;
      sprint.status = 'completed';
      sprint.completed_at = sprint.updated_at = now.toISOString();
      leaveFrame(session, plan, sprint.code, now, 'sprint closed');
      await logActivity(tx, ctx, session, { kind: 'context_switch', text: `closed sprint ${sprint.code}`, sprint: sprint.code, task: null });
      return { data: { ui: 'sprint', sprint: sprintView(plan, sprint), context_stack: contextStack(session) }, hints: findingHints(readiness, false) };
    },
  }),
  defineCommand({
    name: 'task:activate',
    slash: '/task-start',
    summary: 'Work on a task (default: the next ready one); its timer starts',
    tx: 'write',
    records: 'itself',
    agent: 'Call before working on a task; no code takes the next ready one. Starts its timer; later calls need no task id. force takes over a task another person holds.',
    completes: { code: 'task' },
    positional: ['code'],
    args: { code: Code.optional(), force: Flag },
    async run(tx, args, ctx) {
      const session = await requireSession(tx, ctx);
      const plan = args.code ? await planNear(tx, session, { tasks: [args.code] }) : await planForNext(tx, session, activeSprintCode(session));
      const sessions = await tx.sessions();
      const now = ctx.now();
      let reason: string | null = null;
      let task;
      if (args.code) task = findTask(plan, args.code);
      else {
        const choice = nextTask(plan, activeSprintCode(session));
        if (!choice.task) throw new FragmentsError('NOTHING_READY', `${choice.reason} See \`next\` for what blocks them.`);
        task = choice.task;
        reason = choice.reason;
      }
      if (isClosed(task)) {
        throw new FragmentsError('TASK_CLOSED', `${task.code} is already ${task.status}. See \`next\` for a task to take.`);
      }
      const warnings: string[] = [];
      const person = tx.person();
      const claim = claimOn(sessions, task.code, person);
      if (claim && !args.force) {
        const since = claim.since.slice(0, 16).replace('T', ' ');
        throw new FragmentsError(
          'TASK_CLAIMED',
          `${task.code} is held by ${claim.session.user} in ${claim.session.key} since ${since} UTC. Take another (\`next\`), or take it over with --force: ${claim.session.key} is told.`,
          { task: task.code, held_by: claim.session.user, session_key: claim.session.key, since: claim.since },
        );
      }
      if (claim) {
        takeOver(claim.session, plan, task.code, now, `${person} in ${session.key}`);
        warnings.push(`${task.code} was taken over from ${claim.session.user} (${claim.session.key}); their next command says so`);
      }
      const waiting = openDependencies(plan, task);
      if (waiting.length) warnings.push(`${task.code} depends on ${waiting.join(', ')}, not completed yet`);
      const others = sessions.sessions.filter(
        (s) => s !== session && s.status === 'active' && s.stack.some((f) => sameCode(f.code, task.code)),
      );
      if (others.length) warnings.push(`${task.code} is also active in ${others.map((s) => s.key).join(', ')}`);
      const { replaced } = activateTask(session, plan, task, now);
      const entry = openEntry(session);
      if (ctx.cwd && entry && sameCode(entry.task, task.code) && !entry.git) {
        const mark = await readMark(ctx.cwd);
        if (mark.value) entry.git = mark.value;
        if (mark.warning) warnings.push(mark.warning);
      }
      await logActivity(tx, ctx, session, { kind: 'context_switch', text: `task ${task.code}${replaced ? ` (was ${replaced})` : ''}${claim ? ` (taken over from ${claim.session.user} in ${claim.session.key})` : ''}` });
      const calibrated = calibratedEstimate(calibrate(plan), task);
      return {
        data: { ui: 'task', task: taskDetail(plan, sessions, task, now), context_stack: contextStack(session), replaced, ...(reason ? { reason } : {}), calibrated_estimate: calibrated },
        hints: {
          validation_warnings: warnings,
          next_actions: [
            ...(calibrated?.advice ? [calibrated.advice] : []),
            ...(waiting.length ? [`Check that ${waiting.join(', ')} no longer block${waiting.length === 1 ? 's' : ''} ${task.code}, or pick a ready task with \`next\``] : []),
            ...(others.length ? [`Coordinate with ${others.map((s) => s.key).join(', ')}, which also works on ${task.code}`] : []),
          ],
          suggestions: others.map((s) => ({ type: 'shared_task' as const, task: task.code, reason: `also active in ${s.key}` })),
        },
      };
    },
  }),
  defineCommand({
    name: 'task:deactivate',
    slash: '/task-end',
    summary: 'Complete a task (default: the active one) after its completion check, and pop it',
    tx: 'write',
    records: 'itself',
    agent: 'Completes a task named by code after its check; for the active task call done.',
    completes: { code: 'task' },
    closes: 'summary',
    positional: ['code'],
    args: { code: Code.optional(), summary: OptionalText, force: Flag, ...CheckCommandArgs },
    prepare: (ctx, args) => runCheckCommandFirst(ctx, args, async (tx) => refuseClosed((await taskToClose(tx, ctx, args.code)).task)),
    async run(tx, args, ctx, check) {
      const { session, task } = await taskToClose(tx, ctx, args.code);
      return finishTask(tx, ctx, session, task, args, check);
    },
  }),
  defineCommand({
    name: 'context',
    slash: '/context',
    summary: 'Show the context stack',
    tx: 'read',
    agent: 'The context stack: project > sprint > task.',
    args: {},
    async run(tx, _args, ctx) {
      const session = await currentSession(tx, ctx);
      const plan = await planNear(tx, session);
      const task = activeTask(plan, session);
      return {
        data: {
          ui: 'context',
          session_key: session?.key ?? null,
          context_stack: session ? contextStack(session) : [{ kind: 'project', code: null }],
          line: stackLine(session),
          active_task: task ? taskDetail(plan, await tx.sessions(), task, ctx.now()) : null,
        },
      };
    },
  }),
];
