import { sameCode } from '../domain/codes.js';
import type { Session, SessionsFile } from '../domain/session.js';
import { isOpen } from './session.js';

/**
 * On a shared store, another person's open session that holds `code`: two
 * people must not work one task unknowingly. A person's own sessions (their
 * agent's beside their screen) share a task freely; on a home folder
 * (`person` null) nobody claims anything.
 */
export function claimOn(sessions: SessionsFile, code: string, person: string | null): { session: Session; since: string } | null {
  if (person === null) return null;
  for (const s of sessions.sessions) {
    if (!isOpen(s) || s.user === null || s.user === person) continue;
    const frame = s.stack.find((f) => sameCode(f.code, code));
    if (frame) return { session: s, since: frame.since };
  }
  return null;
}
