import * as z from 'zod';
import { Code, Text, Timestamp } from './plan.js';
import { Source } from './session.js';

export const ActivityKind = z.enum([
  'command',
  'update',
  'note',
  'sprint_note',
  'log',
  'artifact',
  'pause',
  'resume',
  'context_switch',
  'validation',
]);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const Activity = z.lazy(() => z.object({
  id: z.number().int().positive(),
  at: Timestamp,
  kind: ActivityKind,
  command: z.string(),
  text: Text.nullable(),
  session: z.string(),
  task: Code.nullable(),
  sprint: Code.nullable(),
  source: Source,
  /** Who recorded it, on a shared store; absent on a home folder. */
  user: Text.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
}));
export type Activity = z.infer<typeof Activity>;

/**
 * A segment of one session's activity. `activity/KEY.json` is the current
 * segment, the only one a command rewrites; when it fills, its activities move
 * to closed segments `activity/KEY/N.json`, written once and never again, so
 * history never makes a command read or rewrite more. `segments` counts the
 * closed segments before this one.
 */
export const ActivityFile = z.lazy(() => z.object({
  schema_version: z.literal(2),
  session: z.string(),
  segments: z.number().int().nonnegative(),
  activities: z.array(Activity),
}));
export type ActivityFile = z.infer<typeof ActivityFile>;
