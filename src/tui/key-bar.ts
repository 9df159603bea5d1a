import type { Dialog } from './app-state.js';

/** One key of the key bar: what to press, and what it does there (nothing to say when the key says it, as `/sessions` does). */
export interface KeyHint {
  keys: string;
  does: string;
}

/** What has the keyboard: the prompt (with its completion menu open, searching its history, or while another session is watched), or a dialog. */
export type View = 'prompt' | 'menu' | 'search' | 'watching' | Dialog['kind'];

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
    { keys: '^R', does: 'history' },
    { keys: '/tasks', does: 'board' },
    { keys: '/sessions', does: '' },
    { keys: '⇧Tab', does: 'activity' },
    { keys: 'PgUp PgDn', does: 'scroll' },
    { keys: 'Alt+1..3', does: 'next' },
    { keys: '^C', does: 'quit' },
  ],
  menu: [
    { keys: '↑↓', does: 'choose' },
    { keys: 'Tab', does: 'next' },
    { keys: 'Enter', does: 'take' },
    { keys: 'Esc', does: 'close' },
  ],
  search: [
    { keys: 'type', does: 'narrow' },
    { keys: '^R', does: 'older' },
    { keys: 'Enter', does: 'take' },
    { keys: 'Esc', does: 'leave' },
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
  tasks: [
    { keys: '↑↓ jk', does: 'move' },
    { keys: '/', does: 'filter' },
    { keys: 'Enter', does: 'start' },
    { keys: 'g G', does: 'first, last' },
    { keys: 'Esc', does: 'close' },
  ],
  feed: [
    { keys: '↑↓', does: 'choose' },
    { keys: 'Enter', does: 'open whole' },
    { keys: 'Esc', does: 'back' },
  ],
  detail: [
    { keys: '↑↓ PgUp PgDn', does: 'scroll' },
    { keys: 'Esc', does: 'back' },
  ],
  preview: [
    { keys: 'Enter', does: 'import' },
    { keys: '↑↓ PgUp PgDn', does: 'scroll' },
    { keys: 'Esc', does: 'cancel' },
  ],
};

/** Said first while an alert waits to be seen. */
export const ALERT_KEY: KeyHint = { keys: '^G', does: 'alert seen' };
