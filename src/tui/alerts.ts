import type { Board } from '../core/board.js';
import { formatSeconds } from '../domain/duration.js';

/** Something the developer should look at now; `id` stays the same for as long as it is the same thing. */
export interface Alert {
  id: string;
  kind: 'check' | 'silent' | 'shared';
  text: string;
}

/**
 * What needs a look on `board`, as the screen whose own session is `own`
 * sees it: a completion check that refused an agent's close in the session shown, an
 * agent's session silent past the staleness nudge (the screen's own is not
 * an agent's), two open sessions on one task (told once per pair).
 */
export function alertsOf(board: Board, own: string | null): Alert[] {
  const alerts: Alert[] = [];
  for (const a of board.activities) {
    const data = a.data as { passed?: boolean; forced?: boolean; failed?: string[] } | undefined;
    // A check the developer ran from a screen was shown there, in its dialog: the news is a check another face ran (an agent's `done`).
    if (a.kind !== 'validation' || a.source === 'tui' || data?.passed !== false || data.forced) continue;
    alerts.push({ id: `check:${a.session}:${a.id}`, kind: 'check', text: `check failed${a.task ? ` on ${a.task}` : ''}: ${data.failed?.[0] ?? a.text ?? ''}` });
  }
  for (const s of board.open_sessions) {
    if (s.stale && s.key !== own) {
      // A new silence after a sign of life is a new alert.
      alerts.push({ id: `silent:${s.key}:${s.last_seen_at}`, kind: 'silent', text: `${s.key}${s.agent ? ` (${s.agent})` : ''} silent ${formatSeconds(s.silent_seconds)}` });
    }
    for (const other of s.shared_with) {
      if (other < s.key || !s.active_task) continue;
      alerts.push({ id: `shared:${s.key}:${other}:${s.active_task.code}`, kind: 'shared', text: `${s.key} and ${other} both on ${s.active_task.code}` });
    }
  }
  return alerts;
}
