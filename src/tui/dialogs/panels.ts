import { helpLines } from '../help.js';
import { isChar, type KeyPress } from '../keys.js';
import { close, type DialogKeys, type DialogScreen } from './types.js';

/** ↑/↓ a line, PgUp/PgDn a page, through `lines` lines shown `rows` at a time; false for any other key. */
export function scrolled(key: KeyPress, screen: DialogScreen, lines: number, rows: number): boolean {
  const max = Math.max(0, lines - rows);
  const page = Math.max(1, rows - 1);
  if (key.kind === 'up' || key.kind === 'down') screen.dispatch({ type: 'panel', by: key.kind === 'up' ? -1 : 1, max });
  else if (key.kind === 'pageUp' || key.kind === 'pageDown') screen.dispatch({ type: 'panel', by: key.kind === 'pageUp' ? -page : page, max });
  else return false;
  return true;
}

/** A command's dry run: Enter sends it for real, Esc cancels. */
export const previewKeys: DialogKeys<'preview'> = (dialog, key, screen) => {
  if (key.kind === 'enter' || key.kind === 'escape') {
    close(screen);
    if (key.kind === 'enter') screen.send({ line: dialog.line, call: dialog.call }, true);
    else screen.dispatch({ type: 'notice', text: `${dialog.call.name} cancelled: nothing changed.` });
    return true;
  }
  scrolled(key, screen, dialog.lines.length, screen.height - 2);
  return true;
};

/** Help and a read command's answer: they scroll, Esc (or q, ? on an empty prompt) closes; typing goes on in the prompt. */
export const panelKeys: DialogKeys<'help' | 'output'> = (dialog, key, screen) => {
  const lines = dialog.kind === 'help' ? helpLines(screen.catalogue).length : dialog.lines.length;
  if (scrolled(key, screen, lines, screen.height - 1)) return true;
  if (key.kind === 'escape' || (screen.empty && isChar(key, 'q', '?'))) {
    close(screen);
    return true;
  }
  // Enter closes the panel and sends what was typed meanwhile.
  if (key.kind === 'enter') close(screen);
  return false;
};
