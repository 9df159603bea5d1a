import type { Evidence } from '../../domain/plan.js';
import { evidenceDetail, feedDetail, wrapped } from '../feed-detail.js';
import { isChar } from '../keys.js';
import type { DialogScreen } from './types.js';
import { close, type DialogKeys } from './types.js';
import { scrolled } from './panels.js';

/** Opens feed line `at` whole; a check's line gets the end of that check's output once the task is read. */
function openDetail(screen: DialogScreen, at: number): void {
  const line = screen.feed[at];
  if (!line) return;
  const whole = feedDetail(line);
  // Whole means wrapped, not cut at the edge as the feed cuts it.
  const detail = { ...whole, lines: wrapped(whole.lines, screen.width - 1) };
  screen.dispatch({ type: 'dialog', dialog: { kind: 'detail', at, ...detail } });
  if (line.kind !== 'activity' || line.activity.kind !== 'validation' || !line.activity.task) return;
  void screen
    .read('task:show', { code: line.activity.task })
    .then((answer) => {
      if (!answer.success || answer.data.ui !== 'task' || !answer.data.task || !('evidence' in answer.data.task)) return;
      const last = (answer.data.task.evidence as Evidence[]).filter((e) => e.at <= line.activity.at).at(-1);
      if (last) screen.dispatch({ type: 'detail', at, lines: [...detail.lines, ...wrapped(evidenceDetail(last), screen.width - 1)] });
    })
    .catch(() => undefined);
}

/** The feed with the keys: ↑/↓ j/k choose a line, PgUp/PgDn a page, Enter opens it whole, Esc (or ↓ past the newest) goes back to the prompt, typing too. */
export const feedKeys: DialogKeys<'feed'> = (dialog, key, screen) => {
  const last = screen.feed.length - 1;
  const page = Math.max(1, screen.height - 2);
  const to = (at: number) => screen.dispatch({ type: 'dialog', dialog: { kind: 'feed', at: Math.max(0, Math.min(last, at)) } });
  if (key.kind === 'up' || isChar(key, 'k')) to(dialog.at - 1);
  else if (key.kind === 'down' || isChar(key, 'j')) {
    if (dialog.at >= last) close(screen);
    else to(dialog.at + 1);
  } else if (key.kind === 'pageUp' || key.kind === 'pageDown') to(dialog.at + (key.kind === 'pageUp' ? -page : page));
  else if (key.kind === 'home' || isChar(key, 'g')) to(0);
  else if (key.kind === 'end' || isChar(key, 'G')) to(last);
  else if (key.kind === 'enter') openDetail(screen, dialog.at);
  else if (key.kind === 'escape' || key.kind === 'focusFeed' || key.kind === 'tab') close(screen);
  else {
    // Anything else is the start of a line: back to the prompt with it.
    close(screen);
    return false;
  }
  return true;
};

/** One feed line whole: it scrolls; Esc, Enter or q goes back to the feed where it was. */
export const detailKeys: DialogKeys<'detail'> = (dialog, key, screen) => {
  if (scrolled(key, screen, dialog.lines.length, screen.height - 1)) return true;
  if (key.kind === 'escape' || key.kind === 'enter' || isChar(key, 'q')) screen.dispatch({ type: 'dialog', dialog: { kind: 'feed', at: dialog.at } });
  return true;
};
