import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { sameCode } from '../domain/codes.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { Session, SessionsFile, Source } from '../domain/session.js';
import { activeSprintCode, activeTaskCode, popFrame } from './context.js';
import { bankActiveTime, openEntry, secondsBetween, startTimer, stopTimer } from './timer.js';
import { byText } from '../domain/order.js';

export function nextSessionKey(sessions: SessionsFile): string {
  const highest = sessions.sessions.reduce((max, s) => Math.max(max, Number(s.key.slice('SESSION-'.length))), 0);
  return `SESSION-${String(highest + 1).padStart(3, '0')}`;
}

export interface NewSession {
  type: Session['type'];
  source: Source;
  agent: string | null;
}

export function createSession(sessions: SessionsFile, fields: NewSession, now: Date): Session {
  const at = now.toISOString();
  const session: Session = {
    key: nextSessionKey(sessions),
    ...fields,
    status: 'active',
    stack: [],
    started_at: at,
    paused_at: null,
    resumed_at: null,
    ended_at: null,
    active_seconds: 0,
    active_since: at,
    last_activity_at: at,
    heartbeat_at: null,
    pause_reason: null,
    interruptions: [],
    time_entries: [],
    activity_count: 0,
    summary: null,
    closed_elsewhere: null,
    today: null,
  };
  sessions.sessions.push(session);
  return session;
}

/** The session to resume when none is named: the home's current one, else the latest open one. */
export function resumable(sessions: SessionsFile, current: string | null): Session | null {
  const open = (s: Session) => s.status === 'active' || s.status === 'paused';
  const named = current ? sessions.sessions.find((s) => s.key === current && open(s)) : undefined;
  if (named) return named;
  return sessions.sessions.filter(open).sort((a, b) => byText(b.last_activity_at, a.last_activity_at))[0] ?? null;
}

export function pauseSession(session: Session, plan: PlanFile, now: Date, reason: string | null): void {
  stopTimer(session, plan, now, 'paused');
  bankActiveTime(session, now);
  session.status = 'paused';
  session.paused_at = now.toISOString();
  session.pause_reason = reason;
}

/**
 * Takes a session up again. A paused one was interrupted since its pause. An
 * active one silent for longer than `interruptionAfter` seconds was left
 * without a pause (its process died): its time stops at the last sign of
 * life, and the gap up to now is the interruption. A shorter silence is just
 * work between two commands, and nothing stops.
 */
export function resumeSession(session: Session, plan: PlanFile, now: Date, interruptionAfter: number): { interrupted_for: number } {
  let from: string;
  let reason: string | null;
  if (session.status === 'paused') {
    from = session.paused_at ?? session.last_activity_at;
    reason = session.pause_reason;
  } else {
    from = lastSignOfLife(session);
    // Under a second is the same moment, never an interruption.
    if (secondsBetween(from, now) < Math.max(1, interruptionAfter)) return { interrupted_for: 0 };
    reason = 'no pause recorded: the process was interrupted';
    const lastSeen = new Date(from);
    stopTimer(session, plan, lastSeen, 'interrupted');
    bankActiveTime(session, new Date(Math.max(lastSeen.getTime(), new Date(session.active_since ?? from).getTime())));
  }
  const gap = Math.round(secondsBetween(from, now));
  session.interruptions.push({ from, to: now.toISOString(), seconds: gap, reason });
  session.status = 'active';
  session.active_since = now.toISOString();
  session.resumed_at = now.toISOString();
  session.paused_at = null;
  session.pause_reason = null;
  const task = activeTask(plan, session);
  if (task && task.status === 'in_progress') startTimer(session, task.code, now);
  return { interrupted_for: gap };
}

/** `T-1 was completed by SESSION-002 5 minutes ago (2026-01-05 09:35 UTC)`, when another session took this one's task away. */
export function closedElsewhereNotice(session: Session | null, now: Date): string | null {
  const closed = session?.closed_elsewhere;
  if (!closed) return null;
  const when = `${formatDistanceStrict(new Date(closed.at), now, { addSuffix: true })} (${closed.at.slice(0, 16).replace('T', ' ')} UTC)`;
  return `${closed.task}, active in ${session!.key}, was completed by ${closed.by ?? 'another session'} ${when}`;
}

export function lastSignOfLife(session: Session): string {
  const heartbeat = session.heartbeat_at ?? '';
  return heartbeat > session.last_activity_at ? heartbeat : session.last_activity_at;
}

export function activeTask(plan: PlanFile, session: Session | null): Task | null {
  const code = activeTaskCode(session);
  return code ? (plan.tasks.find((t) => sameCode(t.code, code)) ?? null) : null;
}

/**
 * Puts a task on top of the stack. A subtask of the active task goes above
 * it; any other task replaces the active one, and brings its sprint along.
 * Its timer runs only while the session is active.
 */
export function activateTask(session: Session, plan: PlanFile, task: Task, now: Date): { replaced: string | null } {
  const at = now.toISOString();
  const current = activeTaskCode(session);
  const same = current !== null && sameCode(current, task.code);
  if (!same) {
    const parentOnStack = task.parent !== null && session.stack.some((f) => sameCode(f.code, task.parent!));
    if (parentOnStack) {
      popAbove(session, task.parent!);
    } else {
      session.stack = session.stack.filter((f) => f.kind === 'sprint');
      if (task.sprint && !sameCode(activeSprintCode(session) ?? '', task.sprint)) {
        session.stack = [{ kind: 'sprint', code: task.sprint, since: at }];
        startSprint(plan, task.sprint, now);
      }
    }
    stopTimer(session, plan, now, 'switched');
    session.stack.push({ kind: parentOnStack ? 'subtask' : 'task', code: task.code, since: at });
  }
  if (task.status === 'pending' || task.status === 'blocked') task.status = 'in_progress';
  task.block_reason = null;
  task.started = true;
  task.started_at ??= at;
  task.updated_at = at;
  if (session.status === 'active') startTimer(session, task.code, now);
  return { replaced: same ? null : current };
}

function popAbove(session: Session, code: string): void {
  const at = session.stack.findIndex((f) => sameCode(f.code, code));
  session.stack.splice(at + 1);
}

/**
 * After an import moved the active task to another sprint, the stack's sprint
 * frame follows it, so `context` never shows a task under a sprint it left.
 * Returns the sprint the session now works in, or null when nothing moved.
 */
export function followPlan(session: Session, plan: PlanFile, now: Date): string | null {
  const frame = session.stack.find((f) => f.kind === 'task');
  const task = frame ? plan.tasks.find((t) => sameCode(t.code, frame.code)) : undefined;
  if (!task?.sprint || sameCode(activeSprintCode(session) ?? '', task.sprint)) return null;
  session.stack = [{ kind: 'sprint', code: task.sprint, since: now.toISOString() }, ...session.stack.filter((f) => f.kind !== 'sprint')];
  startSprint(plan, task.sprint, now);
  return task.sprint;
}

export function startSprint(plan: PlanFile, code: string, now: Date): void {
  const sprint = plan.sprints.find((s) => sameCode(s.code, code));
  if (sprint && sprint.status === 'planned') {
    sprint.status = 'in_progress';
    sprint.updated_at = now.toISOString();
  }
}

/**
 * Takes `code` and everything above it off the stack. A timer on a popped
 * task stops; the task now on top (a parent whose subtask closed) takes
 * the timer back.
 */
export function leaveFrame(session: Session, plan: PlanFile, code: string, now: Date, reason: string): void {
  if (!popStopping(session, plan, code, now, reason)) return;
  const top = activeTask(plan, session);
  if (top?.status === 'in_progress' && session.status === 'active') startTimer(session, top.code, now);
}

/** Pops `code` and what is above it, stopping a timer that ran on any of them at `at`. Says whether anything was popped. */
function popStopping(session: Session, plan: PlanFile, code: string, at: Date, reason: string): boolean {
  const popped = popFrame(session, code);
  const running = openEntry(session)?.task;
  if (running && popped.some((f) => sameCode(f.code, running))) stopTimer(session, plan, at, reason);
  return popped.length > 0;
}

/**
 * Closes a task. The acting session leaves it as usual. Any other session
 * holding it has its timer stopped at its own last sign of life, so time is
 * never counted twice, and takes nothing up in its place.
 */
export function completeTask(sessions: SessionsFile, plan: PlanFile, task: Task, now: Date, incomplete: boolean, acting: Session | null): void {
  for (const session of sessions.sessions) {
    if (!session.stack.some((f) => sameCode(f.code, task.code))) continue;
    if (session === acting) {
      leaveFrame(session, plan, task.code, now, 'done');
      continue;
    }
    const lastSeen = new Date(Math.min(now.getTime(), new Date(lastSignOfLife(session)).getTime()));
    popStopping(session, plan, task.code, lastSeen, `completed in ${acting?.key ?? 'another session'}`);
    // Its next command must not land elsewhere without a word.
    session.closed_elsewhere = { task: task.code, by: acting?.key ?? null, at: now.toISOString() };
  }
  const at = now.toISOString();
  task.status = 'completed';
  task.incomplete = incomplete;
  task.completed_at = at;
  task.updated_at = at;
}

/** Tasks still in progress, the most recently worked first, with when. */
export function tasksInProgress(plan: PlanFile, sessions: SessionsFile, now: Date): { task: Task; last_worked: string }[] {
  const last = new Map<string, string>();
  for (const s of sessions.sessions) {
    for (const e of s.time_entries) {
      const end = e.end ?? now.toISOString();
      if ((last.get(e.task) ?? '') < end) last.set(e.task, end);
    }
  }
  return plan.tasks
    .filter((t) => t.status === 'in_progress')
    .map((t) => ({ task: t, last_worked: last.get(t.code) ?? t.updated_at }))
    .sort((a, b) => byText(b.last_worked, a.last_worked));
}
