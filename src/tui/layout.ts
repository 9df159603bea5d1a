/** Lines every screen needs besides the activity: header 1, sprint 2, task 4, next 2, prompt with hint and status 3, key bar 1. */
const FIXED_ROWS = 13;
/** Below this the screen keeps the header, one panel and the prompt. */
const FULL_ROWS = FIXED_ROWS + 2;
/** Below this there is no room for a useful screen. */
export const MIN = { columns: 30, rows: 8 };
/** From this many columns on, mission control stands beside the work instead of over it. */
const SIDE_PANEL_COLUMNS = 140;

/**
 * How a terminal of `columns`×`rows` is shared out: `width` is the work's
 * (sprint, task, activity, dialogs), `side` the sessions panel's beside it
 * (0 on a narrower terminal), `middle` the rows between header and prompt.
 */
export function layoutOf(columns: number, rows: number): { width: number; side: number; height: number; full: boolean; bodyHeight: number; middle: number } {
  // One line short of the terminal: a frame as tall as the screen makes Ink clear it on every redraw.
  const height = rows - 1;
  const full = height >= FULL_ROWS;
  const side = columns < SIDE_PANEL_COLUMNS ? 0 : Math.min(64, Math.max(46, Math.floor(columns / 3)));
  // Header 1, prompt 3, key bar 1.
  const middle = height - 5;
  return { width: columns - side, side, height, full, bodyHeight: full ? height - FIXED_ROWS : middle, middle };
}
