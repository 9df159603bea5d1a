/** Lines every screen needs besides the activity: header 1, sprint 2, task 4, next 2, prompt with hint and status 3. */
const FIXED_ROWS = 12;
/** Below this the screen keeps the header, one panel and the prompt. */
const FULL_ROWS = FIXED_ROWS + 2;
/** Below this there is no room for a useful screen. */
export const MIN = { columns: 30, rows: 8 };

/** How a terminal of `columns`×`rows` is shared out. */
export function layoutOf(columns: number, rows: number): { width: number; height: number; full: boolean; bodyHeight: number } {
  // One line short of the terminal: a frame as tall as the screen makes Ink clear it on every redraw.
  const height = rows - 1;
  const full = height >= FULL_ROWS;
  return { width: columns, height, full, bodyHeight: full ? height - FIXED_ROWS : height - 4 };
}
