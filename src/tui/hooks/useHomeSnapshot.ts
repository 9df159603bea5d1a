import { useSyncExternalStore } from 'react';
import type { BoardSnapshot, LiveBoard } from '../live-board.js';

/** The board as it stands in the home, re-rendering only when a load replaces it. */
export function useHomeSnapshot(live: LiveBoard): BoardSnapshot {
  return useSyncExternalStore(live.subscribe, live.getSnapshot);
}
