import * as z from 'zod';
import { Timestamp } from './plan.js';

/** Answers already given to a request id, so a retried command changes nothing. */
export const RequestsFile = z.lazy(() => z.object({
  schema_version: z.literal(1),
  entries: z.array(
    z.object({
      id: z.string().min(1).max(200),
      command: z.string(),
      /** What was asked (requestFingerprint); entries written before it was kept have none. */
      fingerprint: z.string().optional(),
      at: Timestamp,
      envelope: z.record(z.string(), z.unknown()),
    }),
  ),
}));
export type RequestsFile = z.infer<typeof RequestsFile>;
export type RequestEntry = RequestsFile['entries'][number];
export const REQUESTS_KEPT = 500;

/**
 * What a request asked for: the command, the session it named and its checked
 * arguments, with keys in a fixed order, so `--force` and `--force=true`, or
 * options in another order, are the same request, and other text is not.
 */
export function requestFingerprint(command: string, sessionKey: string | null, args: Record<string, unknown>): string {
  const canonical = JSON.stringify([command, sessionKey, args], (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
  // Loaded on first use, not imported: node:crypto brings Node's whole stream stack
  // with it (~2 ms of every start), and only a command with a request id hashes.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(canonical).digest('hex');
}
