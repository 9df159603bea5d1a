import { useStdout } from 'ink';
import { useContext, useEffect, useRef, useState } from 'react';
import type { Board } from '../../core/board.js';
import { alertsOf, type Alert } from '../alerts.js';
import { ScreenSettings } from '../settings.js';
import { useRawInput } from './useRawInput.js';

/** Ctrl+G: the bell's own character, so the key that says "seen" is the one that rang. */
const SEEN_KEY = '\x07';

/**
 * The alerts not yet seen on `board`: each new one rings the bell once
 * (config `tui.bell`) and stays until seen, which opening mission control
 * (`looking`) or Ctrl+G says. Failed checks already in the history when the
 * screen opens are history, not news.
 */
export function useAlerts(board: Board | null, own: string | null, looking: boolean): Alert[] {
  const { bell } = useContext(ScreenSettings);
  const { stdout } = useStdout();
  const seen = useRef<Set<string> | null>(null);
  const rung = useRef(new Set<string>());
  const [, redraw] = useState(0);
  const alerts = board ? alertsOf(board, own) : [];
  if (board && !seen.current) seen.current = new Set(alerts.filter((a) => a.kind === 'check').map((a) => a.id));
  const markSeen = () => {
    if (!seen.current || alerts.every((a) => seen.current!.has(a.id))) return;
    for (const a of alerts) seen.current.add(a.id);
    redraw((n) => n + 1);
  };

  useEffect(() => {
    if (!board) return;
    if (looking) return markSeen();
    const fresh = alerts.filter((a) => !seen.current!.has(a.id) && !rung.current.has(a.id));
    if (!fresh.length) return;
    for (const a of fresh) rung.current.add(a.id);
    // BEL moves no cursor: written straight out, it leaves the frame as it is.
    if (bell) stdout.write('\x07');
  }, [board, looking]);

  useRawInput((event) => {
    if (event.includes(SEEN_KEY)) markSeen();
  });
  return seen.current ? alerts.filter((a) => !seen.current!.has(a.id)) : [];
}
