import { isChar, type KeyPress } from '../keys.js';
import { boardRows, inView, selectedTask, taskBoardReducer, type TaskBoardState } from '../task-board-state.js';
import { close, type DialogKeys } from './types.js';

type Outcome = { board: TaskBoardState; then?: 'close' | 'start' };

/** One key on the board, as a pure step: the board after it, and whether it closes the board or starts the task under the cursor. */
function step(board: TaskBoardState, key: KeyPress, rows: number): Outcome {
  const to = (action: Parameters<typeof taskBoardReducer>[1]) => ({ board: taskBoardReducer(board, action) });
  if (board.filtering) {
    if (key.kind === 'text') return to({ type: 'filter', text: board.filter + key.text, rows });
    if (key.kind === 'backspace') return to({ type: 'filter', text: board.filter.slice(0, -1), rows });
    if (key.kind === 'clear') return to({ type: 'filter', text: '', rows });
    if (key.kind === 'escape') return { board: taskBoardReducer(taskBoardReducer(board, { type: 'filter', text: '', rows }), { type: 'filtering', on: false }) };
    if (key.kind === 'enter' && board.filter === '') return to({ type: 'filtering', on: false });
  }
  if (key.kind === 'up' || isChar(key, 'k')) return to({ type: 'move', by: -1, rows });
  if (key.kind === 'down' || isChar(key, 'j')) return to({ type: 'move', by: 1, rows });
  if (key.kind === 'pageUp' || key.kind === 'pageDown') return to({ type: 'move', by: (key.kind === 'pageUp' ? -1 : 1) * Math.max(1, rows - 1), rows });
  if (key.kind === 'home' || isChar(key, 'g')) return to({ type: 'edge', last: false, rows });
  if (key.kind === 'end' || isChar(key, 'G')) return to({ type: 'edge', last: true, rows });
  if (isChar(key, '/')) return to({ type: 'filtering', on: true });
  if (key.kind === 'escape') return { board, then: 'close' };
  if (key.kind === 'enter') return { board, then: 'start' };
  return { board };
}

/**
 * The task board: ↑/↓ j/k, PgUp/PgDn, Home/End g/G move; `/` filters as you
 * type (Enter keeps the filter, Esc drops it); Enter starts the task under the
 * cursor; Esc closes. Every key is the board's while it is open.
 */
export const tasksKeys: DialogKeys<'tasks'> = (dialog, key, screen) => {
  const rows = boardRows(screen.height);
  // Keys typed fast arrive as one piece of text (`g/mcp`): each letter does its own job, in order.
  const keys: KeyPress[] = key.kind === 'text' && !key.pasted ? [...key.text].map((c) => ({ kind: 'text', text: c })) : [key];
  // From the rows as drawn: the board opens on the task in progress, scrolled to it before any key.
  let board = inView(dialog.board, rows);
  for (const k of keys) {
    const outcome = step(board, k, rows);
    board = outcome.board;
    if (outcome.then === 'close') return close(screen), true;
    if (outcome.then === 'start') {
      const task = selectedTask(board);
      if (!task) break;
      close(screen);
      // The same path as a typed `/task-start CODE`: the command core decides, the screen shows its answer.
      screen.send({ line: `/task-start ${task.code}`, call: { name: 'task:activate', args: { code: task.code } } });
      return true;
    }
  }
  if (board !== dialog.board) screen.dispatch({ type: 'dialog', dialog: { kind: 'tasks', board } });
  return true;
};
