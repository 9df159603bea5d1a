import type { Session, SessionsFile } from '../domain/session.js';

/** The last activity or heartbeat: a screen left open on a running timer is not silent. */
export function lastSignOfLife(session: Session): string {
  const heartbeat = session.heartbeat_at ?? '';
  return heartbeat > session.last_activity_at ? heartbeat : session.last_activity_at;
}

/**
 * The moment a session's time is kept at: `now`, or, when the clock reads
 * earlier than the session's last sign of life (a FRAGMENTS_NOW set back, a
 * system clock reset), that sign of life. Time the session already tracked
 * up to then was counted on every screen; a clock going back never takes it
 * away, and time stands still until the clock catches up.
 */
export function sessionNow(session: Session, now: Date): Date {
  const floor = Date.parse(lastSignOfLife(session));
  return now.getTime() >= floor ? now : new Date(floor);
}

const laterOf = (recorded: string | null, at: string) => (recorded !== null && recorded > at ? recorded : at);

/** The session was heard from at `now` (an activity); a clock read earlier never moves that back. */
export function heardFrom(session: Session, now: Date): void {
  session.last_activity_at = laterOf(session.last_activity_at, now.toISOString());
}

/** A screen said the session is alive at `now`; a clock read earlier never moves that back. */
export function heartbeat(session: Session, now: Date): void {
  session.heartbeat_at = laterOf(session.heartbeat_at, now.toISOString());
}

/**
 * A clock that reads earlier than what the home already recorded (a
 * FRAGMENTS_NOW set back, a system clock reset) makes timers and elapsed
 * times come out wrong; say so rather than record it quietly. Recorded
 * moments never move back, so every command under such a clock says it.
 */
export function clockWarning(sessions: SessionsFile, now: Date): string | null {
  let latest: { at: string; session: string } | null = null;
  for (const s of sessions.sessions) {
    const at = lastSignOfLife(s);
    if (!latest || at > latest.at) latest = { at, session: s.key };
  }
  if (!latest || now.getTime() >= Date.parse(latest.at)) return null;
  return (
    `The clock reads ${now.toISOString()}, before the last activity recorded in this home (${latest.session}, ${latest.at}): ` +
    'time went backwards, so time stands still until the clock catches up; nothing tracked is taken away. FRAGMENTS_NOW is a testing aid: if it is set, move it forward or unset it.'
  );
}
