import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { sameCode } from '../domain/codes.js';
import type { Config } from '../domain/config.js';
import type { PlanFile, Task } from '../domain/plan.js';
import { HEARTBEAT_SECONDS, type Session, type SessionsFile, type Source } from '../domain/session.js';
import { lastSignOfLife, sessionNow } from './clock.js';
import { activeSprintCode, activeTaskCode, popFrame } from './context.js';
import { bankActiveTime, openEntry, secondsBetween, startTimer, stopTimer } from './timer.js';
import { byText } from '../domain/order.js';

/** What decides when silence stops being work. */
export type Staleness = Pick<Config, 'stale_update_minutes' | 'interruption_after_minutes'>;

export function nextSessionKey(sessions: SessionsFile): string {
  const highest = sessions.sessions.reduce((max, s) => Math.max(max, Number(s.key.slice('SESSION-'.length))), 0);
  return `SESSION-${String(highest + 1).padStart(3, '0')}`;
}

export interface NewSession {
  type: Session['type'];
  source: Source;
  agent: string | null;
  user: string | null;
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

/**
 * Whose a session is. One started by a screen or at the developer's shell
 * (source `tui` or `cli`) without an agent's name is the developer's; one
 * an agent started (named with `--agent`, or over MCP or HTTP) is that
 * agent's. A screen takes up only the developer's sessions, never an agent's.
 */
export function isDevelopers(session: Session): boolean {
  return session.agent === null && (session.source === 'tui' || session.source === 'cli');
}

/** Active or paused: a session that may still be taken up. */
export const isOpen = (s: Pick<Session, 'status'>) => s.status === 'active' || s.status === 'paused';
/** Completed or abandoned: a session that records nothing more. */
export const isEnded = (s: Pick<Session, 'status'>) => !isOpen(s);

/**
 * Whether `person` may take the session up without naming it: on a shared
 * store only their own; on a home folder (`person` null) any.
 */
export const ownedBy = (person: string | null) => (session: Session): boolean => person === null || session.user === person;

/**
 * The sessions a face takes up when none is named: a screen only the
 * developer's (never an agent's, paused or not); an agent's face any open
 * one, so a new agent carries on where the last one stopped.
 */
export function takenUpBy(face: Source, person: string | null): (s: Session) => boolean {
  const own = ownedBy(person);
  return face === 'tui' ? (s) => own(s) && isDevelopers(s) : own;
}

/**
 * The session to resume when none is named: the home's current one, else
 * the latest open one; `whose` narrows both to the sessions a face may take
 * up (a screen: the developer's).
 */
export function resumable(sessions: SessionsFile, current: string | null, whose: (s: Session) => boolean = () => true): Session | null {
  const open = (s: Session) => isOpen(s) && whose(s);
  const named = current ? sessions.sessions.find((s) => s.key === current && open(s)) : undefined;
  if (named) return named;
  return sessions.sessions.filter(open).sort((a, b) => byText(b.last_activity_at, a.last_activity_at))[0] ?? null;
}

export function pauseSession(session: Session, plan: PlanFile, now: Date, reason: string | null): void {
  const at = sessionNow(session, now);
  stopTimer(session, plan, at, 'paused');
  bankActiveTime(session, at);
  session.status = 'paused';
  session.paused_at = at.toISOString();
  session.pause_reason = reason;
}

/**
 * Left active with no one behind it: its last sign of life was a heartbeat
 * that stopped (the screen that sent it died), or it has been silent for
 * longer than the staleness nudge (or `interruption_after_minutes`, when
 * longer). Only such a session was interrupted; an agent between two
 * commands, or a screen open on a running timer, is at work.
 */
export function dormant(session: Session, staleness: Staleness, now: Date): boolean {
  if (session.status !== 'active') return false;
  const silent = secondsBetween(lastSignOfLife(session), now);
  const beatStopped = (session.heartbeat_at ?? '') > session.last_activity_at && silent > 2 * HEARTBEAT_SECONDS;
  return beatStopped || silent > 60 * Math.max(staleness.stale_update_minutes, staleness.interruption_after_minutes);
}

/**
 * Takes a session up again. A paused one was interrupted since its pause. A
 * dormant one was left without a pause (its process died): its time stops
 * at the last sign of life, and the gap up to now is the interruption. Any
 * other active session is at work: nothing stops, nothing is recorded, and
 * no tracked time is taken back.
 */
export function resumeSession(session: Session, plan: PlanFile, now: Date, staleness: Staleness): { interrupted_for: number } {
  let from: string;
  let reason: string | null;
  if (session.status === 'paused') {
    from = session.paused_at ?? session.last_activity_at;
    reason = session.pause_reason;
  } else {
    if (!dormant(session, staleness, now)) return { interrupted_for: 0 };
    from = lastSignOfLife(session);
    reason = 'no pause recorded: the process was interrupted';
    const lastSeen = new Date(from);
    stopTimer(session, plan, lastSeen, 'interrupted');
    bankActiveTime(session, lastSeen);
  }
  const at = sessionNow(session, now);
  const gap = Math.round(secondsBetween(from, at));
  session.interruptions.push({ from, to: at.toISOString(), seconds: gap, reason });
  session.status = 'active';
  session.active_since = at.toISOString();
  session.resumed_at = at.toISOString();
  session.paused_at = null;
  session.pause_reason = null;
  const task = activeTask(plan, session);
  if (task && task.status === 'in_progress') startTimer(session, task.code, at);
  return { interrupted_for: gap };
}

/** `T-1 was completed by SESSION-002 5 minutes ago (2026-01-05 09:35 UTC)`, when another session took this one's task away. */
export function closedElsewhereNotice(session: Session | null, now: Date): string | null {
  const closed = session?.closed_elsewhere;
  if (!closed) return null;
  const when = `${formatDistanceStrict(new Date(closed.at), now, { addSuffix: true })} (${closed.at.slice(0, 16).replace('T', ' ')} UTC)`;
  return `${closed.task}, active in ${session!.key}, was ${closed.how} by ${closed.by ?? 'another session'} ${when}`;
}

/** `holder` gives `code` up to `by` (a person in a session): its timer stops now, and its next command is told. */
export function takeOver(holder: Session, plan: PlanFile, code: string, now: Date, by: string): void {
  popStopping(holder, plan, code, now, `taken over by ${by}`);
  holder.closed_elsewhere = { task: code, by, at: now.toISOString(), how: 'taken over' };
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
 * holding it takes nothing up in its place; its timer stops now when it is
 * at work, at its own last sign of life when it is dormant (time after that
 * was nobody's work).
 */
export function completeTask(sessions: SessionsFile, plan: PlanFile, task: Task, now: Date, incomplete: boolean, acting: Session | null, staleness: Staleness): void {
  for (const session of sessions.sessions) {
    if (!session.stack.some((f) => sameCode(f.code, task.code))) continue;
    if (session === acting) {
      leaveFrame(session, plan, task.code, now, 'done');
      continue;
    }
    const until = dormant(session, staleness, now) ? new Date(lastSignOfLife(session)) : now;
    popStopping(session, plan, task.code, until, `completed in ${acting?.key ?? 'another session'}`);
    // Its next command must not land elsewhere without a word.
    session.closed_elsewhere = { task: task.code, by: acting?.key ?? null, at: now.toISOString(), how: 'completed' };
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
