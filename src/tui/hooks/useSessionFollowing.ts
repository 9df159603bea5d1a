import { useEffect, useRef, type RefObject } from 'react';
import type { Board } from '../../core/board.js';
import { adviceOf, type AppAction, type AppState } from '../app-state.js';
import type { BoardSnapshot, LiveBoard } from '../live-board.js';

interface Following {
  snapshot: BoardSnapshot;
  live: LiveBoard;
  state: RefObject<AppState>;
  dispatch(action: AppAction): void;
  /** Lines in the feed now, and how many fit: a feed scrolled back keeps its place as lines arrive. */
  feedLines: number;
  feedRows: number;
}

/**
 * Keeps the screen on its own session as the home changes: once that session
 * ends it follows the home's current one (and says so), stale advice is
 * replaced, and a feed scrolled back stays on what is being read. Returns the
 * session followed read-only, if any.
 */
export function useSessionFollowing({ snapshot, live, state, dispatch, feedLines, feedRows }: Following): string | null {
  const board = (snapshot.envelope?.data ?? null) as Board | null;
  const { own, watching } = snapshot;
  const seen = useRef<{ key: string | null; activity: number; lines: number }>({ key: board?.session_key ?? null, activity: board?.activities.at(-1)?.id ?? 0, lines: feedLines });
  useEffect(() => {
    if (!board) return;
    const before = seen.current;
    const newest = board.activities.at(-1);
    const status = board.session?.status;
    let said: string | null = null;
    if (own !== null && !watching && board.session_key === own && (status === 'completed' || status === 'abandoned')) {
      // The screen's own session ended (here or in another process): from now on it follows the home's current one, and says so.
      void live.own(null);
    } else if (own === null && !watching && board.session_key !== before.key) {
      said = board.session_key
        ? `Your session ended: this screen follows ${board.session_key}, the home's current session. /session-start begins a new one of yours.`
        : 'Your session ended and no other is current: /session-start begins a new one.';
      dispatch({ type: 'notice', text: said });
    }
    // Watching or following another session, what to do is fixed (take it over, or start one's own): its advice is not the screen's.
    if (!watching && own !== null) {
      const advice = adviceOf(snapshot.envelope);
      const suggested = snapshot.envelope?.instructions?.suggested_commands ?? [];
      if (advice !== state.current.adviceFor && state.current.running === null) {
        // Another process changed what the advice was about (an agent closed the task, say): it is stale.
        dispatch({ type: 'advice', commands: suggested, adviceFor: advice, notice: said ?? snapshot.envelope?.instructions?.validation_warnings[0] ?? null });
      } else if (newest && newest.id > before.activity && newest.source !== 'tui') {
        dispatch({ type: 'next', commands: suggested });
      }
    }
    // Scrolled back, the view stays on the lines being read while new ones arrive below.
    const arrived = feedLines - before.lines;
    if (before.key === board.session_key && arrived > 0 && state.current.scroll > 0) {
      dispatch({ type: 'scroll', by: arrived, max: Math.max(0, feedLines - feedRows) });
    }
    seen.current = { key: board.session_key, activity: newest?.id ?? 0, lines: feedLines };
  }, [snapshot]);
  // Its own session ended, the screen shows the home's current one, read-only like a watched one.
  return own === null && !watching && board?.session_key ? board.session_key : null;
}
