import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { keysOf, type KeyPress } from '../keys.js';

/**
 * The keyboard, key by key, for as long as `isActive`. Ink's `useInput`
 * cannot serve here: it reports Backspace and Delete alike, and hands a read
 * holding several keys over as one string. So this listens to the input
 * events Ink's own hook listens to (one per read, split at each escape
 * sequence) and decodes them itself, bracketed paste included. A key whose
 * handling waits on something (Tab reading the codes it completes) returns
 * the promise: the keys after it are handled once it settles, in the order
 * they were typed.
 */
export function useKeys(handler: (key: KeyPress) => Promise<void> | void, { isActive = true }: { isActive?: boolean } = {}): void {
  const { setRawMode, internal_eventEmitter: events } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;
  const pasting = useRef(false);
  // Keys not handled yet, while one before them waits.
  const held = useRef<{ keys: KeyPress[]; waiting: boolean }>({ keys: [], waiting: false });

  useEffect(() => {
    if (!isActive) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    const queue = held.current;
    const drain = () => {
      while (!queue.waiting && queue.keys.length > 0) {
        const waits = latest.current(queue.keys.shift()!);
        if (!waits) continue;
        queue.waiting = true;
        const settled = () => {
          queue.waiting = false;
          drain();
        };
        waits.then(settled, settled);
      }
    };
    const onInput = (event: string) => {
      for (const key of keysOf(event, pasting.current)) {
        if (key.kind === 'pasteStart') pasting.current = true;
        if (key.kind === 'pasteEnd') pasting.current = false;
        queue.keys.push(key);
      }
      drain();
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [isActive, events]);
}
