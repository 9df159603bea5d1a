import { startOfDay } from 'date-fns/startOfDay';
import type { Activity } from '../domain/activity.js';
import { sameCode } from '../domain/codes.js';
import { estimateSeconds } from '../domain/duration.js';
import type { Config } from '../domain/config.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { Session, SessionsFile } from '../domain/session.js';
import { activeSprintCode } from './context.js';
import { sessionOverview } from './session-overview.js';
import { tasksOf } from './plan.js';
import { sessionView } from './recovery.js';
import { lastSignOfLife, sessionNow } from './clock.js';
import { activeTask, dormant, resumable, takenUpBy } from './session.js';
import { byText } from '../domain/order.js';
import { openEntry, runningSeconds, secondsBetween, taskSeconds } from './timer.js';
import { sprintView } from './views.js';

/** Seconds this session tracked on tasks since local midnight, the open entry included. */
export function todaySeconds(session: Session, now: Date): number {
  const midnight = startOfDay(now).toISOString();
  const until = sessionNow(session, now).toISOString();
  let total = 0;
  for (const e of session.time_entries) {
    const end = e.end ?? until;
    if (end <= midnight) continue;
    total += secondsBetween(e.start > midnight ? e.start : midnight, end);
  }
  return total;
}

/** What other sessions did, as lines for the feed of the session shown: a session appearing is news, never a change of screen. */
export interface NeighbourEvent {
  at: string;
  session: string;
  source: Session['source'];
  agent: string | null;
  what: 'started' | 'paused' | 'ended';
  reason: string | null;
}

/** How many lines of other sessions' news the feed gets at most. */
const NEIGHBOUR_LINES = 20;

/** Other sessions' starts, pauses and ends since `since`, oldest first. */
function neighbourEvents(sessions: SessionsFile, shown: Session | null, since: string): NeighbourEvent[] {
  const events: NeighbourEvent[] = [];
  for (const s of sessions.sessions) {
    if (s === shown) continue;
    const of = { session: s.key, source: s.source, agent: s.agent };
    if (s.started_at >= since) events.push({ ...of, at: s.started_at, what: 'started', reason: null });
    if (s.status === 'paused' && s.paused_at && s.paused_at >= since) events.push({ ...of, at: s.paused_at, what: 'paused', reason: s.pause_reason });
    if (s.ended_at && s.ended_at >= since) events.push({ ...of, at: s.ended_at, what: 'ended', reason: null });
  }
  return events.sort((a, b) => byText(a.at, b.at)).slice(-NEIGHBOUR_LINES);
}

/** Seconds (whole: one rounding rule for every figure on a screen). */
const whole = Math.floor;

/**
 * What a board needs of the plan: the sprints and tasks on the stacks of the
 * session shown and of every open session. A screen reloads its board on
 * every write of an agent, so it reads those sprints' files, not the plan.
 */
export function boardScope(sessions: SessionsFile, shown: Session | null): { sprints: string[]; tasks: string[] } {
  const scope = { sprints: [] as string[], tasks: [] as string[] };
  for (const s of sessions.sessions) {
    if (s !== shown && s.status !== 'active' && s.status !== 'paused') continue;
    for (const frame of s.stack) (frame.kind === 'sprint' ? scope.sprints : scope.tasks).push(frame.code);
  }
  return scope;
}

/**
 * Everything a screen watching one session shows: the session, its sprint and
 * task with their time, the latest activity, every open session. Time is
 * given as of `at` with whether it is still running, so a face can tick it.
 * `plan` holds at least what boardScope() names, and is the whole plan when
 * that holds no task (so `plan_empty` is true only of a plan without any).
 * `current` is the home's current session: the developer's session a screen
 * opens on (`yours`) is that one when it is theirs.
 */
export function boardView(plan: PlanFile, sessions: SessionsFile, session: Session | null, activities: Activity[], config: Config, now: Date, current: string | null = null, person: string | null = null) {
  const task = activeTask(plan, session);
  const sprintCode = activeSprintCode(session) ?? task?.sprint ?? null;
  const sprint = sprintCode ? plan.sprints.find((s) => s.code.toLowerCase() === sprintCode.toLowerCase()) ?? null : null;
  const running = session?.status === 'active' ? openEntry(session) : undefined;
  const sprintTasks = sprint ? tasksOf(plan, sprint.code) : [];
  const figures = sprintFigures(sprintTasks, runningSeconds(sessions, now));
  const developers = takenUpBy('tui', person);
  const mine = sessions.sessions.filter(developers);
  return {
    at: now.toISOString(),
    session_key: session?.key ?? null,
    session: session ? sessionView(session, now) : null,
    session_running: session?.status === 'active',
    /** Seconds since the session was last heard from (an activity or a heartbeat). */
    silent_seconds: session ? Math.round(secondsBetween(lastSignOfLife(session), now)) : 0,
    dormant: session !== null && dormant(session, config, now),
    /** Time tracked on tasks today, in every session of the home. */
    today_seconds: whole(sessions.sessions.reduce((sum, s) => sum + todaySeconds(s, now), 0)),
    /** The developer's open session a screen opens on: the home's current one when it is theirs, else their latest open one. */
    yours: resumable(sessions, current, developers)?.key ?? null,
    /** Time the developer tracked on tasks today, in all their sessions (none of the agents'), and how many of their timers run now. */
    yours_today: {
      seconds: whole(mine.reduce((sum, s) => sum + todaySeconds(s, now), 0)),
      running: mine.filter((s) => s.status === 'active' && openEntry(s) !== undefined).length,
    },
    sprint: sprint
      ? {
          ...sprintView(plan, sprint, sprintTasks),
          estimate: sprint.estimate ?? figures.estimate,
          actual_seconds: whole(figures.seconds),
        }
      : null,
    task: task
      ? {
          code: task.code,
          title: task.title,
          status: task.status,
          priority: task.priority,
          estimate: task.estimate,
          estimate_seconds: task.estimate ? estimateSeconds(task.estimate) : null,
          actual_seconds: whole(taskSeconds(task, sessions, now)),
          timer_running: running?.task.toLowerCase() === task.code.toLowerCase(),
          updates_count: task.updates.length,
          last_update: task.updates.at(-1) ?? null,
          block_reason: task.block_reason,
        }
      : null,
    activities,
    /** Other sessions' starts, pauses and ends over the span of `activities`. */
    others: neighbourEvents(sessions, session, activities[0]?.at ?? session?.started_at ?? startOfDay(now).toISOString()),
    open_sessions: openSessions(plan, sessions, config, now),
    /** No task in the plan yet: a screen says how to make one. */
    plan_empty: plan.tasks.length === 0,
  };
}

export type Board = ReturnType<typeof boardView>;

/**
 * What a prompt completes: every task's code with its title and status, every
 * sprint's code, the open sessions' keys. Apart from the board, since it
 * spans the whole plan: a screen asks for it when it completes, not on every
 * write of an agent.
 */
export function codesView(plan: PlanFile, sessions: SessionsFile) {
  return {
    tasks: plan.tasks.map((t) => ({ code: t.code, status: t.status, title: t.title })),
    sprints: plan.sprints.map((s) => s.code),
    sessions: sessions.sessions.filter((s) => s.status === 'active' || s.status === 'paused').map((s) => s.key),
  };
}

export type Codes = ReturnType<typeof codesView>;

/** Every open session at a glance, as session:list tells it, and whether its task timer runs now. */
function openSessions(plan: PlanFile, sessions: SessionsFile, config: Config, now: Date) {
  return sessions.sessions
    .filter((s) => s.status === 'active' || s.status === 'paused')
    .map((s) => {
      const overview = sessionOverview(plan, sessions, s, config.stale_update_minutes * 60, now);
      const running = s.status === 'active' && overview.active_task !== null && sameCode(openEntry(s)?.task ?? '', overview.active_task.code);
      return { ...overview, timer_running: running };
    });
}

/**
 * A sprint's sums from its tasks in one pass, since a screen asks for them on
 * every write of an agent: the known estimates (null when none is), and the
 * time spent, the timers running now included (`live`: seconds by task code
 * in lower case).
 */
function sprintFigures(tasks: Task[], live: Map<string, number>) {
  let known = 0;
  let low = 0;
  let high = 0;
  let seconds = 0;
  for (const t of tasks) {
    if (t.estimate) {
      known++;
      low += t.estimate.low_hours;
      high += t.estimate.high_hours;
    }
    seconds += t.actual_seconds;
  }
  // A running timer is on one task: looked for once per timer, not once per task.
  for (const [code, running] of live) if (tasks.some((t) => sameCode(t.code, code))) seconds += running;
  return { estimate: known ? { low_hours: low, high_hours: high } : null, seconds };
}
