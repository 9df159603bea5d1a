import { useTicker } from './useTicker.js';

/** Seconds that were `base` when the board arrived at `receivedAt`, moving on while `running`. */
export function useLiveSeconds(base: number, receivedAt: number, running: boolean): number {
  const now = useTicker(running);
  return base + (running ? Math.max(0, (now - receivedAt) / 1000) : 0);
}
