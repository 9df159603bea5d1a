import { isChar } from '../keys.js';
import { editOf } from '../prompt-state.js';
import { close, type DialogKeys, type DialogScreen } from './types.js';

/** Closes the dialog, keeping a half-typed summary for Ctrl+Y. */
function keptWorking(screen: DialogScreen, summary = ''): void {
  close(screen);
  if (summary) screen.edit({ type: 'kill', text: summary });
  screen.dispatch({ type: 'notice', text: summary ? 'Kept working: nothing changed. Ctrl+Y puts the summary you typed in the prompt.' : 'Kept working: nothing changed.' });
}

/** A failed completion check: 1 add a summary now, 2 close anyway (force), 3 keep working. */
export const checkKeys: DialogKeys<'check'> = (dialog, key, screen) => {
  if (key.kind === 'escape' || (screen.empty && isChar(key, '3'))) keptWorking(screen);
  else if (screen.empty && isChar(key, '1')) {
    // 1 is offered only where a summary is what is missing; elsewhere it does nothing.
    if (dialog.field) {
      screen.editSummary({ type: 'set', text: '' });
      screen.dispatch({ type: 'dialog', dialog: { ...dialog, kind: 'summary', field: dialog.field } });
    }
  } else if (screen.empty && isChar(key, '2')) {
    close(screen);
    screen.send({ line: `${dialog.call.name} --force`, call: { ...dialog.call, args: { ...dialog.call.args, force: true } } }, true);
  } else return false;
  return true;
};

/** The summary the check asked for, typed in a line of its own. */
export const summaryKeys: DialogKeys<'summary'> = (dialog, key, screen) => {
  const summary = screen.summary;
  if (key.kind === 'escape') keptWorking(screen, summary);
  else if (key.kind === 'enter') {
    if (!summary.trim()) return true;
    screen.editSummary({ type: 'set', text: '' });
    close(screen);
    // The summary is kept on the task even when another check still fails, so the line has done its job.
    screen.send({ line: summary.trim(), call: { ...dialog.call, args: { ...dialog.call.args, [dialog.field]: summary.trim() } } }, true);
  } else if (key.kind === 'text') screen.editSummary({ type: 'insert', text: key.text, ...(key.pasted ? { pasted: true } : {}) });
  else {
    const edit = editOf(key);
    if (edit) screen.editSummary(edit);
  }
  return true;
};
