import { FragmentsError } from '../domain/errors.js';

/** FRAGMENTS_NOW pins the clock, so time rules can be tried (and tested) without waiting hours. */
export function clockFrom(env: NodeJS.ProcessEnv): () => Date {
  const pinned = env.FRAGMENTS_NOW;
  if (!pinned) return () => new Date();
  const at = new Date(pinned);
  if (Number.isNaN(at.getTime())) throw new FragmentsError('USAGE', `FRAGMENTS_NOW="${pinned}" is not a date; use an ISO time such as 2026-01-05T14:30:00Z.`);
  return () => new Date(at);
}
