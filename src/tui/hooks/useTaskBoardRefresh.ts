import { useEffect, useRef, type RefObject } from 'react';
import type { AppAction, AppState } from '../app-state.js';
import type { Execute } from '../executor.js';
import type { BoardSnapshot } from '../live-board.js';
import { taskBoardReducer } from '../task-board-state.js';

/** While the task board is open, what changes in the home (a task started here or by the agent) shows on it. */
export function useTaskBoardRefresh(command: Execute, snapshot: BoardSnapshot, state: RefObject<AppState>, dispatch: (action: AppAction) => void): void {
  const open = state.current.dialog?.kind === 'tasks';
  // The board was read when it opened: only a change after that is worth reading it again.
  const readFor = useRef<BoardSnapshot | null>(null);
  useEffect(() => {
    if (!open) {
      readFor.current = null;
      return;
    }
    if (readFor.current === null || readFor.current === snapshot) {
      readFor.current = snapshot;
      return;
    }
    readFor.current = snapshot;
    let current = true;
    void command(snapshot.own, 'task:board', {})
      .then((answer) => {
        const dialog = state.current.dialog;
        if (!current || dialog?.kind !== 'tasks' || !answer.success || answer.data.ui !== 'task-board') return;
        dispatch({ type: 'dialog', dialog: { kind: 'tasks', board: taskBoardReducer(dialog.board, { type: 'load', sprints: answer.data.sprints }) } });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [snapshot, open]);
}
