import { useSyncExternalStore } from 'react';

// One clock for the whole screen: every running timer moves on the same tick, so an idle screen redraws once a second, not once per timer.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: NodeJS.Timeout | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const still = () => () => undefined;

/** This machine's time, moving once a second while `running`; still otherwise. */
export function useTicker(running: boolean): number {
  return useSyncExternalStore(running ? subscribe : still, () => now);
}
