import type { Dialog } from '../app-state.js';
import type { KeyPress } from '../keys.js';
import { checkKeys, summaryKeys } from './check.js';
import { endedKeys } from './ended.js';
import { estimateKeys } from './estimate.js';
import { detailKeys, feedKeys } from './feed.js';
import { panelKeys, previewKeys } from './panels.js';
import { sessionsKeys } from './sessions.js';
import { tasksKeys } from './tasks.js';
import type { DialogKeys, DialogScreen } from './types.js';

/**
 * Each dialog's keys, by kind. The open dialog is read from state at each key,
 * not registered by an effect, so a burst of keys in one read (`1` then a
 * summary) reaches the dialog the key before it opened.
 */
const KEYS: { [K in Dialog['kind']]: DialogKeys<K> } = {
  check: checkKeys,
  summary: summaryKeys,
  estimate: estimateKeys,
  ended: endedKeys,
  sessions: sessionsKeys,
  preview: previewKeys,
  tasks: tasksKeys,
  feed: feedKeys,
  detail: detailKeys,
  help: (dialog, key, screen) => panelKeys(dialog, key, screen),
  output: (dialog, key, screen) => panelKeys(dialog, key, screen),
};

/** The open dialog's answer to a key: false hands the key on to the prompt. */
export function dialogKey(dialog: Dialog, key: KeyPress, screen: DialogScreen): boolean {
  return (KEYS[dialog.kind] as DialogKeys<Dialog['kind']>)(dialog as never, key, screen);
}
