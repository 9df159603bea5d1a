import type { RefObject } from 'react';
import type { Board, Codes } from '../../core/board.js';
import type { Catalogue } from '../../runner/define.js';
import type { AppAction, AppState, Queued } from '../app-state.js';
import { complete, describe } from '../completion.js';
import type { CodesAtHand } from './useCodes.js';
import { pathsStartingWith } from '../paths.js';
import { SCREEN_COMMANDS } from '../screen-commands.js';
import { digitOf, isChar, type KeyPress } from '../keys.js';
import type { LiveBoard } from '../live-board.js';
import { editOf, menuOf, type PromptAction, type PromptState } from '../prompt-state.js';

/** The screen's own commands by their slash names, for completion. */
const SCREEN_NAMES = SCREEN_COMMANDS.flatMap((c) => c.names.filter((n) => n.startsWith('/') && n.length > 2).map((name) => ({ name, summary: c.summary })));

/** Esc, then a digit within this, picks a suggested command; a digit later is just a digit. */
const ESC_DIGIT_MS = 1000;

interface PromptKeys {
  catalogue: Catalogue;
  board: Board | null;
  live: LiveBoard;
  codes: CodesAtHand;
  own: string | null;
  watching: string | null;
  state: RefObject<AppState>;
  dispatch(action: AppAction): void;
  prompt: RefObject<PromptState>;
  edit(action: PromptAction): void;
  history: { entries: string[]; add(line: string): void };
  /** The suggested commands on screen, in slash form. */
  next: string[];
  /** Lines in the feed, and how many fit: PgUp/PgDn scroll it. */
  feedLines: number;
  feedRows: number;
  send(item: Queued): void;
}

/** `/update "…"` as a line to edit: the placeholder goes, the cursor stands where it was. */
function editable(command: string): { text: string; cursor: number } {
  const at = command.search(/"…"|'…'|…/);
  if (at === -1) return { text: `${command} `, cursor: command.length + 1 };
  const text = command.replace(/"…"|'…'|…/, '');
  return { text, cursor: at };
}

/** The prompt's keys: editing, history, completion, the suggested commands, scrolling the feed, and Enter. */
export function usePromptKeys(p: PromptKeys): (key: KeyPress) => Promise<void> | void {
  const { state, prompt, edit, dispatch } = p;

  /** Puts suggested command `n` (1-based) in the prompt, which must be empty: a suggestion never replaces a draft. */
  const pick = (n: number, how: string) => {
    const command = p.next[n - 1];
    if (!command) return;
    if (prompt.current.text !== '') {
      dispatch({ type: 'notice', text: `${how} fills an empty prompt only: send or clear this line first (Ctrl+U; Ctrl+Y brings it back).` });
      return;
    }
    edit({ type: 'set', ...editable(command) });
  };

  /** Enter: the line goes at once and the prompt is free for the next one (type-ahead). */
  const submit = () => {
    const line = prompt.current.text.trim();
    if (!line) return;
    p.history.add(line);
    edit({ type: 'set', text: '' });
    p.send({ line });
  };

  /**
   * Tab: completes the word at the cursor. A code completes from the home's
   * codes as they are now: when the home changed since they were read, the
   * keys typed after Tab wait for them (the promise), so they land after the
   * completion, as typed.
   */
  const completeWord = (): Promise<void> | void => {
    const withCodes = (codes: Codes) => {
      const { text, cursor } = prompt.current;
      const sessionLabels = Object.fromEntries((p.board?.open_sessions ?? []).map((s) => [s.key, [s.agent, s.source].filter(Boolean).join(' · ')]));
      const sources = { ...codes, sessionLabels, files: pathsStartingWith, screen: SCREEN_NAMES };
      return { sources, ...complete(p.catalogue, text.slice(0, cursor), sources) };
    };
    const show = ({ sources, from, candidates }: ReturnType<typeof withCodes>) => edit({ type: 'complete', candidates, from, labels: describe(p.catalogue, sources, candidates) });
    const fresh = p.codes.fresh();
    // A command's name or a file completes without the codes; a Tab cycling through a menu already shown, too.
    const first = withCodes(fresh ?? { tasks: [], sprints: [], sessions: [] });
    if (fresh || !first.codes || menuOf(prompt.current)) return show(first);
    return p.codes.read().then((codes) => show(withCodes(codes)));
  };

  /** The completion menu's keys: ↑/↓ choose, Enter takes, Esc closes; false for any other key. */
  const menuKey = (key: KeyPress): boolean => {
    if (key.kind === 'up' || key.kind === 'down') edit({ type: 'menuMove', by: key.kind === 'up' ? -1 : 1 });
    else if (key.kind === 'enter' || key.kind === 'escape') edit({ type: 'menuClose' });
    else return false;
    return true;
  };

  /** Ctrl+R: typing narrows, Ctrl+R again goes older, Enter takes the match, Esc leaves; any other key takes it and does its job. */
  const searchKey = (key: KeyPress): boolean => {
    const history = p.history.entries;
    if (key.kind === 'text') edit({ type: 'searchText', text: key.text, history });
    else if (key.kind === 'backspace') edit({ type: 'searchBack', history });
    else if (key.kind === 'search') edit({ type: 'search', history });
    else if (key.kind === 'enter' || key.kind === 'escape') edit({ type: 'searchEnd', take: key.kind === 'enter', history });
    else {
      edit({ type: 'searchEnd', take: true, history });
      return false;
    }
    return true;
  };

  return (key) => {
    if (prompt.current.search && searchKey(key)) return;
    if (menuOf(prompt.current) && menuKey(key)) return;
    const { escAt, dialog } = state.current;
    const text = prompt.current.text;
    if (escAt !== null) dispatch({ type: 'esc', at: null });
    const digit = digitOf(key);
    if (digit && escAt !== null && Date.now() - escAt <= ESC_DIGIT_MS && text === '') return pick(digit, 'Esc then a digit');
    if (key.kind === 'alt') {
      if (/^[1-9]$/.test(key.char)) pick(Number(key.char), `Alt+${key.char}`);
      return;
    }
    switch (key.kind) {
      case 'escape':
        if (p.watching) {
          void p.live.watch(null);
          dispatch({ type: 'notice', text: `Back on ${p.own ?? 'the home’s current session'}.` });
        }
        if (text === '') dispatch({ type: 'esc', at: Date.now() });
        return;
      case 'pageUp':
      case 'pageDown': {
        const max = Math.max(0, p.feedLines - p.feedRows);
        return dispatch({ type: 'scroll', by: (key.kind === 'pageUp' ? 1 : -1) * Math.max(1, p.feedRows - 1), max });
      }
      case 'up':
        return edit({ type: 'historyPrev', history: p.history.entries });
      case 'down':
        return edit({ type: 'historyNext', history: p.history.entries });
      case 'tasks':
        return p.send({ line: '/tasks' });
      case 'search':
        return edit({ type: 'search', history: p.history.entries });
      case 'focusFeed':
        // The feed takes the keys at the newest line in view; a screen too small to show it has none to choose.
        if (p.feedLines > 0) dispatch({ type: 'dialog', dialog: { kind: 'feed', at: Math.max(0, p.feedLines - 1 - state.current.scroll) } });
        return;
      case 'tab':
        return completeWord();
      case 'enter':
        return submit();
      case 'text':
        if (isChar(key, '?') && text === '' && !dialog) return dispatch({ type: 'dialog', dialog: { kind: 'help' } });
        return edit({ type: 'insert', text: key.text, ...(key.pasted ? { pasted: true } : {}) });
      default: {
        const action = editOf(key);
        if (action) edit(action);
      }
    }
  };
}
