import type { KeyPress } from './keys.js';

/** The prompt line as keystrokes change it: a pure reducer, so keys landing in one frame are never lost. */
export interface PromptState {
  text: string;
  cursor: number;
  /** Index into the history while browsing it with ↑/↓; null when editing the draft. */
  browsing: number | null;
  /** What was typed before browsing began: ↓ past the newest entry brings it back. */
  draft: string;
  /** Inside a bracketed paste: newlines are text, never Enter. */
  pasting: boolean;
  /** Repeated Tab cycles these; `from` is where the completed word starts. */
  cycle: { candidates: string[]; labels: string[]; index: number; from: number; produced: string } | null;
  /** What the last key that removed text removed (Ctrl+U, Ctrl+W, Ctrl+K): Ctrl+Y puts it back, so no key loses a draft for good. */
  killed: string;
  /** The line as it was before each edit, newest last: Ctrl+Z steps back. */
  undo: { text: string; cursor: number }[];
  /** The last edit typed text: more typed text joins it, so one Ctrl+Z takes back a word, not a letter. */
  typing: boolean;
  /** Ctrl+R: history searched for `query`, `match` the entry found (an index into history), `before` the line to give back on Esc. */
  search: { query: string; match: number | null; before: { text: string; cursor: number } } | null;
}

export type PromptAction =
  /** `pasted`: from a bracketed paste, so its line breaks stay. */
  | { type: 'insert'; text: string; pasted?: boolean }
  /** Alt+Enter, Ctrl+J: a line break in the text, sent with it. */
  | { type: 'newline' }
  | { type: 'undo' }
  /** Ctrl+R: starts a history search, or finds the next older match. */
  | { type: 'search'; history: string[] }
  | { type: 'searchText'; text: string; history: string[] }
  | { type: 'searchBack'; history: string[] }
  /** Leaves the search: `take` keeps the match in the line, else the line is as it was. */
  | { type: 'searchEnd'; take: boolean; history: string[] }
  | { type: 'backspace' }
  /** Forward Delete: the character under the cursor. */
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'wordLeft' }
  | { type: 'wordRight' }
  | { type: 'clear' }
  | { type: 'killEnd' }
  | { type: 'deleteWord' }
  | { type: 'yank' }
  /** Keeps text that left another input (a cancelled summary) for Ctrl+Y. */
  | { type: 'kill'; text: string }
  | { type: 'set'; text: string; cursor?: number }
  | { type: 'historyPrev'; history: string[] }
  | { type: 'historyNext'; history: string[] }
  | { type: 'paste'; on: boolean }
  | { type: 'complete'; candidates: string[]; from: number; labels?: string[] }
  /** ↑/↓ in the completion menu: the candidate before or after takes the word's place. */
  | { type: 'menuMove'; by: number }
  /** Enter or Esc in the menu: the word stays as it is, the menu goes. */
  | { type: 'menuClose' };

export const emptyPrompt: PromptState = { text: '', cursor: 0, browsing: null, draft: '', pasting: false, cycle: null, killed: '', undo: [], typing: false, search: null };

/** Steps Ctrl+Z can take back. */
const UNDO_KEPT = 200;

/** The line after an edit; what it was goes on the undo stack, unless this continues a run of typing. */
function edited(state: PromptState, text: string, cursor: number, typing = false): PromptState {
  const joins = typing && state.typing;
  const undo = joins ? state.undo : [...state.undo, { text: state.text, cursor: state.cursor }].slice(-UNDO_KEPT);
  return { ...state, text, cursor, cycle: null, undo, typing };
}

/** The newest history entry older than `before` holding `query` (any case), if any. */
function findOlder(history: string[], query: string, before: number): number | null {
  const q = query.toLowerCase();
  for (let i = Math.min(before, history.length) - 1; i >= 0; i--) if (history[i]!.toLowerCase().includes(q)) return i;
  return null;
}

/** Removes text[from, to) into the kill buffer; nothing removed keeps what the buffer held. */
const kill = (state: PromptState, from: number, to: number, cursor: number): PromptState =>
  from === to ? state : { ...edited(state, state.text.slice(0, from) + state.text.slice(to), cursor), killed: state.text.slice(from, to) };

/** Where the word before the cursor starts, scanned back by hand: a regex (`/\S+\s*$/`) is quadratic and froze the prompt on a pasted 64 KiB word. */
function wordStart(text: string, cursor: number): number {
  let start = cursor;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  return start;
}

function wordEnd(text: string, cursor: number): number {
  let end = cursor;
  while (end < text.length && /\s/.test(text[end]!)) end++;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  return end;
}

/** The completion menu, while the line is still what its last choice made it. */
export function menuOf(state: PromptState): PromptState['cycle'] {
  return state.cycle && state.cycle.produced === state.text ? state.cycle : null;
}

/** Candidate `index` of `menu` in place of the word being completed; a lone candidate is taken whole, with a space after it. */
function choose(state: PromptState, menu: NonNullable<PromptState['cycle']>, index: number): PromptState {
  const { text, cursor } = state;
  const { candidates, from } = menu;
  const after = text.slice(cursor);
  // A folder is taken without the space: what is in it comes next.
  const lone = candidates.length === 1 && !after.startsWith(' ') && !candidates[0]!.endsWith('/');
  const word = candidates[index]! + (lone ? ' ' : '');
  const head = text.slice(0, from) + word;
  const full = head + after;
  return { ...state, text: full, cursor: head.length, cycle: candidates.length > 1 ? { ...menu, index, produced: full } : null };
}

export function promptReducer(state: PromptState, action: PromptAction): PromptState {
  const { text, cursor } = state;
  switch (action.type) {
    case 'insert': {
      // A pasted text keeps its lines (nothing is sent before Enter); a typed piece holds no line break.
      const piece = action.pasted ? action.text.replace(/\r\n|\r/g, '\n').replace(/\t/g, ' ') : action.text.replace(/\r\n|\r|\n|\t/g, ' ');
      // A space ends a word: the next letter starts a new step for Ctrl+Z.
      return edited(state, text.slice(0, cursor) + piece + text.slice(cursor), cursor + piece.length, !action.pasted && !/\s/.test(piece));
    }
    case 'newline':
      // A line break is inside a text, never all of it.
      if (text === '') return state;
      return edited(state, `${text.slice(0, cursor)}\n${text.slice(cursor)}`, cursor + 1);
    case 'undo': {
      const last = state.undo.at(-1);
      return last ? { ...state, ...last, undo: state.undo.slice(0, -1), typing: false, cycle: null } : state;
    }
    case 'search': {
      if (!state.search) return { ...state, search: { query: '', match: findOlder(action.history, '', action.history.length), before: { text, cursor } } };
      const older = state.search.match === null ? null : findOlder(action.history, state.search.query, state.search.match);
      return older === null ? state : { ...state, search: { ...state.search, match: older } };
    }
    case 'searchText':
    case 'searchBack': {
      if (!state.search) return state;
      const query = action.type === 'searchText' ? state.search.query + action.text : state.search.query.slice(0, -1);
      return { ...state, search: { ...state.search, query, match: findOlder(action.history, query, action.history.length) } };
    }
    case 'searchEnd': {
      if (!state.search) return state;
      const found = state.search.match === null ? undefined : action.history[state.search.match];
      if (!action.take || found === undefined) return { ...state, search: null };
      return { ...edited({ ...state, search: null }, found, found.length), browsing: null };
    }
    case 'backspace':
      return cursor === 0 ? state : edited(state, text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1);
    case 'delete':
      return cursor === text.length ? state : edited(state, text.slice(0, cursor) + text.slice(cursor + 1), cursor);
    case 'left':
      return { ...state, cursor: Math.max(0, cursor - 1), cycle: null };
    case 'right':
      return { ...state, cursor: Math.min(text.length, cursor + 1), cycle: null };
    case 'home':
      return { ...state, cursor: 0, cycle: null };
    case 'end':
      return { ...state, cursor: text.length, cycle: null };
    case 'wordLeft':
      return { ...state, cursor: wordStart(text, cursor), cycle: null };
    case 'wordRight':
      return { ...state, cursor: wordEnd(text, cursor), cycle: null };
    case 'clear':
      return kill(state, 0, text.length, 0);
    case 'killEnd':
      return kill(state, cursor, text.length, cursor);
    case 'deleteWord': {
      // The word before the cursor and the spaces after it.
      const start = wordStart(text, cursor);
      return kill(state, start, cursor, start);
    }
    case 'yank':
      return state.killed ? edited(state, text.slice(0, cursor) + state.killed + text.slice(cursor), cursor + state.killed.length) : state;
    case 'kill':
      return action.text ? { ...state, killed: action.text } : state;
    case 'set':
      // A new line to edit; what Ctrl+Y would bring back stays, and Ctrl+Z may still bring back what was there.
      return { ...emptyPrompt, killed: state.killed, undo: text ? [...state.undo, { text, cursor }].slice(-UNDO_KEPT) : state.undo, text: action.text, cursor: action.cursor ?? action.text.length };
    case 'historyPrev': {
      if (action.history.length === 0) return state;
      const at = state.browsing === null ? action.history.length - 1 : Math.max(0, state.browsing - 1);
      const entry = action.history[at]!;
      return { ...state, text: entry, cursor: entry.length, browsing: at, draft: state.browsing === null ? text : state.draft, cycle: null };
    }
    case 'historyNext': {
      if (state.browsing === null) return state;
      if (state.browsing >= action.history.length - 1) {
        return { ...state, text: state.draft, cursor: state.draft.length, browsing: null, cycle: null };
      }
      const entry = action.history[state.browsing + 1]!;
      return { ...state, text: entry, cursor: entry.length, browsing: state.browsing + 1, cycle: null };
    }
    case 'paste':
      return { ...state, pasting: action.on };
    case 'complete': {
      // A Tab right after one that offered several candidates moves to the next of them.
      const again = menuOf(state);
      if (again) return choose(state, again, (again.index + 1) % again.candidates.length);
      if (action.candidates.length === 0) return state;
      // Ctrl+Z takes a completion back as it does an edit.
      const before = { ...state, undo: [...state.undo, { text: state.text, cursor: state.cursor }].slice(-UNDO_KEPT), typing: false };
      return choose(before, { candidates: action.candidates, labels: action.labels ?? [], index: 0, from: action.from, produced: '' }, 0);
    }
    case 'menuMove': {
      const menu = menuOf(state);
      return menu ? choose(state, menu, (menu.index + action.by + menu.candidates.length) % menu.candidates.length) : state;
    }
    case 'menuClose':
      return state.cycle ? { ...state, cycle: null } : state;
  }
}

/** The prompt-line edit a key makes, for keys that only edit. */
const EDITS: Partial<Record<KeyPress['kind'], PromptAction>> = {
  backspace: { type: 'backspace' },
  delete: { type: 'delete' },
  left: { type: 'left' },
  right: { type: 'right' },
  wordLeft: { type: 'wordLeft' },
  wordRight: { type: 'wordRight' },
  home: { type: 'home' },
  end: { type: 'end' },
  clear: { type: 'clear' },
  killEnd: { type: 'killEnd' },
  deleteWord: { type: 'deleteWord' },
  yank: { type: 'yank' },
  newline: { type: 'newline' },
  undo: { type: 'undo' },
};

export const editOf = (key: KeyPress): PromptAction | undefined => EDITS[key.kind];
