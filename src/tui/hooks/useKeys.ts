import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { keysOf, type KeyPress } from '../keys.js';

/**
 * The keyboard, key by key, for as long as `isActive`. Ink's `useInput`
 * cannot serve here: it reports Backspace and Delete alike, and hands a read
 * holding several keys over as one string. So this listens to the input
 * events Ink's own hook listens to (one per read, split at each escape
 * sequence) and decodes them itself, bracketed paste included.
 */
export function useKeys(handler: (key: KeyPress) => void, { isActive = true }: { isActive?: boolean } = {}): void {
  const { setRawMode, internal_eventEmitter: events } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
  const pasting = useRef(false);

  useEffect(() => {
    if (!isActive) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    const onInput = (event: string) => {
      for (const key of keysOf(event, pasting.current)) {
        if (key.kind === 'pasteStart') pasting.current = true;
        if (key.kind === 'pasteEnd') pasting.current = false;
        latest.current(key);
      }
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [isActive, events]);
}
