import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';

/**
 * Each input event as the terminal sent it (Ink splits a read at every
 * escape), for what the key decoder leaves aside: mouse reports, Ctrl+G.
 * It adds a listener beside the keyboard's; it takes nothing from it.
 */
export function useRawInput(handler: (event: string) => void, isActive = true): void {
  const { internal_eventEmitter: events } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!isActive) return;
    const onInput = (event: string) => latest.current(event);
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [isActive, events]);
}
