import { close, type DialogKeys } from './types.js';

/** Mission control: ↑/↓ choose a session, Enter watches it read-only (or comes back to one's own), Esc closes. */
export const sessionsKeys: DialogKeys<'sessions'> = (dialog, key, screen) => {
  const rows = screen.board?.open_sessions ?? [];
  const own = screen.own;
  if (key.kind === 'up' || key.kind === 'down') {
    const selected = Math.min(Math.max(0, dialog.selected + (key.kind === 'up' ? -1 : 1)), Math.max(0, rows.length - 1));
    screen.dispatch({ type: 'dialog', dialog: { kind: 'sessions', selected } });
  } else if (key.kind === 'enter' && screen.empty) {
    const chosen = rows[dialog.selected]?.key ?? null;
    close(screen);
    const mine = chosen === null || chosen === own;
    void screen.live.watch(mine ? null : chosen);
    screen.dispatch({
      type: 'notice',
      text: mine
        ? `Back on ${own ?? 'the home’s current session'}.`
        : `Watching ${chosen} read-only; commands still go to ${own ?? 'the home’s current session'}. /session-switch ${chosen} takes it over, Esc comes back.`,
    });
  } else if (key.kind === 'escape') close(screen);
  else {
    if (key.kind === 'enter') close(screen);
    return false;
  }
  return true;
};
