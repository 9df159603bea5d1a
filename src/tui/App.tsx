import { Box, Text, useApp } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import type { Answer, CommandCatalogue } from '../commands/catalogue.js';
import type { Board } from '../core/board.js';
import { renderHuman } from '../render/human.js';
import { parseLine, type Call } from '../syntax/line.js';
import type { Ctx } from '../runner/define.js';
import { FragmentsError } from '../domain/errors.js';
import { HEARTBEAT_SECONDS } from '../domain/session.js';
import { adviceOf, appReducer, ASKING, initialApp, opensCheck, type Queued } from './app-state.js';
import { ActivityFeed } from './components/ActivityFeed.js';
import { CheckDialog } from './components/CheckDialog.js';
import { EstimateDialog } from './components/EstimateDialog.js';
import { Header } from './components/Header.js';
import { MissionControl } from './components/MissionControl.js';
import { PreviewDialog } from './components/PreviewDialog.js';
import { NextCommands } from './components/NextCommands.js';
import { Prompt } from './components/Prompt.js';
import { SessionSummary } from './components/SessionSummary.js';
import { SprintPanel } from './components/SprintPanel.js';
import { TaskPanel } from './components/TaskPanel.js';
import { TextPanel } from './components/TextPanel.js';
import { complete, hint } from './completion.js';
import { feedLines } from './feed.js';
import { helpLines } from './help.js';
import { useHomeSnapshot } from './hooks/useHomeSnapshot.js';
import { useKeys } from './hooks/useKeys.js';
import { useLatestReducer } from './hooks/useLatestReducer.js';
import { usePromptHistory } from './hooks/usePromptHistory.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { useAlerts } from './hooks/useAlerts.js';
import { useMouse } from './hooks/useMouse.js';
import { useReloadEvery } from './hooks/useReloadEvery.js';
import { KeyBar } from './components/KeyBar.js';
import { SessionsPanel, sessionAtRow, sidePanelWidth } from './components/SessionsPanel.js';
import { ALERT_KEY, VIEW_KEYS, type View } from './key-bar.js';
import type { KeyPress } from './keys.js';
import type { LiveBoard } from './live-board.js';
import { emptyPrompt, promptReducer, type PromptAction } from './prompt-state.js';
import { inProcess, type Execute } from './executor.js';

export interface AppProps {
  catalogue: CommandCatalogue;
  /** The context every command of this screen runs in (face `tui`); its session is the screen's own, kept by `live`. */
  ctx: Ctx;
  home: string;
  live: LiveBoard;
  /** What opening the screen did, e.g. started a session. */
  greeting?: string | null;
  /** How commands run: on a thread of their own in the real screen, so a long one never freezes it; here, by default. */
  commands?: Execute;
}

const QUIT = new Set(['/quit', '/exit', '/q', 'quit', 'exit']);
const HELP = new Set(['/help', '/?', '?', 'help']);
/** Lines every screen needs besides the activity: header 1, sprint 2, task 4, next 2, prompt with hint and status 3, key bar 1. */
const FIXED_ROWS = 13;
/** Below this the screen keeps the header, one panel and the prompt. */
const FULL_ROWS = FIXED_ROWS + 2;
/** Below this there is no room for a useful screen. */
const MIN = { columns: 30, rows: 8 };
/** Lines one notch of the mouse wheel scrolls. */
const WHEEL_LINES = 3;
/** Esc, then a digit within this, picks a suggested command; a digit later is just a digit. */
const ESC_DIGIT_MS = 1000;

/** `/update "…"` as a line to edit: the placeholder goes, the cursor stands where it was. */
function editable(command: string): { text: string; cursor: number } {
  const at = command.search(/"…"|'…'|…/);
  if (at === -1) return { text: `${command} `, cursor: command.length + 1 };
  const text = command.replace(/"…"|'…'|…/, '');
  return { text, cursor: at };
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
};

const digitOf = (key: KeyPress) => (key.kind === 'text' && !key.pasted && /^[1-9]$/.test(key.text) ? Number(key.text) : 0);
const isText = (key: KeyPress, ...chars: string[]) => key.kind === 'text' && !key.pasted && chars.includes(key.text);

export function App({ catalogue, ctx, home, live, greeting = null, commands }: AppProps) {
  const { exit } = useApp();
  const command = useMemo(() => commands ?? inProcess(catalogue, ctx), [commands, catalogue, ctx]);
  const { columns, rows } = useTerminalSize();
  const snapshot = useHomeSnapshot(live);
  const board = (snapshot.envelope?.data ?? null) as Board | null;
  const [promptRef, edit] = useLatestReducer(promptReducer, emptyPrompt);
  const [summaryRef, editSummary] = useLatestReducer(promptReducer, emptyPrompt);
  const [stateRef, dispatch] = useLatestReducer(appReducer, { ...initialApp, notice: greeting, adviceFor: adviceOf(snapshot.envelope), next: snapshot.envelope?.instructions?.suggested_commands ?? [] });
  const state = stateRef.current;
  const history = usePromptHistory(home);
  const { own, watching } = snapshot;
  // Its own session ended, the screen shows the home's current one, read-only like a watched one.
  const following = own === null && !watching && board?.session_key ? board.session_key : null;
  // Watching or following another session, the things to do there are to take it over or to start one's own.
  const next = watching ? [`/session-switch ${watching}`] : following ? ['/session-start', `/session-switch ${following}`] : state.next;

  // One line short of the terminal: a frame as tall as the screen makes Ink clear it on every redraw.
  const height = rows - 1;
  // On a wide terminal mission control stands beside the work, which keeps the rest.
  const side = sidePanelWidth(columns);
  const width = columns - side;
  const full = height >= FULL_ROWS;
  const bodyHeight = full ? height - FIXED_ROWS : height - 5;
  const feed = feedLines(board?.activities ?? [], board?.others ?? []);

  const seen = useRef<{ key: string | null; activity: number; lines: number }>({ key: board?.session_key ?? null, activity: board?.activities.at(-1)?.id ?? 0, lines: feed.length });
  useEffect(() => {
    if (!board) return;
    const before = seen.current;
    const newest = board.activities.at(-1);
    const status = board.session?.status;
    let said: string | null = null;
    if (own !== null && !watching && board.session_key === own && (status === 'completed' || status === 'abandoned')) {
      // The screen's own session ended (here or in another process): from now on it follows the home's current one, and says so.
      void live.own(null);
    } else if (own === null && !watching && board.session_key !== before.key) {
      said = board.session_key
        ? `Your session ended: this screen follows ${board.session_key}, the home's current session. /session-start begins a new one of yours.`
        : 'Your session ended and no other is current: /session-start begins a new one.';
      dispatch({ type: 'notice', text: said });
    }
    // Watching or following another session, what to do is fixed (take it over, or start one's own): its advice is not the screen's.
    if (!watching && own !== null) {
      const advice = adviceOf(snapshot.envelope);
      const suggested = snapshot.envelope?.instructions?.suggested_commands ?? [];
      if (advice !== stateRef.current.adviceFor && stateRef.current.running === null) {
        // Another process changed what the advice was about (an agent closed the task, say): it is stale.
        dispatch({ type: 'advice', commands: suggested, adviceFor: advice, notice: said ?? snapshot.envelope?.instructions?.validation_warnings[0] ?? null });
      } else if (newest && newest.id > before.activity && newest.source !== 'tui') {
        dispatch({ type: 'next', commands: suggested });
      }
    }
    // Scrolled back, the view stays on the lines being read while new ones arrive below.
    const arrived = feed.length - before.lines;
    if (before.key === board.session_key && arrived > 0 && stateRef.current.scroll > 0) {
      dispatch({ type: 'scroll', by: arrived, max: Math.max(0, feed.length - (bodyHeight - 1)) });
    }
    seen.current = { key: board.session_key, activity: newest?.id ?? 0, lines: feed.length };
  }, [snapshot]);

  // SPEC 6: while a task's timer runs in the screen's own session, a heartbeat every 30 s bounds what a crash can cost.
  const beating = board?.task?.timer_running === true && watching === null && own !== null;
  useEffect(() => {
    if (!beating || own === null) return;
    const beat = () => void command(own, 'session:heartbeat', {}).catch(() => undefined);
    beat();
    const id = setInterval(beat, HEARTBEAT_SECONDS * 1000);
    return () => clearInterval(id);
  }, [beating, own, command]);

  /** Runs one call in the screen's own session (the home's current one once it ended) and shows what it answered. */
  const run = async (call: Call, line: string): Promise<void> => {
    try {
      const checking = (command: string) => dispatch({ type: 'checking', check: { command, since: Date.now() } });
      const entry = catalogue.find(call.name);
      const shown = (live.getSnapshot().envelope?.data as Board | undefined)?.session_key ?? null;
      if (live.ownKey() === null && shown !== null && entry?.tx === 'write' && !entry.takesUp) {
        // What the developer types never lands in a session that is not theirs without their word.
        const message = `${shown} is not yours: /session-start starts yours, /session-switch ${shown} takes it over.`;
        const putBack = promptRef.current.text === '' && stateRef.current.queue.length === 0;
        dispatch({ type: 'failed', message, line, putBack });
        if (putBack) edit({ type: 'set', text: line });
        return;
      }
      await answered(call, line, await command(live.ownKey(), call.name, call.args, checking));
    } catch (e) {
      dispatch({ type: 'failed', message: `Unexpected failure: ${(e as Error).message}`, line, putBack: false });
    }
  };

  /** Shows what a command answered; a success that takes a session up makes it this screen's own. */
  const answered = async (call: Call, line: string, envelope: Answer): Promise<void> => {
    const entry = catalogue.find(call.name);
    try {
      const shows = envelope.success && entry !== undefined && entry.tx !== 'write';
      const output = shows ? renderHuman(envelope, false).out.replace(/\n$/, '').split('\n') : undefined;
      // A failed line goes back into the prompt only when nothing was typed there meanwhile: type-ahead is never overwritten.
      const putBack = !envelope.success && !opensCheck(entry?.closes, call, envelope) && promptRef.current.text === '' && stateRef.current.queue.length === 0 && !call.args.force;
      dispatch({ type: 'result', call, ...(entry?.closes ? { closes: entry.closes } : {}), envelope, ...(output ? { output } : {}), line, putBack });
      if (putBack) edit({ type: 'set', text: line });
      // Starting, resuming or switching to a session makes it this screen's own; nothing else moves the screen.
      if (envelope.success && entry?.takesUp && envelope.session_key && envelope.session_key !== live.ownKey()) await live.own(envelope.session_key);
      else await live.refresh();
    } catch (e) {
      dispatch({ type: 'failed', message: `Unexpected failure: ${(e as Error).message}`, line, putBack: false });
    }
  };

  /**
   * A command that previews itself (`/import FILE`) shows its dry run first and
   * asks; Enter in the preview sends it for real (as a call, so it is not previewed again).
   */
  const runOrPreview = async (call: Call, line: string): Promise<void> => {
    const flag = catalogue.find(call.name)?.preview;
    if (!flag || call.args[flag] === true) return run(call, line);
    const dry = { ...call, args: { ...call.args, [flag]: true } };
    let envelope: Answer;
    try {
      envelope = await command(live.ownKey(), call.name, dry.args, () => undefined);
    } catch (e) {
      return dispatch({ type: 'failed', message: `Unexpected failure: ${(e as Error).message}`, line, putBack: false });
    }
    if (!envelope.success) return answered(dry, line, envelope);
    const lines = renderHuman(envelope, false).out.replace(/\n$/, '').split('\n');
    dispatch({ type: 'dialog', dialog: { kind: 'preview', call, line, lines } });
  };

  /** What a sent line does: a screen action (/quit, /help, /sessions), or a command of the catalogue. */
  const handle = async ({ line, call }: Queued): Promise<void> => {
    if (call) return run(call, line);
    const words = line.split(/\s+/);
    const word = words[0]!.toLowerCase();
    if (QUIT.has(line.toLowerCase())) return exit();
    if (word === '/sessions' && words.length === 1) {
      const shown = live.getSnapshot().envelope?.data as Board | undefined;
      const at = shown?.open_sessions.findIndex((o) => o.key === shown.session_key) ?? 0;
      return dispatch({ type: 'dialog', dialog: { kind: 'sessions', selected: Math.max(0, at) } });
    }
    if (HELP.has(word) && words.length === 1) return dispatch({ type: 'dialog', dialog: { kind: 'help' } });
    let parsed: Call | null;
    try {
      parsed = parseLine(catalogue, line);
    } catch (e) {
      if (!(e instanceof FragmentsError)) throw e;
      const putBack = promptRef.current.text === '' && stateRef.current.queue.length === 0;
      dispatch({ type: 'failed', message: e.message, line, putBack });
      if (putBack) edit({ type: 'set', text: line });
      return;
    }
    if (parsed) await runOrPreview(parsed, line);
  };

  // Lines run one at a time, in the order sent; a dialog asking a question holds the rest until it is answered.
  const pumping = useRef(false);
  const pump = async () => {
    if (pumping.current) return;
    pumping.current = true;
    try {
      for (;;) {
        const { queue, dialog } = stateRef.current;
        const item = queue[0];
        if (!item || (dialog && ASKING.has(dialog.kind))) break;
        dispatch({ type: 'start', since: Date.now() });
        await handle(item);
        dispatch({ type: 'idle' });
      }
    } finally {
      pumping.current = false;
    }
  };

  /** Hands a line (or a dialog's call) over; it runs as soon as the lines before it have. */
  const send = (item: Queued, first = false) => {
    dispatch({ type: 'enqueue', item, first });
    void pump();
  };

  /** Enter: the line goes at once and the prompt is free for the next one (type-ahead). */
  const submit = () => {
    const line = promptRef.current.text.trim();
    if (!line) return;
    history.add(line);
    edit({ type: 'set', text: '' });
    send({ line });
  };

  const closeDialog = () => dispatch({ type: 'dialog', dialog: null });
  /** Shows another session read-only (Enter in /sessions, a click in the side panel); the screen's own (or null) comes back. */
  const watchSession = (chosen: string | null) => {
    const mine = chosen === null || chosen === own;
    void live.watch(mine ? null : chosen);
    dispatch({
      type: 'notice',
      text: mine
        ? `Back on ${own ?? 'the home’s current session'}.`
        : `Watching ${chosen} read-only; commands still go to ${own ?? 'the home’s current session'}. /session-switch ${chosen} takes it over, Esc comes back.`,
    });
  };
  const keptWorking = (summary = '') => {
    closeDialog();
    if (summary) edit({ type: 'kill', text: summary });
    dispatch({ type: 'notice', text: summary ? 'Kept working: nothing changed. Ctrl+Y puts the summary you typed in the prompt.' : 'Kept working: nothing changed.' });
  };

  /** The active dialog's keys; false hands the key on to the prompt. A dialog's letters and digits answer only on an empty prompt, so a line being typed never answers one. */
  const onDialogKey = (key: KeyPress): boolean => {
    const dialog = stateRef.current.dialog;
    if (!dialog) return false;
    const empty = promptRef.current.text === '';
    switch (dialog.kind) {
      case 'check': {
        if (key.kind === 'escape' || (empty && isText(key, '3'))) keptWorking();
        else if (empty && isText(key, '1')) {
          // 1 is offered only where a summary is what is missing; elsewhere it does nothing.
          if (dialog.field) {
            editSummary({ type: 'set', text: '' });
            dispatch({ type: 'dialog', dialog: { ...dialog, kind: 'summary', field: dialog.field } });
          }
        } else if (empty && isText(key, '2')) {
          closeDialog();
          send({ line: `${dialog.call.name} --force`, call: { ...dialog.call, args: { ...dialog.call.args, force: true } } }, true);
        } else return false;
        return true;
      }
      case 'summary': {
        const summary = summaryRef.current.text;
        if (key.kind === 'escape') keptWorking(summary);
        else if (key.kind === 'enter') {
          if (!summary.trim()) return true;
          editSummary({ type: 'set', text: '' });
          closeDialog();
          // The summary is kept on the task even when another check still fails, so the line has done its job.
          send({ line: summary.trim(), call: { ...dialog.call, args: { ...dialog.call.args, [dialog.field]: summary.trim() } } }, true);
        } else if (key.kind === 'text') editSummary({ type: 'insert', text: key.text });
        else if (EDITS[key.kind]) editSummary(EDITS[key.kind]!);
        return true;
      }
      case 'estimate': {
        if (key.kind === 'escape' || (empty && (key.kind === 'enter' || key.kind === 'text'))) {
          closeDialog();
          if (isText(key, 'y', 'Y')) send({ line: `/estimate ${dialog.duration}`, call: { name: 'estimate', args: { duration: dialog.duration, task: dialog.task } } }, true);
          else dispatch({ type: 'notice', text: `Estimate of ${dialog.task} kept.` });
          // Any key but y keeps the estimate; a letter other than n is the start of the next line.
          return key.kind !== 'text' || isText(key, 'y', 'Y', 'n', 'N');
        }
        return false;
      }
      case 'ended': {
        if (key.kind === 'escape') closeDialog();
        else if (empty && isText(key, 'n')) {
          closeDialog();
          send({ line: '/session-start --new', call: { name: 'session:start', args: { new: true } } }, true);
        } else if (empty && (key.kind === 'enter' || isText(key, 'q'))) exit();
        else {
          // Any other key goes back to the screen, and to the prompt.
          closeDialog();
          return false;
        }
        return true;
      }
      case 'sessions': {
        const rows = board?.open_sessions ?? [];
        if (key.kind === 'up' || key.kind === 'down') {
          const selected = Math.min(Math.max(0, dialog.selected + (key.kind === 'up' ? -1 : 1)), Math.max(0, rows.length - 1));
          dispatch({ type: 'dialog', dialog: { kind: 'sessions', selected } });
        } else if (key.kind === 'enter' && empty) {
          closeDialog();
          watchSession(rows[dialog.selected]?.key ?? null);
        } else if (key.kind === 'escape') closeDialog();
        else {
          if (key.kind === 'enter') closeDialog();
          return false;
        }
        return true;
      }
      case 'preview': {
        const max = Math.max(0, dialog.lines.length - (bodyHeight - 2));
        const page = Math.max(1, bodyHeight - 3);
        if (key.kind === 'enter' || key.kind === 'escape') {
          closeDialog();
          if (key.kind === 'enter') send({ line: dialog.line, call: dialog.call }, true);
          else dispatch({ type: 'notice', text: `${dialog.call.name} cancelled: nothing changed.` });
        } else if (key.kind === 'up' || key.kind === 'down') dispatch({ type: 'panel', by: key.kind === 'up' ? -1 : 1, max });
        else if (key.kind === 'pageUp' || key.kind === 'pageDown') dispatch({ type: 'panel', by: key.kind === 'pageUp' ? -page : page, max });
        return true;
      }
      case 'help':
      case 'output': {
        const lines = dialog.kind === 'help' ? helpLines(catalogue).length : dialog.lines.length;
        const max = Math.max(0, lines - (bodyHeight - 1));
        const page = Math.max(1, bodyHeight - 2);
        if (key.kind === 'up' || key.kind === 'down') dispatch({ type: 'panel', by: key.kind === 'up' ? -1 : 1, max });
        else if (key.kind === 'pageUp' || key.kind === 'pageDown') dispatch({ type: 'panel', by: key.kind === 'pageUp' ? -page : page, max });
        else if (key.kind === 'escape' || (empty && isText(key, 'q', '?'))) closeDialog();
        else {
          // Enter closes the panel and sends what was typed meanwhile.
          if (key.kind === 'enter') closeDialog();
          return false;
        }
        return true;
      }
    }
  };

  /** Puts suggested command `n` (1-based) in the prompt, which must be empty: a suggestion never replaces a draft. */
  const pick = (n: number, how: string) => {
    const command = next[n - 1];
    if (!command) return;
    if (promptRef.current.text !== '') {
      dispatch({ type: 'notice', text: `${how} fills an empty prompt only: send or clear this line first (Ctrl+U; Ctrl+Y brings it back).` });
      return;
    }
    edit({ type: 'set', ...editable(command) });
  };

  const onPromptKey = (key: KeyPress) => {
    const state = stateRef.current;
    const prompt = promptRef.current;
    const escAt = state.escAt;
    if (escAt !== null) dispatch({ type: 'esc', at: null });
    const digit = digitOf(key);
    if (digit && escAt !== null && Date.now() - escAt <= ESC_DIGIT_MS && prompt.text === '') return pick(digit, 'Esc then a digit');
    if (key.kind === 'alt') {
      if (/^[1-9]$/.test(key.char)) pick(Number(key.char), `Alt+${key.char}`);
      return;
    }
    switch (key.kind) {
      case 'escape':
        if (watching) {
          void live.watch(null);
          dispatch({ type: 'notice', text: `Back on ${own ?? 'the home’s current session'}.` });
        }
        if (prompt.text === '') dispatch({ type: 'esc', at: Date.now() });
        return;
      case 'pageUp':
      case 'pageDown': {
        const max = Math.max(0, feed.length - (bodyHeight - 1));
        return dispatch({ type: 'scroll', by: (key.kind === 'pageUp' ? 1 : -1) * Math.max(1, bodyHeight - 2), max });
      }
      case 'up':
        return edit({ type: 'historyPrev', history: history.entries });
      case 'down':
        return edit({ type: 'historyNext', history: history.entries });
      case 'tab':
        return completeWord();
      case 'enter':
        return submit();
      case 'text':
        if (isText(key, '?') && prompt.text === '' && !state.dialog) return dispatch({ type: 'dialog', dialog: { kind: 'help' } });
        return edit({ type: 'insert', text: key.text });
      default: {
        const action = EDITS[key.kind];
        if (action) edit(action);
      }
    }
  };

  useKeys((key) => {
    if (key.kind === 'quit') return exit();
    if (key.kind === 'pasteStart' || key.kind === 'pasteEnd') return;
    if (!onDialogKey(key)) onPromptKey(key);
    // A dialog just answered may let the lines typed meanwhile run.
    void pump();
  });

  function completeWord() {
    const prompt = promptRef.current;
    const sources = board?.codes ?? { tasks: [], sprints: [], sessions: [] };
    const { from, candidates } = complete(catalogue, prompt.text.slice(0, prompt.cursor), sources);
    edit({ type: 'complete', candidates, from });
  }

  const dialog = state.dialog;
  const alerts = useAlerts(board, own, dialog?.kind === 'sessions');
  useReloadEvery(live, 60);
  useMouse((event) => {
    if (event.kind === 'click') {
      const chosen = board && side && event.x > width ? sessionAtRow(board, event.y - 2) : null;
      if (chosen) watchSession(chosen);
      return;
    }
    if (dialog?.kind === 'help' || dialog?.kind === 'output' || dialog?.kind === 'preview') {
      const lines = dialog.kind === 'help' ? helpLines(catalogue).length : dialog.lines.length;
      return dispatch({ type: 'panel', by: event.by * WHEEL_LINES, max: Math.max(0, lines - (bodyHeight - 1)) });
    }
    if (!dialog && full) dispatch({ type: 'scroll', by: -event.by * WHEEL_LINES, max: Math.max(0, feed.length - (bodyHeight - 1)) });
  });
  let body;
  if (dialog?.kind === 'check' || dialog?.kind === 'summary') {
    body = <CheckDialog failed={dialog.failed} tail={dialog.tail} field={dialog.field} what={dialog.call.name} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'estimate') {
    body = <EstimateDialog task={dialog.task} duration={dialog.duration} reason={dialog.reason} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'ended') {
    body = <SessionSummary summary={dialog.summary} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'sessions' && board) {
    body = <MissionControl board={board} own={own} selected={dialog.selected} receivedAt={snapshot.receivedAt} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'help') {
    body = <TextPanel title="Help" lines={helpLines(catalogue)} offset={state.panel} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'preview') {
    body = <PreviewDialog title={`${dialog.call.name} would do this`} lines={dialog.lines} offset={state.panel} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'output') {
    body = <TextPanel title={dialog.title} lines={dialog.lines} offset={state.panel} height={bodyHeight} width={width} />;
  } else if (full) {
    body = <ActivityFeed lines={feed} height={bodyHeight} width={width} scroll={state.scroll} />;
  } else {
    body = <TaskPanel board={board} width={width} receivedAt={snapshot.receivedAt} />;
  }
  const summarising = dialog?.kind === 'summary';
  const label = summarising ? `${dialog.field === 'retrospective' ? 'Retrospective' : 'Summary'} (Esc cancels)` : null;
  const error = state.error ?? snapshot.error?.message ?? null;
  if (columns < MIN.columns || rows - 1 < MIN.rows) {
    return (
      <Text>
        Fragments needs {MIN.columns}×{MIN.rows + 1} at least; this terminal is {columns}×{rows}.
      </Text>
    );
  }
  const prompt = summarising ? summaryRef.current : promptRef.current;
  const view: View = dialog?.kind ?? (watching ? 'watching' : 'prompt');
  return (
    <Box flexDirection="column" width={columns} height={height} overflow="hidden">
      <Header board={board} home={home} width={columns} receivedAt={snapshot.receivedAt} mode={watching ? 'watching' : following ? 'following' : 'own'} alerts={alerts.length} />
      <Box width={columns} height={height - 5}>
        <Box flexDirection="column" width={width} overflow="hidden">
          {full ? <SprintPanel board={board} width={width} receivedAt={snapshot.receivedAt} /> : null}
          {full ? <TaskPanel board={board} width={width} receivedAt={snapshot.receivedAt} /> : null}
          <Box height={bodyHeight} flexDirection="column" overflow="hidden">
            {body}
          </Box>
          {full ? <NextCommands next={next} width={width} /> : null}
        </Box>
        {side && board ? <SessionsPanel board={board} own={own} receivedAt={snapshot.receivedAt} width={side - 1} height={height - 5} /> : null}
      </Box>
      <Prompt
        prompt={prompt}
        label={label}
        hint={label ? null : hint(catalogue, prompt.text)}
        error={error}
        notice={state.notice}
        running={state.running}
        waiting={state.queue.length}
        checking={state.checking}
        width={columns}
      />
      {/* A dialog's own keys come first; an alert waits on the header until it closes. */}
      <KeyBar keys={alerts.length && !dialog ? [ALERT_KEY, ...VIEW_KEYS[view]] : VIEW_KEYS[view]} alert={dialog ? null : (alerts.at(-1)?.text ?? null)} width={columns} />
    </Box>
  );
}
