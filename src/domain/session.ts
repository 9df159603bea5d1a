import * as z from 'zod';
import { GitMark } from './git.js';
import { Code, Text, Timestamp } from './plan.js';

export const SESSION_KEY = /^SESSION-\d{3,}$/;
/** How often a screen watching a running timer says the session is alive (SPEC 6). */
export const HEARTBEAT_SECONDS = 30;
export const SessionKey = z.lazy(() => z.string().regex(SESSION_KEY, 'session keys look like SESSION-001'));

export const SessionType = z.enum(['work', 'planning', 'review']);
export const Source = z.enum(['tui', 'cli', 'mcp', 'api']);
export type Source = z.infer<typeof Source>;
export const SessionStatus = z.enum(['active', 'paused', 'completed', 'abandoned']);
export type SessionStatus = z.infer<typeof SessionStatus>;

/** The stack's bottom frame, the project, is implicit. */
export const Frame = z.lazy(() => z.object({ kind: z.enum(['sprint', 'task', 'subtask']), code: Code, since: Timestamp }));
export type Frame = z.infer<typeof Frame>;

export const TimeEntry = z.lazy(() => z.object({
  task: Code,
  start: Timestamp,
  end: Timestamp.nullable(),
  end_reason: z.string().nullable(),
  /** The work tree the task was activated in; absent outside one, and in homes made before git context. */
  git: GitMark.optional(),
}));
export type TimeEntry = z.infer<typeof TimeEntry>;

export const Interruption = z.lazy(() => z.object({
  from: Timestamp,
  to: Timestamp,
  seconds: z.number().nonnegative(),
  reason: Text.nullable(),
}));
export type Interruption = z.infer<typeof Interruption>;

/** A task of this session's stack that another session completed, or another person took over: told on this session's next command. */
export const ClosedElsewhere = z.lazy(() => z.object({ task: Code, by: z.string().nullable(), at: Timestamp, how: z.enum(['completed', 'taken over']).default('completed') }));
export type ClosedElsewhere = z.infer<typeof ClosedElsewhere>;

/**
 * Today's activities by kind (UTC day), counted as they are recorded so that
 * `session:status` reads no history. Null in a session recorded before the
 * count was kept (or by a Fragments that did not keep it): then it is counted once.
 */
export const DayCounts = z.lazy(() => z.object({ date: z.string(), counts: z.record(z.string(), z.number().int().nonnegative()) }));
export type DayCounts = z.infer<typeof DayCounts>;

export const Session = z.lazy(() => z.object({
  key: SessionKey,
  type: SessionType,
  source: Source,
  agent: Text.nullable(),
  /** Who started it, on a shared store (FRAGMENTS_USER, git's user.email, the OS user); null on a home folder, which is one person's. */
  user: Text.nullable().default(null),
  status: SessionStatus,
  stack: z.array(Frame),
  started_at: Timestamp,
  paused_at: Timestamp.nullable(),
  resumed_at: Timestamp.nullable(),
  ended_at: Timestamp.nullable(),
  /** Active seconds banked before `active_since`; paused spans are not counted. */
  active_seconds: z.number().nonnegative(),
  active_since: Timestamp.nullable(),
  last_activity_at: Timestamp,
  heartbeat_at: Timestamp.nullable(),
  pause_reason: Text.nullable(),
  interruptions: z.array(Interruption),
  time_entries: z.array(TimeEntry),
  activity_count: z.number().int().nonnegative(),
  summary: Text.nullable(),
  closed_elsewhere: ClosedElsewhere.nullable().default(null),
  today: DayCounts.nullable().default(null),
}));
export type Session = z.infer<typeof Session>;

export const SessionsFile = z.lazy(() => z.object({
  schema_version: z.literal(1),
  sessions: z.array(Session),
}));
export type SessionsFile = z.infer<typeof SessionsFile>;
