import { startOfDay } from 'date-fns/startOfDay';
import type { Activity } from '../domain/activity.js';
import { estimateSeconds } from '../domain/duration.js';
import type { Config } from '../domain/config.js';
import type { PlanFile } from '../domain/plan.js';
import { HEARTBEAT_SECONDS, type Session, type SessionsFile } from '../domain/session.js';
import { activeSprintCode, activeTaskCode } from './context.js';
import { sessionView } from './recovery.js';
import { activeTask, lastSignOfLife } from './session.js';
import { openEntry, secondsBetween, sessionTaskSeconds, taskSeconds } from './timer.js';
import { sprintView } from './views.js';

/** Seconds this session tracked on tasks since local midnight, the open entry included. */
export function todaySeconds(session: Session, now: Date): number {
  const midnight = startOfDay(now).toISOString();
  let total = 0;
  for (const e of session.time_entries) {
    const end = e.end ?? now.toISOString();
    if (end <= midnight) continue;
    total += secondsBetween(e.start > midnight ? e.start : midnight, end);
  }
  return total;
}

/**
 * Everything a screen watching one session shows: the session, its sprint and
 * task with their time, the latest activity, and the codes to complete. Time
 * is given as of `at` with whether it is still running, so a face can tick it.
 */
export function boardView(plan: PlanFile, sessions: SessionsFile, session: Session | null, activities: Activity[], config: Config, now: Date) {
  const task = activeTask(plan, session);
  const sprintCode = activeSprintCode(session) ?? task?.sprint ?? null;
  const sprint = sprintCode ? plan.sprints.find((s) => s.code.toLowerCase() === sprintCode.toLowerCase()) ?? null : null;
  const running = session?.status === 'active' ? openEntry(session) : undefined;
  const sprintTasks = sprint ? plan.tasks.filter((t) => t.sprint?.toLowerCase() === sprint.code.toLowerCase()) : [];
  const estimateHours = sprint?.estimate ?? sumEstimates(sprintTasks.map((t) => t.estimate));
  return {
    at: now.toISOString(),
    session_key: session?.key ?? null,
    session: session ? sessionView(session, now) : null,
    session_running: session?.status === 'active',
    /** Seconds since the session was last heard from (an activity or a heartbeat). */
    silent_seconds: session ? Math.round(secondsBetween(lastSignOfLife(session), now)) : 0,
    dormant: session !== null && dormant(session, config, now),
    /** Time tracked on tasks today, in every session of the home. */
    today_seconds: Math.round(sessions.sessions.reduce((sum, s) => sum + todaySeconds(s, now), 0)),
    sprint: sprint
      ? {
          ...sprintView(plan, sprint),
          estimate: estimateHours,
          actual_seconds: Math.round(sprintTasks.reduce((sum, t) => sum + taskSeconds(t, sessions, now), 0)),
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
          actual_seconds: Math.round(taskSeconds(task, sessions, now)),
          timer_running: running?.task.toLowerCase() === task.code.toLowerCase(),
          updates_count: task.updates.length,
          last_update: task.updates.at(-1) ?? null,
          block_reason: task.block_reason,
        }
      : null,
    activities,
    open_sessions: openSessions(plan, sessions, config, now),
    plan_counts: { sprints: plan.sprints.length, tasks: plan.tasks.length },
    codes: {
      tasks: plan.tasks.map((t) => ({ code: t.code, status: t.status })),
      sprints: plan.sprints.map((s) => s.code),
      sessions: sessions.sessions.filter((s) => s.status === 'active' || s.status === 'paused').map((s) => s.key),
    },
  };
}

export type Board = ReturnType<typeof boardView>;

/** Every open session at a glance: who, on what, for how long, heard from when, and what needs a look. */
export function openSessions(plan: PlanFile, sessions: SessionsFile, config: Config, now: Date) {
  const open = sessions.sessions.filter((s) => s.status === 'active' || s.status === 'paused');
  return open.map((s) => {
    const task = activeTask(plan, s);
    const silent = secondsBetween(lastSignOfLife(s), now);
    const code = activeTaskCode(s)?.toLowerCase();
    return {
      key: s.key,
      agent: s.agent,
      source: s.source,
      status: s.status,
      active_task: task ? { code: task.code, title: task.title } : null,
      task_seconds: task ? Math.round(sessionTaskSeconds(s, task.code, now)) : 0,
      timer_running: s.status === 'active' && task !== null && openEntry(s)?.task.toLowerCase() === task.code.toLowerCase(),
      last_activity_at: s.last_activity_at,
      silent_seconds: Math.round(silent),
      stale: s.status === 'active' && silent > config.stale_update_minutes * 60,
      shares_task_with: code ? open.filter((o) => o !== s && activeTaskCode(o)?.toLowerCase() === code).map((o) => o.key) : [],
    };
  });
}

/**
 * Left active with no one behind it, so a screen opening on it should take
 * it up (SPEC 6) rather than count the silence as work: its last sign of
 * life was a heartbeat that stopped (the screen that sent it died), or it
 * has been silent for longer than the staleness nudge. An agent between
 * two commands is neither.
 */
function dormant(session: Session, config: Config, now: Date): boolean {
  if (session.status !== 'active') return false;
  const silent = secondsBetween(lastSignOfLife(session), now);
  const beatStopped = (session.heartbeat_at ?? '') > session.last_activity_at && silent > 2 * HEARTBEAT_SECONDS;
  return beatStopped || silent > 60 * Math.max(config.stale_update_minutes, config.interruption_after_minutes);
}

function sumEstimates(estimates: ({ low_hours: number; high_hours: number } | null)[]) {
  const known = estimates.filter((e) => e !== null);
  if (!known.length) return null;
  return { low_hours: known.reduce((s, e) => s + e.low_hours, 0), high_hours: known.reduce((s, e) => s + e.high_hours, 0) };
}
