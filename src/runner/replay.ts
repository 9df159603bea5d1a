import { FragmentsError } from '../domain/errors.js';
import { requestFingerprint, type RequestEntry } from '../domain/requests.js';
import type { Tx } from '../store/store.js';
import type { Ctx, Envelope } from './define.js';

export type Request = Omit<RequestEntry, 'envelope'>;

/** The request a write carries when its caller gave a request id; null without one. */
export function requestOf(ctx: Ctx, command: string, args: Record<string, unknown>): Request | null {
  if (!ctx.requestId) return null;
  return { id: ctx.requestId, command, fingerprint: requestFingerprint(command, ctx.sessionKey ?? null, args), at: ctx.now().toISOString() };
}

/**
 * The first answer to `request`, when its id was seen before: the same
 * request gets it back, marked as a replay; anything else under that id is
 * refused, so a reused id never swallows a new command or new text.
 */
export async function replayed(tx: Tx, request: Request): Promise<Envelope | null> {
  const seen = await tx.requestAnswer(request.id);
  if (!seen) return null;
  const { id, command } = request;
  if (seen.command !== command) {
    throw new FragmentsError('REQUEST_ID_REUSED', `Request id ${id} was already used for ${seen.command}; use a new id for ${command}.`);
  }
  if (seen.fingerprint !== undefined && seen.fingerprint !== request.fingerprint) {
    throw new FragmentsError('REQUEST_ID_REUSED', `Request id ${id} was already used for ${command} with other arguments; nothing was recorded. Use a new id for a new request.`);
  }
  const first = seen.envelope as unknown as Envelope;
  return { ...first, data: { ...first.data, replayed: true, replayed_at: seen.at } };
}

/** Whether this request id has an answer already: a retry is answered from it, without its slow pre-step again. */
export async function answered(ctx: Ctx): Promise<boolean> {
  const id = ctx.requestId;
  if (!id) return false;
  return ctx.store.read(async (t) => (await t.requestAnswer(id)) !== null).catch(() => false);
}

export async function remember(tx: Tx, request: Request, envelope: Envelope): Promise<void> {
  await tx.remember({ ...request, envelope: envelope as unknown as Record<string, unknown> });
}
