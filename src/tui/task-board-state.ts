import type { BoardSprint, BoardTask } from '../core/task-board.js';

/** One row of the board: a sprint's heading, or one of its tasks. */
export type BoardLine = { kind: 'sprint'; sprint: BoardSprint; shown: number } | { kind: 'task'; task: BoardTask };

/** The task board as keys move through it: a pure reducer, so keys landing in one frame are never lost. */
export interface TaskBoardState {
  sprints: BoardSprint[];
  /** Each task's code, title and status in lower case, made once per load: a filter keystroke is one pass of `includes`. */
  haystack: Map<BoardTask, string>;
  filter: string;
  /** `/` was pressed: letters go to the filter until Enter or Esc. */
  filtering: boolean;
  /** The rows the filter keeps, headings included. */
  lines: BoardLine[];
  /** Where in `lines` each task row is: the cursor moves over these. */
  tasks: number[];
  /** Index into `tasks`. */
  cursor: number;
  /** The first row shown. */
  top: number;
}

export type TaskBoardAction =
  | { type: 'load'; sprints: BoardSprint[] }
  /** `rows`: how many rows the board shows, so the cursor stays in view. */
  | { type: 'move'; by: number; rows: number }
  | { type: 'edge'; last: boolean; rows: number }
  | { type: 'filtering'; on: boolean }
  | { type: 'filter'; text: string; rows: number };

/** The rows `filter` keeps: every word of it in a task's code, title or status; a heading while any of its tasks is kept. */
function linesOf(sprints: BoardSprint[], haystack: Map<BoardTask, string>, filter: string): { lines: BoardLine[]; tasks: number[] } {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const lines: BoardLine[] = [];
  const tasks: number[] = [];
  for (const sprint of sprints) {
    const kept = words.length ? sprint.tasks.filter((t) => words.every((w) => haystack.get(t)!.includes(w))) : sprint.tasks;
    if (kept.length === 0 && words.length) continue;
    lines.push({ kind: 'sprint', sprint, shown: kept.length });
    for (const task of kept) {
      tasks.push(lines.length);
      lines.push({ kind: 'task', task });
    }
  }
  return { lines, tasks };
}

/** The first row to show so that the cursor's row is in view, its sprint's heading too when it fits. */
export function inView(state: TaskBoardState, rows: number): TaskBoardState {
  const at = state.tasks[state.cursor];
  if (at === undefined) return { ...state, top: 0 };
  let top = state.top;
  if (at < top) top = state.lines[at - 1]?.kind === 'sprint' ? at - 1 : at;
  else if (at >= top + rows) top = at - rows + 1;
  return { ...state, top: Math.max(0, Math.min(top, Math.max(0, state.lines.length - rows))) };
}

/** Rows a board of `height` lines has for tasks and headings: a line goes to its title, one to its footer. */
export const boardRows = (height: number): number => Math.max(1, height - 2);

export function boardOf(sprints: BoardSprint[]): TaskBoardState {
  const haystack = new Map<BoardTask, string>();
  for (const s of sprints) for (const t of s.tasks) haystack.set(t, `${t.code} ${t.title} ${t.status}`.toLowerCase());
  // The cursor starts on the task in progress, else the first that is not closed.
  const state: TaskBoardState = { sprints, haystack, filter: '', filtering: false, ...linesOf(sprints, haystack, ''), cursor: 0, top: 0 };
  const first = (status: (t: BoardTask) => boolean) => state.tasks.findIndex((i) => status((state.lines[i] as { task: BoardTask }).task));
  const at = first((t) => t.status === 'in_progress');
  const open = first((t) => t.status === 'pending' || t.status === 'blocked');
  return { ...state, cursor: Math.max(0, at !== -1 ? at : open) };
}

/** The task under the cursor, if any. */
export function selectedTask(state: TaskBoardState): BoardTask | null {
  const line = state.lines[state.tasks[state.cursor] ?? -1];
  return line?.kind === 'task' ? line.task : null;
}

export function taskBoardReducer(state: TaskBoardState, action: TaskBoardAction): TaskBoardState {
  switch (action.type) {
    case 'load': {
      // Fresh data keeps the filter and the cursor on the same task where it still shows.
      const code = selectedTask(state)?.code;
      const next = boardOf(action.sprints);
      const kept = { ...next, filter: state.filter, filtering: state.filtering, ...linesOf(next.sprints, next.haystack, state.filter), top: state.top };
      const at = kept.tasks.findIndex((i) => (kept.lines[i] as { task: BoardTask }).task.code === code);
      return { ...kept, cursor: at === -1 ? Math.min(state.cursor, Math.max(0, kept.tasks.length - 1)) : at };
    }
    case 'move': {
      const cursor = Math.max(0, Math.min(state.tasks.length - 1, state.cursor + action.by));
      return inView({ ...state, cursor: Math.max(0, cursor) }, action.rows);
    }
    case 'edge':
      return inView({ ...state, cursor: action.last ? Math.max(0, state.tasks.length - 1) : 0 }, action.rows);
    case 'filtering':
      return { ...state, filtering: action.on };
    case 'filter':
      return inView({ ...state, filter: action.text, ...linesOf(state.sprints, state.haystack, action.text), cursor: 0, top: 0 }, action.rows);
  }
}
