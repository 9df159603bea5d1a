import { z } from 'zod';
import { Timestamp } from './plan.js';

/** Answers already given to a request id, so a retried command changes nothing. */
export const RequestsFile = z.object({
  schema_version: z.literal(1),
  entries: z.array(
    z.object({
      id: z.string().min(1).max(200),
      command: z.string(),
      at: Timestamp,
      envelope: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type RequestsFile = z.infer<typeof RequestsFile>;
export const REQUESTS_KEPT = 500;
