import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import * as z from 'zod';
import { sessionEndReadiness } from '../core/readiness.js';
import { activeSprintCode, activeTaskCode } from '../core/context.js';
import type { InstructionHints, Suggestion } from '../core/instructions.js';
import { gitLine } from '../core/git-context.js';
import { nextTask } from '../core/next-task.js';
import { sprintProgress } from '../core/plan.js';
import { recoveryPackage, sessionView } from '../core/recovery.js';
import { sessionOverview } from '../core/session-overview.js';
import { heartbeat, lastSignOfLife } from '../core/clock.js';
import { activeTask, createSession, isEnded, pauseSession, resumable, resumeSession, takenUpBy, tasksInProgress } from '../core/session.js';
import { sessionTaskSeconds } from '../core/timer.js';
import { endSession } from '../core/session-end.js';
import { FragmentsError } from '../domain/errors.js';
import type { PlanFile } from '../domain/plan.js';
import { SessionKey, SessionStatus, SessionType, type Session, type SessionsFile } from '../domain/session.js';
import { countDay, readBack, recentActivities } from '../store/activity-log.js';
import type { Tx } from '../store/store.js';
import { logActivity } from '../runner/record.js';
import { Count, OptionalText, Text } from './shared/args.js';
import { findingHints, gate } from './shared/gate.js';
import { NOTHING_READ, readTaskGit } from '../project/git.js';
import { planNear } from '../runner/plan-scope.js';
import { currentSession, findSession, requireSession } from '../runner/session-scope.js';
import { defineCommand, type Ctx } from '../runner/define.js';

/** Resumes `session`, makes it the home's current one, and answers with the recovery package. */
async function takeUp(tx: Tx, ctx: Ctx, session: Session) {
  const plan = await planNear(tx, session);
  const sessions = await tx.sessions();
  const now = ctx.now();
  const before = await recentActivities(tx, session.key, 3);
  const lastSeen = lastSignOfLife(session);
  const { interrupted_for } = resumeSession(session, plan, now, await tx.config());
  tx.setCurrent(session.key);
  await logActivity(tx, ctx, session, { kind: 'resume', data: { interrupted_for } });
  const data = recoveryPackage(plan, sessions, session, { lastSeen, lastActions: before, interrupted_for }, now);
  const task = activeTask(plan, session);
  const git = task ? await readTaskGit(ctx.cwd, sessions, task.code) : NOTHING_READ;
  const inGit = task ? gitLine(task.code, git.value) : null;
  const next_actions = task
    ? [
        `Carry on with ${task.code} (${task.title}): last update ${task.updates.at(-1) ? JSON.stringify(task.updates.at(-1)!.text) : 'none yet'}`,
        ...(inGit ? [`${inGit}: look at them before carrying on`] : []),
      ]
    : [];
  return { data: { ui: 'session' as const, ...data, git: git.value }, hints: { next_actions, ...(git.warning ? { validation_warnings: [git.warning] } : {}) } };
}

function startSuggestions(state: { plan: PlanFile; sessions: SessionsFile }, session: Session, now: Date): InstructionHints {
  const suggestions: Suggestion[] = [];
  for (const { task, last_worked } of tasksInProgress(state.plan, state.sessions, now).slice(0, 3)) {
    suggestions.push({ type: 'resume_task', task: task.code, reason: `in progress, last worked ${formatDistanceStrict(new Date(last_worked), now, { addSuffix: true })}` });
  }
  const sprint = activeSprintCode(session) ?? state.plan.sprints.find((s) => s.status === 'in_progress')?.code ?? null;
  if (sprint) {
    const { done, total } = sprintProgress(state.plan, sprint);
    suggestions.push({ type: 'sprint_progress', sprint, reason: `${done} of ${total} tasks complete` });
  }
  const next = nextTask(state.plan, sprint);
  if (next.task) suggestions.push({ type: 'next_task', task: next.task.code, reason: next.reason });
  const resume = suggestions.find((s) => s.type === 'resume_task');
  return {
    suggestions,
    ...(resume && !activeTaskCode(session)
      ? { next_actions: [`Pick ${resume.task} up again (${resume.reason})`], suggest: [{ command: 'task:activate', args: { code: resume.task } }] }
      : {}),
  };
}

function mergeHints(a: InstructionHints, b: InstructionHints): InstructionHints {
  return {
    next_actions: [...(a.next_actions ?? []), ...(b.next_actions ?? [])],
    suggest: [...(a.suggest ?? []), ...(b.suggest ?? [])],
    suggestions: [...(a.suggestions ?? []), ...(b.suggestions ?? [])],
  };
}

export const sessionCommands = [
  defineCommand({
    name: 'session:start',
    takesUp: true,
    slash: '/session-start',
    summary: 'Start a work session, or resume the open one (--new for a fresh one)',
    tx: 'write',
    records: 'itself',
    agent: 'Call first: starts a work session, or takes up the open one, and says what to work on. This connection remembers the session.',
    routes: ['POST /sessions/start'],
    args: { type: SessionType.default('work'), agent: OptionalText, new: z.boolean().optional() },
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const sessions = await tx.sessions();
      const now = ctx.now();
      const existing = args.new ? null : ctx.sessionKey ? await findSession(tx, ctx.sessionKey) : resumable(sessions, await tx.current(), takenUpBy(ctx.face, tx.person()));
      if (existing && (existing.status === 'active' || existing.status === 'paused')) {
        const outcome = await takeUp(tx, ctx, existing);
        return { ...outcome, data: { ...outcome.data, ui: 'session-started', resumed: true }, hints: mergeHints(outcome.hints ?? {}, startSuggestions({ plan, sessions }, existing, now)) };
      }
      const session = createSession(sessions, { type: args.type, source: ctx.face, agent: args.agent ?? null, user: tx.person() }, now);
      tx.setCurrent(session.key);
      const started = { ...ctx, sessionKey: session.key };
      await logActivity(tx, started, session, { kind: 'command', text: `${args.type} session started` });
      return {
        data: { ui: 'session-started', session_key: session.key, session: sessionView(session, now), resumed: false },
        hints: startSuggestions({ plan, sessions }, session, now),
      };
    },
  }),
  defineCommand({
    name: 'session:resume',
    takesUp: true,
    slash: '/session-resume',
    summary: 'Everything needed to carry on: stack, active task, last actions, interruption',
    tx: 'write',
    records: 'itself',
    agent: 'Call after a crash, a restart or lost context: the stack, the active task, the last actions, how long work stopped. Restarts the timer.',
    completes: { key: 'session' },
    routes: ['POST /sessions/:key/resume'],
    positional: ['key'],
    args: { key: SessionKey.optional() },
    async run(tx, args, ctx) {
      const key = args.key ?? ctx.sessionKey;
      const session = key ? await findSession(tx, key) : resumable(await tx.sessions(), await tx.current(), takenUpBy(ctx.face, tx.person()));
      if (!session) {
        throw new FragmentsError('NO_SESSION', 'No open session to resume. Start one with `session:start`; `session:list` shows past ones.');
      }
      if (isEnded(session)) {
        throw new FragmentsError('SESSION_CLOSED', `${session.key} is ${session.status} and cannot be resumed. Start a new one with \`session:start\`.`);
      }
      return takeUp(tx, { ...ctx, sessionKey: session.key }, session);
    },
  }),
  defineCommand({
    name: 'session:pause',
    slash: '/session-pause',
    summary: 'Pause the session: timers stop until it is resumed',
    tx: 'write',
    records: 'itself',
    agent: 'Call when work stops for a while (a break, waiting for the developer): timers stop until session_resume.',
    routes: ['POST /sessions/:session/pause'],
    rest: 'reason',
    args: { reason: Text.optional() },
    async run(tx, args, ctx) {
      const session = await requireSession(tx, ctx);
      if (session.status === 'paused') {
        throw new FragmentsError('ALREADY_PAUSED', `${session.key} is already paused. Resume it with \`session:resume\`.`);
      }
      const now = ctx.now();
      pauseSession(session, await planNear(tx, session), now, args.reason ?? null);
      await logActivity(tx, ctx, session, { kind: 'pause', text: args.reason ?? null });
      return {
        data: { ui: 'session', session_key: session.key, session: sessionView(session, now) },
      };
    },
  }),
  defineCommand({
    name: 'session:end',
    slash: '/session-end',
    summary: 'End the session with a summary; checks no task is left active',
    tx: 'write',
    records: 'itself',
    agent: 'Call when the work is over, with a summary. Refused while a task is active unless force.',
    closes: 'summary',
    endsSession: true,
    routes: ['POST /sessions/end'],
    args: { summary: OptionalText, force: z.boolean().optional() },
    async run(tx, args, ctx) {
      const session = await requireSession(tx, ctx);
      const plan = await planNear(tx, session);
      const now = ctx.now();
      const readiness = sessionEndReadiness(session, args.summary ?? null);
      const refusal = await gate(tx, ctx, session, {
        readiness,
        force: args.force,
        refused: `${session.key} cannot end yet`,
        escape: { say: 'Or end it anyway, leaving the task paused in progress', run: { command: 'session:end', args: { summary: args.summary ?? '…', force: true } } },
        data: { session_key: session.key },
        about: {},
      });
      if (refusal) return refusal;
      // The whole history, once, as the session closes.
      const summary = endSession(session, plan, await readBack(tx, session.key, () => false), args.summary ?? null, now);
      await logActivity(tx, ctx, session, { kind: 'command', text: args.summary ?? null, data: { summary } });
      if ((await tx.current()) === session.key) tx.setCurrent(null);
      return {
        data: { ui: 'session-summary', session_key: session.key, session: sessionView(session, now), summary },
        hints: { ...findingHints(readiness, false), next_actions: [`${session.key} is closed; start a new session when work resumes`], suggest: [{ command: 'session:start' }, { command: 'report', args: { session: session.key } }] },
      };
    },
  }),
  defineCommand({
    name: 'session:status',
    slash: '/status',
    summary: 'The session, its stack, time on the active task, today’s counts',
    tx: 'read',
    agent: 'Where things stand: the session, its stack, time on the active task, today’s counts.',
    completes: { key: 'session' },
    // `current` first: `:key` would take it for a session key.
    routes: ['GET /sessions/current', 'GET /sessions/:key'],
    positional: ['key'],
    args: { key: SessionKey.optional() },
    async run(tx, args, ctx) {
      const session = args.key ? await findSession(tx, args.key) : await currentSession(tx, ctx);
      if (!session) return { data: { ui: 'session', session_key: null, session: null }, hints: {} };
      const plan = await planNear(tx, session);
      const now = ctx.now();
      const today = now.toISOString().slice(0, 10);
      const counts = session.today === null ? await countDay(tx, session.key, today) : session.today.date === today ? session.today.counts : {};
      const task = activeTask(plan, session);
      const git = task ? await readTaskGit(ctx.cwd, await tx.sessions(), task.code) : NOTHING_READ;
      return {
        data: {
          ui: 'session',
          session_key: session.key,
          session: sessionView(session, now),
          active_task: task ? { code: task.code, title: task.title, session_seconds: Math.round(sessionTaskSeconds(session, task.code, now)) } : null,
          today: counts,
          git: git.value,
        },
        hints: git.warning ? { validation_warnings: [git.warning] } : {},
      };
    },
  }),
  defineCommand({
    name: 'session:list',
    slash: '/sessions',
    summary: 'Sessions, newest first',
    tx: 'read',
    agent: 'Sessions, newest first; status "active" or "paused" finds one to resume.',
    routes: ['GET /sessions'],
    args: { status: SessionStatus.optional() },
    async run(tx, args, ctx) {
      const sessions = await tx.sessions();
      const plan = await tx.plan();
      const staleAfter = (await tx.config()).stale_update_minutes * 60;
      const now = ctx.now();
      const list = sessions.sessions.filter((s) => !args.status || s.status === args.status).reverse();
      return { data: { ui: 'sessions', sessions: list.map((s) => sessionOverview(plan, sessions, s, staleAfter, now)) }, quiet: true };
    },
  }),
  defineCommand({
    name: 'session:switch',
    takesUp: true,
    slash: '/session-switch',
    summary: 'Make another session current; the one left is paused',
    tx: 'write',
    records: 'itself',
    completes: { key: 'session' },
    positional: ['key'],
    args: { key: SessionKey },
    async run(tx, args, ctx) {
      const target = await findSession(tx, args.key);
      // The session the caller is in (a screen's own, an MCP connection's), else the home's current one.
      const left = await currentSession(tx, ctx);
      if (isEnded(target)) {
        throw new FragmentsError('SESSION_CLOSED', `${target.key} is ${target.status}; switch to an open session (see \`session:list --status paused\`).`);
      }
      if (left && left !== target && left.status === 'active') {
        pauseSession(left, await planNear(tx, left), ctx.now(), `switched to ${target.key}`);
        await logActivity(tx, { ...ctx, sessionKey: left.key }, left, { kind: 'pause', text: `switched to ${target.key}` });
      }
      const outcome = await takeUp(tx, { ...ctx, sessionKey: target.key }, target);
      return { ...outcome, data: { ...outcome.data, left: left && left !== target ? left.key : null } };
    },
  }),
  defineCommand({
    name: 'session:heartbeat',
    summary: 'Say the session is alive, so time after a crash ends here (the TUI sends it every 30 s)',
    tx: 'write',
    records: 'nothing',
    args: {},
    async run(tx, _args, ctx) {
      const session = await requireSession(tx, ctx);
      if (session.status === 'active') heartbeat(session, ctx.now());
      return { data: { ui: 'heartbeat', session_key: session.key, heartbeat_at: session.heartbeat_at }, quiet: true };
    },
  }),
  defineCommand({
    name: 'history',
    slash: '/history',
    summary: 'Recent activities of the session',
    tx: 'read',
    agent: 'The session’s recent activities, from every source.',
    args: { limit: Count.default(20) },
    async run(tx, args, ctx) {
      const session = await currentSession(tx, ctx);
      if (!session) throw new FragmentsError('NO_SESSION', 'No session is open: name one with --session KEY, or see `session:list`.');
      const activities = await recentActivities(tx, session.key, args.limit);
      return { data: { ui: 'activities', session_key: session.key, activities }, quiet: true };
    },
  }),
];
