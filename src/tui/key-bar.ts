import type { Dialog } from './app-state.js';

/** One key of the key bar: what to press, and what it does there. */
export interface KeyHint {
  keys: string;
  does: string;
}

/** What has the keyboard: the prompt, the prompt while another session is watched, or a dialog. */
export type View = 'prompt' | 'watching' | Dialog['kind'];

const SCROLL: KeyHint[] = [
  { keys: '↑↓ PgUp PgDn', does: 'scroll' },
  { keys: 'Esc', does: 'close' },
];

/**
 * The keys each view answers, most needed first (a narrow terminal shows the
 * first that fit). A new view declares its keys here: the type asks for them.
 */
export const VIEW_KEYS: Record<View, KeyHint[]> = {
  prompt: [
    { keys: '?', does: 'help' },
    { keys: 'Tab', does: 'complete' },
    { keys: '↑↓', does: 'history' },
    { keys: '/sessions', does: 'mission control' },
    { keys: 'PgUp PgDn', does: 'activity' },
    { keys: 'Alt+1..3', does: 'next' },
    { keys: '^C', does: 'quit' },
  ],
  watching: [
    { keys: 'Esc', does: 'back to yours' },
    { keys: '/session-switch', does: 'take it over' },
    { keys: '?', does: 'help' },
    { keys: '^C', does: 'quit' },
  ],
  check: [
    { keys: '1', does: 'add it now' },
    { keys: '2', does: 'close anyway' },
    { keys: '3 Esc', does: 'keep working' },
  ],
  summary: [
    { keys: 'Enter', does: 'complete' },
    { keys: 'Esc', does: 'cancel' },
  ],
  estimate: [
    { keys: 'y', does: 'update estimate' },
    { keys: 'n Esc', does: 'keep it' },
  ],
  ended: [
    { keys: 'n', does: 'new session' },
    { keys: 'Enter q', does: 'leave' },
    { keys: 'Esc', does: 'stay' },
  ],
  help: SCROLL,
  output: SCROLL,
  sessions: [
    { keys: '↑↓', does: 'select' },
    { keys: 'Enter', does: 'watch' },
    { keys: 'Esc', does: 'close' },
  ],
  preview: [
    { keys: 'Enter', does: 'import' },
    { keys: '↑↓ PgUp PgDn', does: 'scroll' },
    { keys: 'Esc', does: 'cancel' },
  ],
};

/** Said first while an alert waits to be seen. */
export const ALERT_KEY: KeyHint = { keys: '^G', does: 'alert seen' };
