import type { Activity } from '../domain/activity.js';
import { sameCode } from '../domain/codes.js';
import type { PlanFile } from '../domain/plan.js';
import type { Frame, Session, SessionsFile } from '../domain/session.js';

/**
 * References from one file of the home to another, checked by doctor: each
 * file may be valid alone and the home still wrong (a restored plan that
 * lacks the task a stack names). Pure: doctor reads and writes the files.
 */

export interface DanglingFrame {
  session: Session;
  frame: Frame;
}

/** Stack frames naming a sprint or task the plan does not have. */
export function danglingFrames(plan: PlanFile, sessions: SessionsFile): DanglingFrame[] {
  const found: DanglingFrame[] = [];
  for (const session of sessions.sessions) {
    for (const frame of session.stack) {
      const items: { code: string }[] = frame.kind === 'sprint' ? plan.sprints : plan.tasks;
      if (!items.some((item) => sameCode(item.code, frame.code))) found.push({ session, frame });
    }
  }
  return found;
}

export function describeFrame({ session, frame }: DanglingFrame): string {
  return `${session.key}'s stack names ${frame.kind} ${frame.code}, which plan.json does not have`;
}

/**
 * Drops the frame and nothing else: the other frames, the plan and the time
 * already recorded stay. An open timer on the missing task stops at the
 * session's last sign of life, as after a crash. Returns what was done.
 */
export function dropFrame({ session, frame }: DanglingFrame): string {
  session.stack = session.stack.filter((f) => f !== frame);
  let timer = '';
  const open = session.time_entries.findLast((e) => e.end === null);
  if (open && frame.kind !== 'sprint' && sameCode(open.task, frame.code)) {
    open.end = open.start > session.last_activity_at ? open.start : session.last_activity_at;
    open.end_reason = 'repair';
    timer = ` and stopped its timer at ${open.end}`;
  }
  const rest = session.stack.length ? session.stack.map((f) => f.code).join(' > ') : 'the project';
  return `removed ${frame.code} from ${session.key}'s stack${timer}; the session carries on at ${rest}`;
}

/**
 * An activity file whose session is missing (sessions.json restored from
 * before it began): the session is rebuilt from its activity as abandoned,
 * which keeps the history reachable and its key taken, so a new session
 * never appends to this file.
 */
export function sessionFromActivity(key: string, activities: Activity[]): Session | null {
  const first = activities[0];
  const last = activities.at(-1);
  if (!first || !last) return null;
  return {
    key,
    type: 'work',
    source: first.source,
    agent: null,
    user: first.user ?? null,
    status: 'abandoned',
    stack: [],
    started_at: first.at,
    paused_at: null,
    resumed_at: null,
    ended_at: last.at,
    active_seconds: 0,
    active_since: null,
    last_activity_at: last.at,
    heartbeat_at: null,
    pause_reason: null,
    interruptions: [],
    time_entries: [],
    activity_count: activities.length,
    summary: null,
    closed_elsewhere: null,
    today: null,
  };
}

/** Adds a rebuilt session in key order. */
export function insertSession(sessions: SessionsFile, session: Session): void {
  const number = (s: Session) => Number(s.key.slice('SESSION-'.length));
  const at = sessions.sessions.findIndex((s) => number(s) > number(session));
  sessions.sessions.splice(at === -1 ? sessions.sessions.length : at, 0, session);
}

/** The open session last active: where a lost pointer most likely pointed. */
export function lastOpenSession(sessions: SessionsFile): Session | null {
  const open = sessions.sessions.filter((s) => s.status === 'active' || s.status === 'paused');
  return open.reduce<Session | null>((best, s) => (!best || s.last_activity_at > best.last_activity_at ? s : best), null);
}
