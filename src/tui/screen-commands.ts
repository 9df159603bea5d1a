import type { Board } from '../core/board.js';
import type { Answer } from '../commands/catalogue.js';
import type { Dialog } from './app-state.js';
import { boardOf } from './task-board-state.js';

/** What a command of the screen itself may do. */
export interface ScreenActions {
  exit(): void;
  open(dialog: Dialog): void;
  /** The board on screen now. */
  board(): Board | null;
  /** Runs a read command of the catalogue in the screen's session. */
  read(name: string): Promise<Answer>;
  failed(message: string): void;
}

/** A line the screen answers itself, never sent to the catalogue. */
export interface ScreenCommand {
  names: string[];
  summary: string;
  run(screen: ScreenActions): void | Promise<void>;
}

/** The screen's own commands: one word each, any case. */
export const SCREEN_COMMANDS: ScreenCommand[] = [
  { names: ['/quit', '/exit', '/q', 'quit', 'exit'], summary: 'leave; the session stays as it is, resumable', run: (s) => s.exit() },
  { names: ['/help', '/?', '?', 'help'], summary: 'keys and commands', run: (s) => s.open({ kind: 'help' }) },
  {
    names: ['/sessions'],
    summary: 'every open session of the home, live',
    run: (s) => {
      const shown = s.board();
      const at = shown?.open_sessions.findIndex((o) => o.key === shown.session_key) ?? 0;
      s.open({ kind: 'sessions', selected: Math.max(0, at) });
    },
  },
  {
    names: ['/tasks'],
    summary: 'the plan as a board: move, filter with /, Enter starts a task (Ctrl+T too)',
    run: async (s) => {
      const answer = await s.read('task:board');
      if (answer.success && answer.data.ui === 'task-board') s.open({ kind: 'tasks', board: boardOf(answer.data.sprints) });
      else s.failed(answer.error?.message ?? 'The plan could not be read.');
    },
  },
];

/** The screen command a sent line is, if it is one. */
export function screenCommand(line: string): ScreenCommand | undefined {
  const word = line.trim().toLowerCase();
  return /\s/.test(word) ? undefined : SCREEN_COMMANDS.find((c) => c.names.includes(word));
}
