import { close, type DialogKeys, type DialogScreen } from './types.js';

/** Shows session `chosen` read-only (Enter here, a click in the side panel), or the screen's own again (it, or null), and says so. */
export function watchSession(screen: Pick<DialogScreen, 'live' | 'own' | 'dispatch'>, chosen: string | null): void {
  const own = screen.own;
  const mine = chosen === null || chosen === own;
  void screen.live.watch(mine ? null : chosen);
  screen.dispatch({
    type: 'notice',
    text: mine
      ? `Back on ${own ?? 'the home’s current session'}.`
      : `Watching ${chosen} read-only; commands still go to ${own ?? 'the home’s current session'}. /session-switch ${chosen} takes it over, Esc comes back.`,
  });
}

/** Mission control: ↑/↓ choose a session, Enter watches it read-only (or comes back to one's own), Esc closes. */
export const sessionsKeys: DialogKeys<'sessions'> = (dialog, key, screen) => {
  const rows = screen.board?.open_sessions ?? [];
  if (key.kind === 'up' || key.kind === 'down') {
    const selected = Math.min(Math.max(0, dialog.selected + (key.kind === 'up' ? -1 : 1)), Math.max(0, rows.length - 1));
    screen.dispatch({ type: 'dialog', dialog: { kind: 'sessions', selected } });
  } else if (key.kind === 'enter' && screen.empty) {
    close(screen);
    watchSession(screen, rows[dialog.selected]?.key ?? null);
  } else if (key.kind === 'escape') close(screen);
  else {
    if (key.kind === 'enter') close(screen);
    return false;
  }
  return true;
};
