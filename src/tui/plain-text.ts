import type { Board } from '../core/board.js';
import { isClosedStatus } from '../core/plan.js';
import type { Call } from '../syntax/line.js';

/** The task plain text updates: the active task of the session on screen, while it is open. */
function openTask(board: Board | null): string | null {
  return board?.task && !isClosedStatus(board.task.status) ? board.task.code : null;
}

/**
 * A line without a leading `/` is what the developer has to say: an update of
 * the active task, or with none a note on the session (a `log`), kept as typed,
 * line breaks included.
 */
export function plainTextCall(text: string, board: Board | null): Call {
  return openTask(board) ? { name: 'update', args: { text } } : { name: 'log', args: { text } };
}

/** What the empty prompt says it takes. */
export function placeholder(board: Board | null): string {
  const task = openTask(board);
  const plain = task ? `plain text is an update of ${task}` : board?.session_key ? `plain text is a note on ${board.session_key}` : null;
  return `type / and Tab for commands, ? for help${plain ? `; ${plain}` : ''}`;
}
