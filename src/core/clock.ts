import type { SessionsFile } from '../domain/session.js';

/**
 * A clock that reads earlier than what the home already recorded (a
 * FRAGMENTS_NOW set back, a system clock reset) makes timers and elapsed
 * times come out wrong; say so rather than record it quietly.
 */
export function clockWarning(sessions: SessionsFile, now: Date): string | null {
  let latest: { at: string; session: string } | null = null;
  for (const s of sessions.sessions) {
    for (const at of [s.last_activity_at, s.heartbeat_at]) {
      if (at && (!latest || at > latest.at)) latest = { at, session: s.key };
    }
  }
  if (!latest || now.getTime() >= Date.parse(latest.at)) return null;
  return (
    `The clock reads ${now.toISOString()}, before the last activity recorded in this home (${latest.session}, ${latest.at}): ` +
    'time went backwards, so timers and elapsed times may come out wrong. FRAGMENTS_NOW is a testing aid: if it is set, move it forward or unset it.'
  );
}
