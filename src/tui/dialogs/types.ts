import type { Board } from '../../core/board.js';
import type { Catalogue } from '../../runner/define.js';
import type { Answer } from '../../commands/catalogue.js';
import type { AppAction, Dialog, Queued } from '../app-state.js';
import type { FeedLine } from '../feed.js';
import type { KeyPress } from '../keys.js';
import type { LiveBoard } from '../live-board.js';
import type { PromptAction } from '../prompt-state.js';

/** What a dialog's keys may read and do on the screen. */
export interface DialogScreen {
  catalogue: Catalogue;
  board: Board | null;
  live: LiveBoard;
  own: string | null;
  /** The command prompt is empty: a dialog's letters and digits answer only then, so a line being typed never answers one. */
  empty: boolean;
  /** Rows and columns the dialog has. */
  height: number;
  width: number;
  /** The summary line the check dialog asks for. */
  summary: string;
  editSummary(action: PromptAction): void;
  /** Edits the command prompt. */
  edit(action: PromptAction): void;
  dispatch(action: AppAction): void;
  /** Hands a call over, ahead of the lines typed meanwhile when `first`. */
  send(item: Queued, first?: boolean): void;
  exit(): void;
  /** The activity feed on screen, oldest first. */
  feed: FeedLine[];
  /** Runs a read command of the catalogue in the screen's session. */
  read(name: string, args: Record<string, unknown>): Promise<Answer>;
}

/** A dialog's keys: true when the dialog took the key, false to hand it on to the prompt. */
export type DialogKeys<K extends Dialog['kind']> = (dialog: Extract<Dialog, { kind: K }>, key: KeyPress, screen: DialogScreen) => boolean;

export const close = (screen: DialogScreen): void => screen.dispatch({ type: 'dialog', dialog: null });
