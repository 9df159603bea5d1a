import { Box, Text, useApp } from 'ink';
import { useMemo } from 'react';
import type { CommandCatalogue } from '../commands/catalogue.js';
import type { Board } from '../core/board.js';
import type { Ctx } from '../runner/define.js';
import { adviceOf, appReducer, initialApp } from './app-state.js';
import { ActivityFeed } from './components/ActivityFeed.js';
import { CompletionMenu, menuRows } from './components/CompletionMenu.js';
import { DialogBody } from './components/DialogBody.js';
import { Header } from './components/Header.js';
import { NextCommands } from './components/NextCommands.js';
import { Prompt } from './components/Prompt.js';
import { SprintPanel } from './components/SprintPanel.js';
import { TaskPanel } from './components/TaskPanel.js';
import { hint } from './completion.js';
import { dialogKey } from './dialogs/index.js';
import { feedLines } from './feed.js';
import { useCodes } from './hooks/useCodes.js';
import { useCommandQueue } from './hooks/useCommandQueue.js';
import { useHeartbeat } from './hooks/useHeartbeat.js';
import { useHomeSnapshot } from './hooks/useHomeSnapshot.js';
import { useKeys } from './hooks/useKeys.js';
import { useLatestReducer } from './hooks/useLatestReducer.js';
import { usePromptHistory } from './hooks/usePromptHistory.js';
import { usePromptKeys } from './hooks/usePromptKeys.js';
import { useSessionFollowing } from './hooks/useSessionFollowing.js';
import { useTaskBoardRefresh } from './hooks/useTaskBoardRefresh.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { layoutOf, MIN } from './layout.js';
import { useAlerts } from './hooks/useAlerts.js';
import { useMouse } from './hooks/useMouse.js';
import { useReloadEvery } from './hooks/useReloadEvery.js';
import { KeyBar } from './components/KeyBar.js';
import { SessionsPanel, sessionAtRow } from './components/SessionsPanel.js';
import { watchSession } from './dialogs/sessions.js';
import { ALERT_KEY, VIEW_KEYS, type View } from './key-bar.js';
import type { KeyPress } from './keys.js';
import { placeholder } from './plain-text.js';
import type { LiveBoard } from './live-board.js';
import { emptyPrompt, menuOf, promptReducer } from './prompt-state.js';
import { inProcess, type Execute } from './executor.js';

/** A view's keys after the one that says an alert was seen: the same list for every frame of that view. */
const alertKeys = new Map<View, (typeof VIEW_KEYS)[View]>();
const withAlert = (view: View) => alertKeys.get(view) ?? alertKeys.set(view, [ALERT_KEY, ...VIEW_KEYS[view]]).get(view)!;

/** Lines one notch of the mouse wheel scrolls. */
const WHEEL_LINES = 3;
/** Views where the wheel is ↑/↓: those that scroll or move a cursor; a dialog asking a question takes no wheel. */
const WHEEL_SCROLLS = new Set<View>(['help', 'output', 'preview', 'tasks', 'feed', 'detail', 'sessions']);

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

/** The screen: header, sprint, task, the activity or a dialog, the next commands, the prompt. Keys go to the open dialog first, then the prompt. */
export function App({ catalogue, ctx, home, live, greeting = null, commands }: AppProps) {
  const { exit } = useApp();
  const command = useMemo(() => commands ?? inProcess(catalogue, ctx), [commands, catalogue, ctx]);
  const { columns, rows } = useTerminalSize();
  const snapshot = useHomeSnapshot(live);
  const board = (snapshot.envelope?.data ?? null) as Board | null;
  const { own, watching, receivedAt } = snapshot;
  const [promptRef, edit] = useLatestReducer(promptReducer, emptyPrompt);
  const [summaryRef, editSummary] = useLatestReducer(promptReducer, emptyPrompt);
  const [stateRef, dispatch] = useLatestReducer(appReducer, { ...initialApp, notice: greeting, adviceFor: adviceOf(snapshot.envelope), next: snapshot.envelope?.instructions?.suggested_commands ?? [] });
  const state = stateRef.current;
  const history = usePromptHistory(home);
  // On a wide terminal mission control stands beside the work (`side` columns), which keeps `width`.
  const { width, side, height, full, bodyHeight, middle } = layoutOf(columns, rows);
  const feed = useMemo(() => feedLines(board?.activities ?? [], board?.others ?? []), [board]);
  const feedRows = bodyHeight - 1;
  const following = useSessionFollowing({ snapshot, live, state: stateRef, dispatch, feedLines: feed.length, feedRows });
  // Watching or following another session, the things to do there are to take it over or to start one's own.
  const next = useMemo(() => (watching ? [`/session-switch ${watching}`] : following ? ['/session-start', `/session-switch ${following}`] : state.next), [watching, following, state.next]);
  useHeartbeat(command, own, board?.task?.timer_running === true && watching === null);
  useTaskBoardRefresh(command, snapshot, stateRef, dispatch);

  const screen = { exit, open: (dialog: NonNullable<typeof state.dialog>) => dispatch({ type: 'dialog', dialog }), board: () => (live.getSnapshot().envelope?.data as Board | undefined) ?? null };
  const { send, pump } = useCommandQueue({ catalogue, command, live, state: stateRef, dispatch, prompt: promptRef, edit, screen });
  const codes = useCodes(command, live);
  const promptKey = usePromptKeys({ catalogue, board, live, codes, own, watching, state: stateRef, dispatch, prompt: promptRef, edit, history, next, feedLines: full ? feed.length : 0, feedRows, send });
  /** A key's job; the promise of one that waits (Tab reading the codes), which the keys after it wait for. */
  const onKey = (key: KeyPress): Promise<void> | void => {
    if (key.kind === 'quit') return exit();
    if (key.kind === 'pasteStart' || key.kind === 'pasteEnd') return;
    const dialog = stateRef.current.dialog;
    const empty = promptRef.current.text === '';
    const read = (name: string, args: Record<string, unknown>) => command(live.ownKey(), name, args);
    const dialogScreen = { catalogue, board, live, own, empty, height: bodyHeight, width, summary: summaryRef.current.text, editSummary, edit, dispatch, send, exit, feed, read };
    const waits = !dialog || !dialogKey(dialog, key, dialogScreen) ? promptKey(key) : undefined;
    // A dialog just answered may let the lines typed meanwhile run.
    void pump();
    return waits;
  };
  useKeys(onKey);
  const alerts = useAlerts(board, own, state.dialog?.kind === 'sessions');
  useReloadEvery(live, 60);
  useMouse((event) => {
    if (event.kind === 'click') {
      // Row 1 is the header, row 2 the panel's title.
      const chosen = board && side && event.x > width ? sessionAtRow(board, event.y - 2) : null;
      if (chosen) watchSession({ live, own, dispatch }, chosen);
      return;
    }
    const dialog = stateRef.current.dialog;
    // In a view that scrolls, a notch is arrow presses; elsewhere (a question asked) the wheel does nothing.
    if (dialog && WHEEL_SCROLLS.has(dialog.kind)) for (let i = 0; i < WHEEL_LINES; i++) onKey({ kind: event.by < 0 ? 'up' : 'down' });
    else if (!dialog && full) dispatch({ type: 'scroll', by: -event.by * WHEEL_LINES, max: Math.max(0, feed.length - feedRows) });
  });

  if (columns < MIN.columns || rows - 1 < MIN.rows) {
    return (
      <Text>
        Fragments needs {MIN.columns}×{MIN.rows + 1} at least; this terminal is {columns}×{rows}.
      </Text>
    );
  }
  const dialog = state.dialog && (state.dialog.kind !== 'sessions' || board) ? state.dialog : null;
  const summarising = dialog?.kind === 'summary';
  const label = summarising ? `${dialog.field === 'retrospective' ? 'Retrospective' : 'Summary'} (Esc cancels)` : null;
  const prompt = summarising ? summaryRef.current : promptRef.current;
  const menu = menuOf(prompt);
  // The menu stands at the foot of the body, right above the prompt; what it covers is only shortened.
  const menuHeight = menuRows(menu, bodyHeight - 2);
  const rest = bodyHeight - menuHeight;
  const view: View = dialog?.kind ?? (menu ? 'menu' : prompt.search ? 'search' : watching ? 'watching' : 'prompt');
  return (
    // Clipped top to bottom only: every line is cut to its width by its own Text (or its row, where a part does not shrink), and a
    // horizontal clip here would make Ink slice every line of every frame again, most of a frame's cost.
    <Box flexDirection="column" width={columns} height={height} overflowY="hidden">
      <Header board={board} home={home} width={columns} receivedAt={receivedAt} mode={watching ? 'watching' : following ? 'following' : 'own'} alerts={alerts.length} />
      <Box width={columns} height={middle}>
        <Box flexDirection="column" width={width} overflowY="hidden">
          {full ? <SprintPanel board={board} width={width} receivedAt={receivedAt} /> : null}
          {full ? <TaskPanel board={board} width={width} receivedAt={receivedAt} /> : null}
          <Box height={bodyHeight} flexDirection="column" overflowY="hidden">
            {dialog && dialog.kind !== 'feed' ? (
              <DialogBody dialog={dialog} catalogue={catalogue} board={board} own={own} receivedAt={receivedAt} offset={state.panel} height={rest} width={width} />
            ) : full ? (
              <ActivityFeed lines={feed} height={rest} width={width} scroll={state.scroll} selected={dialog?.kind === 'feed' ? dialog.at : undefined} />
            ) : (
              <TaskPanel board={board} width={width} receivedAt={receivedAt} />
            )}
            {menu && menuHeight > 1 ? <CompletionMenu menu={menu} height={menuHeight} width={width} /> : null}
          </Box>
          {full ? <NextCommands next={next} width={width} /> : null}
        </Box>
        {side && board ? <SessionsPanel board={board} own={own} receivedAt={receivedAt} width={side - 1} height={middle} /> : null}
      </Box>
      <Prompt
        prompt={prompt}
        label={label}
        hint={label ? null : hint(catalogue, prompt.text)}
        placeholder={placeholder(board)}
        search={prompt.search && { query: prompt.search.query, found: prompt.search.match === null ? null : (history.entries[prompt.search.match] ?? null) }}
        error={state.error ?? snapshot.error?.message ?? null}
        notice={state.notice}
        running={state.running}
        waiting={state.queue.length}
        checking={state.checking}
        width={columns}
      />
      {/* A dialog's own keys come first; an alert waits on the header until it closes. */}
      <KeyBar keys={alerts.length && !dialog ? withAlert(view) : VIEW_KEYS[view]} alert={dialog ? null : (alerts.at(-1)?.text ?? null)} width={columns} />
    </Box>
  );
}
