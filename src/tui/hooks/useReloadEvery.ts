import { useEffect } from 'react';
import type { LiveBoard } from '../live-board.js';

/**
 * Loads the board again every `seconds` even when nothing was written: a
 * session that has gone silent writes nothing, and only a fresh load sees
 * it cross the nudge (and moves every "last 3m ago").
 */
export function useReloadEvery(live: LiveBoard, seconds: number): void {
  useEffect(() => {
    const id = setInterval(() => void live.refresh(), seconds * 1000);
    return () => clearInterval(id);
  }, [live, seconds]);
}
