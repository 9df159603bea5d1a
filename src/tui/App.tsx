import { Box, Text, useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useRef } from 'react';
import type { Board } from '../core/board.js';
import { renderHuman } from '../commands/human.js';
import { parseLine, type Call } from '../commands/line.js';
import { execute, type Catalogue } from '../commands/runner.js';
import type { Ctx, Envelope } from '../commands/types.js';
import { FragmentsError } from '../domain/errors.js';
import { HEARTBEAT_SECONDS } from '../domain/session.js';
import { appReducer, initialApp, SUMMARY_FIELD } from './app-state.js';
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
import { helpLines } from './help.js';
import { keysOf } from './keys.js';
import { useHomeSnapshot } from './hooks/useHomeSnapshot.js';
import { useLatestReducer } from './hooks/useLatestReducer.js';
import { usePromptHistory } from './hooks/usePromptHistory.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import type { LiveBoard } from './live-board.js';
import { emptyPrompt, promptReducer } from './prompt-state.js';


export interface AppProps {
  catalogue: Catalogue;
  /** The context every command of this screen runs in: face `tui`, the home's current session. */
  ctx: Ctx;
  home: string;
  live: LiveBoard;
  /** What opening the screen did, e.g. started a session. */
  greeting?: string | null;
}

const QUIT = new Set(['/quit', '/exit', '/q', 'quit', 'exit']);
const HELP = new Set(['/help', '/?', '?', 'help']);
/** Lines every screen needs besides the activity: header 1, sprint 2, task 4, next 2, prompt with hint and status 3. */
const FIXED_ROWS = 12;
/** Below this the screen keeps the header, one panel and the prompt. */
const FULL_ROWS = FIXED_ROWS + 2;
/** Below this there is no room for a useful screen. */
const MIN = { columns: 30, rows: 8 };

/** `/update "…"` as a line to edit: the placeholder goes, the cursor stands where it was. */
function editable(command: string): { text: string; cursor: number } {
  const at = command.search(/"…"|'…'|…/);
  if (at === -1) return { text: `${command} `, cursor: command.length + 1 };
  const text = command.replace(/"…"|'…'|…/, '');
  return { text, cursor: at };
}

export function App({ catalogue, ctx, home, live, greeting = null }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const snapshot = useHomeSnapshot(live);
  const board = (snapshot.envelope?.data ?? null) as Board | null;
  const [promptRef, edit] = useLatestReducer(promptReducer, emptyPrompt);
  const [stateRef, dispatch] = useLatestReducer(appReducer, { ...initialApp, notice: greeting });
  const prompt = promptRef.current;
  const state = stateRef.current;
  const history = usePromptHistory(home);

  // One line short of the terminal: a frame as tall as the screen makes Ink clear it on every redraw.
  const height = rows - 1;
  const width = columns;
  const full = height >= FULL_ROWS;
  const bodyHeight = full ? height - FIXED_ROWS : height - 4;

  // What the session's newest activity came from: when another face acted last, its state's advice is the news.
  const seen = useRef<{ key: string | null; activity: number; watching: string | null }>({ key: board?.session_key ?? null, activity: board?.activities.at(-1)?.id ?? 0, watching: null });
  // The screen's own session: the one its commands go to, whatever it is watching.
  const own = useRef<string | null>(board?.session_key ?? null);
  if (!snapshot.watching && board) own.current = board.session_key;
  useEffect(() => {
    if (!board) return;
    const newest = board.activities.at(-1);
    const before = seen.current;
    if (before.watching !== snapshot.watching) {
      dispatch({ type: 'next', commands: snapshot.envelope?.instructions?.suggested_commands ?? [] });
    } else if (before.key !== board.session_key) {
      if (before.key !== null) {
        dispatch({ type: 'notice', text: board.session_key ? `Now following ${board.session_key}: the home's current session changed.` : `${before.key} is no longer open: /session-start begins a new session.` });
      }
      dispatch({ type: 'next', commands: snapshot.envelope?.instructions?.suggested_commands ?? [] });
    } else if (newest && newest.id > before.activity && newest.source !== 'tui') {
      dispatch({ type: 'next', commands: snapshot.envelope?.instructions?.suggested_commands ?? [] });
    }
    // Scrolled back, the view stays on the lines being read while new ones arrive below.
    const arrived = board.activities.filter((a) => a.id > before.activity).length;
    if (before.key === board.session_key && arrived > 0 && stateRef.current.scroll > 0) {
      dispatch({ type: 'scroll', by: arrived, max: Math.max(0, board.activities.length - (bodyHeight - 1)) });
    }
    seen.current = { key: board.session_key, activity: newest?.id ?? 0, watching: snapshot.watching };
  }, [snapshot]);

  useEffect(() => {
    if (snapshot.envelope) dispatch({ type: 'next', commands: snapshot.envelope.instructions?.suggested_commands ?? [] });
  }, []);

  // SPEC 6: while a task's timer runs, a heartbeat every 30 s bounds what a crash can cost.
  const beating = board?.task?.timer_running === true && snapshot.watching === null;
  useEffect(() => {
    if (!beating) return;
    const beat = () => void execute(catalogue, ctx, 'session:heartbeat', {}).catch(() => undefined);
    beat();
    const id = setInterval(beat, HEARTBEAT_SECONDS * 1000);
    return () => clearInterval(id);
  }, [beating, catalogue, ctx]);

  const run = useCallback(
    async (call: Call): Promise<Envelope | null> => {
      dispatch({ type: 'sent' });
      try {
        const checking = (command: string) => dispatch({ type: 'checking', check: { command, since: Date.now() } });
        const envelope = await execute(catalogue, { ...ctx, checking }, call.name, call.args);
        const command = catalogue.find(call.name);
        const shows = envelope.success && command !== undefined && command.tx !== 'write';
        const output = shows ? renderHuman(envelope, false).out.replace(/\n$/, '').split('\n') : undefined;
        dispatch({ type: 'result', call, envelope, ...(output ? { output } : {}) });
        // Taking a watched session over makes it this screen's own.
        if (call.name === 'session:switch' && envelope.success) void live.watch(null);
        else void live.refresh();
        return envelope;
      } catch (e) {
        dispatch({ type: 'crashed', message: `Unexpected failure: ${(e as Error).message}` });
        return null;
      }
    },
    [catalogue, ctx, live],
  );

  const submit = async () => {
    const line = promptRef.current.text.trim();
    const dialog = stateRef.current.dialog;
    if (dialog?.kind === 'summary') {
      if (!line) return;
      // The summary is kept on the task even when another check still fails, so the line has done its job.
      edit({ type: 'set', text: '' });
      await run({ ...dialog.call, args: { ...dialog.call.args, [dialog.field]: line } });
      return;
    }
    if (!line) return;
    history.add(line);
    const word = line.split(/\s+/)[0]!.toLowerCase();
    if (QUIT.has(line.toLowerCase())) return exit();
    if (word === '/sessions' && line.split(/\s+/).length === 1) {
      edit({ type: 'set', text: '' });
      const at = board?.open_sessions.findIndex((o) => o.key === board.session_key) ?? 0;
      dispatch({ type: 'dialog', dialog: { kind: 'sessions', selected: Math.max(0, at) } });
      return;
    }
    if (HELP.has(word) && line.split(/\s+/).length === 1) {
      edit({ type: 'set', text: '' });
      dispatch({ type: 'dialog', dialog: { kind: 'help' } });
      return;
    }
    let call: Call | null;
    try {
      call = parseLine(catalogue, line);
    } catch (e) {
      if (!(e instanceof FragmentsError)) throw e;
      dispatch({ type: 'error', text: e.message });
      return;
    }
    if (!call) return;
    const preview = catalogue.find(call.name)?.preview;
    if (preview && call.args[preview] !== true) return showPreview(call, preview, line);
    const envelope = await run(call);
    // Only the line that was sent goes: text typed while it ran stays.
    if (envelope?.success && promptRef.current.text.trim() === line) edit({ type: 'set', text: '' });
  };

  /** A command that previews itself (`/import FILE`): its dry run first, then Enter runs it for real. */
  const showPreview = async (call: Call, flag: string, line: string) => {
    const dry = await run({ ...call, args: { ...call.args, [flag]: true } });
    if (!dry?.success) return;
    const lines = renderHuman(dry, false).out.replace(/\n$/, '').split('\n');
    dispatch({ type: 'dialog', dialog: { kind: 'preview', call, lines } });
    if (promptRef.current.text.trim() === line) edit({ type: 'set', text: '' });
  };

  const onDialogKey = (input: string, key: Key): boolean => {
    const dialog = stateRef.current.dialog;
    if (!dialog) return false;
    const close = () => dispatch({ type: 'dialog', dialog: null });
    switch (dialog.kind) {
      case 'check': {
        if (input === '1' && dialog.field) {
          edit({ type: 'set', text: '' });
          dispatch({ type: 'dialog', dialog: { ...dialog, kind: 'summary', field: dialog.field } });
        } else if (input === '2') {
          void run({ ...dialog.call, args: { ...dialog.call.args, force: true } }).then((e) => e?.success && edit({ type: 'set', text: '' }));
        } else if (input === '3' || key.escape) {
          close();
          dispatch({ type: 'notice', text: 'Kept working: nothing changed.' });
        }
        return true;
      }
      case 'estimate': {
        close();
        if (input === 'y' || input === 'Y') void run({ name: 'estimate', args: { duration: dialog.duration, task: dialog.task } });
        else dispatch({ type: 'notice', text: `Estimate of ${dialog.task} kept.` });
        return true;
      }
      case 'ended': {
        if (input === 'n') void run({ name: 'session:start', args: { new: true } });
        else if (key.return || input === 'q') exit();
        else {
          // Any other key goes back to the screen; Esc only that, the rest also to the prompt.
          close();
          return key.escape;
        }
        return true;
      }
      case 'summary': {
        if (!key.escape) return false;
        close();
        dispatch({ type: 'notice', text: 'Kept working: nothing changed.' });
        return true;
      }
      case 'sessions': {
        const rows = board?.open_sessions ?? [];
        if (key.upArrow || key.downArrow) {
          const selected = Math.min(Math.max(0, dialog.selected + (key.upArrow ? -1 : 1)), Math.max(0, rows.length - 1));
          dispatch({ type: 'dialog', dialog: { kind: 'sessions', selected } });
        } else if (key.return) {
          const chosen = rows[dialog.selected]?.key ?? null;
          close();
          const mine = chosen === null || chosen === own.current;
          void live.watch(mine ? null : chosen);
          dispatch({
            type: 'notice',
            text: mine ? `Back on ${own.current ?? 'this screen’s session'}.` : `Watching ${chosen} read-only; commands still go to ${own.current}. /session-switch ${chosen} takes it over, Esc comes back.`,
          });
        } else if (key.escape) close();
        else return false;
        return true;
      }
      case 'preview':
        // PreviewDialog takes its own keys.
        return true;
      case 'help':
      case 'output': {
        const lines = dialog.kind === 'help' ? helpLines(catalogue).length : dialog.lines.length;
        const max = Math.max(0, lines - (bodyHeight - 1));
        const page = Math.max(1, bodyHeight - 2);
        if (key.upArrow) dispatch({ type: 'panel', by: -1, max });
        else if (key.downArrow) dispatch({ type: 'panel', by: 1, max });
        else if (key.pageUp) dispatch({ type: 'panel', by: -page, max });
        else if (key.pageDown) dispatch({ type: 'panel', by: page, max });
        else if (key.escape || (promptRef.current.text === '' && (input === 'q' || input === '?'))) close();
        else {
          // Enter closes the panel and sends what was typed meanwhile.
          if (key.return) close();
          return false;
        }
        return true;
      }
    }
  };

  useInput((input, key) => {
    const state = stateRef.current;
    const prompt = promptRef.current;
    if (key.ctrl && input === 'c') return exit();
    // Bracketed paste: what arrives between the markers is text, whatever it holds.
    if (input === '[200~') return edit({ type: 'paste', on: true });
    if (input === '[201~') return edit({ type: 'paste', on: false });
    if (onDialogKey(input, key)) return;
    const escPending = state.escPending;
    if (escPending) dispatch({ type: 'esc', pending: false });
    const digit = /^[1-9]$/.test(input) ? Number(input) : 0;
    if (digit && (key.meta || escPending) && !key.escape) {
      const command = state.next[digit - 1];
      if (command) {
        const { text, cursor } = editable(command);
        edit({ type: 'set', text, cursor });
      }
      return;
    }
    if (key.escape) {
      if (snapshot.watching) {
        void live.watch(null);
        dispatch({ type: 'notice', text: `Back on ${own.current}.` });
      }
      return dispatch({ type: 'esc', pending: true });
    }
    if (key.pageUp || key.pageDown) {
      const max = Math.max(0, (board?.activities.length ?? 0) - (bodyHeight - 1));
      return dispatch({ type: 'scroll', by: (key.pageUp ? 1 : -1) * Math.max(1, bodyHeight - 2), max });
    }
    if (key.upArrow) return edit({ type: 'historyPrev', history: history.entries });
    if (key.downArrow) return edit({ type: 'historyNext', history: history.entries });
    if (key.tab) return completeWord();
    if (key.return) return void submit();
    if (key.backspace || key.delete) return edit({ type: 'backspace' });
    if (key.leftArrow) return edit({ type: 'left' });
    if (key.rightArrow) return edit({ type: 'right' });
    if (key.home || (key.ctrl && input === 'a')) return edit({ type: 'home' });
    if (key.end || (key.ctrl && input === 'e')) return edit({ type: 'end' });
    if (key.ctrl && input === 'u') return edit({ type: 'clear' });
    if (key.ctrl && input === 'w') return edit({ type: 'deleteWord' });
    if (key.ctrl || key.meta || input === '') return;
    if (input === '?' && prompt.text === '' && !state.dialog) return dispatch({ type: 'dialog', dialog: { kind: 'help' } });
    if (prompt.pasting || input.length === 1) return edit({ type: 'insert', text: input });
    // Several keys in one chunk: each does its job, in order.
    for (const k of keysOf(input)) {
      if (k.kind === 'text') edit({ type: 'insert', text: k.text });
      else if (k.kind === 'tab') completeWord();
      else if (k.kind === 'enter') void submit();
      else edit({ type: k.kind });
    }
  });

  function completeWord() {
    const prompt = promptRef.current;
    const sources = board?.codes ?? { tasks: [], sprints: [], sessions: [] };
    const { from, candidates } = complete(catalogue, prompt.text.slice(0, prompt.cursor), sources);
    edit({ type: 'complete', candidates, from });
  }

  const dialog = state.dialog;
  let body;
  if (dialog?.kind === 'check' || dialog?.kind === 'summary') {
    body = <CheckDialog failed={dialog.failed} field={dialog.field} what={dialog.call.name} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'estimate') {
    body = <EstimateDialog task={dialog.task} duration={dialog.duration} reason={dialog.reason} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'ended') {
    body = <SessionSummary summary={dialog.summary} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'sessions' && board) {
    body = <MissionControl board={board} own={own.current} selected={dialog.selected} receivedAt={snapshot.receivedAt} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'help') {
    body = <TextPanel title="Help" lines={helpLines(catalogue)} offset={state.panel} height={bodyHeight} width={width} />;
  } else if (dialog?.kind === 'preview') {
    const close = (confirmed: boolean) => {
      dispatch({ type: 'dialog', dialog: null });
      if (confirmed) void run(dialog.call);
      else dispatch({ type: 'notice', text: `${dialog.call.name} cancelled: nothing changed.` });
    };
    body = <PreviewDialog title={`${dialog.call.name} would do this`} lines={dialog.lines} height={bodyHeight} width={width} onConfirm={() => close(true)} onCancel={() => close(false)} />;
  } else if (dialog?.kind === 'output') {
    body = <TextPanel title={dialog.title} lines={dialog.lines} offset={state.panel} height={bodyHeight} width={width} />;
  } else if (full) {
    body = <ActivityFeed activities={board?.activities ?? []} height={bodyHeight} width={width} scroll={state.scroll} />;
  } else {
    body = <TaskPanel board={board} width={width} receivedAt={snapshot.receivedAt} />;
  }
  const label = dialog?.kind === 'summary' ? `${SUMMARY_FIELD[dialog.call.name] === 'retrospective' ? 'Retrospective' : 'Summary'} (Esc cancels)` : null;
  const error = state.error ?? snapshot.error?.message ?? null;
  if (columns < MIN.columns || rows - 1 < MIN.rows) {
    return (
      <Text>
        Fragments needs {MIN.columns}×{MIN.rows + 1} at least; this terminal is {columns}×{rows}.
      </Text>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Header board={board} home={home} width={width} receivedAt={snapshot.receivedAt} watching={snapshot.watching !== null} />
      {full ? <SprintPanel board={board} width={width} receivedAt={snapshot.receivedAt} /> : null}
      {full ? <TaskPanel board={board} width={width} receivedAt={snapshot.receivedAt} /> : null}
      <Box height={bodyHeight} flexDirection="column" overflow="hidden">
        {body}
      </Box>
      {full ? <NextCommands next={state.next} width={width} /> : null}
      <Prompt
        prompt={prompt}
        label={label}
        hint={label ? null : hint(catalogue, prompt.text)}
        error={error}
        notice={state.notice}
        busy={state.busy}
        checking={state.checking}
        width={width}
      />
    </Box>
  );
}
