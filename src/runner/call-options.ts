import * as z from 'zod';
import { FragmentsError } from '../domain/errors.js';

const REQUEST_ID = 'takes 1 to 200 characters';

/**
 * What any call takes besides its command's own arguments, whichever face it
 * came by: the session it acts in, and a request id under which a retry
 * changes nothing. Each face finds them where its users put them (`--session`,
 * `session_key`, `X-Session-Key`, `Idempotency-Key`) and checks them here.
 * A key in any case names the session (`session-001` is SESSION-001).
 */
export const CallOptions = z.lazy(() =>
  z.object({
    session_key: z
      .string()
      .regex(/^SESSION-\d{3,}$/i, 'session keys look like SESSION-001')
      .transform((key) => key.toUpperCase())
      .optional(),
    request_id: z.string().min(1, REQUEST_ID).max(200, REQUEST_ID).optional(),
  }),
);

export interface Called {
  sessionKey?: string;
  requestId?: string;
}

/** How a face's users write each option, for the error that names it. */
export type Spelled = Record<'session_key' | 'request_id', string>;

export const AS_ARGUMENTS: Spelled = { session_key: 'session_key', request_id: 'request_id' };

/** The call options as given, checked; one that is malformed is a USAGE error naming it as the caller wrote it. */
export function callOptions(given: { session_key?: unknown; request_id?: unknown }, spelled: Spelled = AS_ARGUMENTS): Called {
  // Most calls give neither: nothing to check, and a one-shot command need not build the schema (~1 ms of its start).
  if (given.session_key === undefined && given.request_id === undefined) return {};
  const parsed = CallOptions.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FragmentsError('USAGE', `${spelled[issue.path[0] as keyof Spelled] ?? 'arguments'}: ${issue.message}.`);
  }
  const { session_key, request_id } = parsed.data;
  return { ...(session_key === undefined ? {} : { sessionKey: session_key }), ...(request_id === undefined ? {} : { requestId: request_id }) };
}
