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

export const Activity = z.object({
  id: z.number().int().positive(),
  at: Timestamp,
  kind: ActivityKind,
  command: z.string(),
  text: Text.nullable(),
  session: z.string(),
  task: Code.nullable(),
  sprint: Code.nullable(),
  source: Source,
  data: z.record(z.string(), z.unknown()).optional(),
});
export type Activity = z.infer<typeof Activity>;

/** One session's activity, kept in its own file so history never makes a command rewrite more. */
export const ActivityFile = z.object({
  schema_version: z.literal(1),
  session: z.string(),
  activities: z.array(Activity),
});
export type ActivityFile = z.infer<typeof ActivityFile>;
