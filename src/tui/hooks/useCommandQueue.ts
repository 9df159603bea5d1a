import { useRef, type RefObject } from 'react';
import type { Answer, CommandCatalogue } from '../../commands/catalogue.js';
import type { Board } from '../../core/board.js';
import { FragmentsError, unexpectedFailure } from '../../domain/errors.js';
import { renderHuman } from '../../render/human.js';
import { parseLine, type Call } from '../../syntax/line.js';
import { ASKING, opensCheck, type AppAction, type AppState, type Queued } from '../app-state.js';
import type { Execute } from '../executor.js';
import type { LiveBoard } from '../live-board.js';
import type { PromptAction, PromptState } from '../prompt-state.js';
import { plainTextCall } from '../plain-text.js';
import { screenCommand, type ScreenActions } from '../screen-commands.js';

interface Queue {
  catalogue: CommandCatalogue;
  command: Execute;
  live: LiveBoard;
  state: RefObject<AppState>;
  dispatch(action: AppAction): void;
  prompt: RefObject<PromptState>;
  edit(action: PromptAction): void;
  screen: Pick<ScreenActions, 'exit' | 'open' | 'board'>;
}

/**
 * The lines sent from the prompt and the calls dialogs make, run one at a
 * time in the order sent; a dialog asking a question holds the rest until it
 * is answered. `send` hands one over; `pump` lets waiting lines run once a
 * dialog is answered.
 */
export function useCommandQueue({ catalogue, command, live, state, dispatch, prompt, edit, screen }: Queue): { send(item: Queued, first?: boolean): void; pump(): Promise<void> } {
  /** A failed line goes back into the prompt only when nothing was typed there meanwhile: type-ahead is never overwritten. */
  const mayPutBack = () => prompt.current.text === '' && state.current.queue.length === 0;
  const failed = (message: string, line: string, putBack: boolean) => {
    dispatch({ type: 'failed', message, line, putBack });
    if (putBack) edit({ type: 'set', text: line });
  };
  const unexpected = (e: unknown, line: string) => failed(unexpectedFailure(e).message, line, false);

  /** Runs one call in the screen's own session (the home's current one once it ended) and shows what it answered. */
  const run = async (call: Call, line: string): Promise<void> => {
    try {
      const checking = (command: string) => dispatch({ type: 'checking', check: { command, since: Date.now() } });
      const entry = catalogue.find(call.name);
      const shown = (live.getSnapshot().envelope?.data as Board | undefined)?.session_key ?? null;
      if (live.ownKey() === null && shown !== null && entry?.tx === 'write' && !entry.takesUp) {
        // What the developer types never lands in a session that is not theirs without their word.
        return failed(`${shown} is not yours: /session-start starts yours, /session-switch ${shown} takes it over.`, line, mayPutBack());
      }
      await answered(call, line, await command(live.ownKey(), call.name, call.args, checking));
    } catch (e) {
      unexpected(e, line);
    }
  };

  /** Shows what a command answered; a success that takes a session up makes it this screen's own. */
  const answered = async (call: Call, line: string, envelope: Answer): Promise<void> => {
    const entry = catalogue.find(call.name);
    try {
      const shows = envelope.success && entry !== undefined && entry.tx !== 'write';
      const output = shows ? renderHuman(envelope, false).out.replace(/\n$/, '').split('\n') : undefined;
      const putBack = !envelope.success && !opensCheck(entry?.closes, call, envelope) && mayPutBack() && !call.args.force;
      dispatch({ type: 'result', call, ...(entry?.closes ? { closes: entry.closes } : {}), envelope, ...(output ? { output } : {}), line, putBack });
      if (putBack) edit({ type: 'set', text: line });
      // Starting, resuming or switching to a session makes it this screen's own; nothing else moves the screen.
      if (envelope.success && entry?.takesUp && envelope.session_key && envelope.session_key !== live.ownKey()) await live.own(envelope.session_key);
      else await live.refresh();
    } catch (e) {
      unexpected(e, line);
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
      return unexpected(e, line);
    }
    if (!envelope.success) return answered(dry, line, envelope);
    const lines = renderHuman(envelope, false).out.replace(/\n$/, '').split('\n');
    dispatch({ type: 'dialog', dialog: { kind: 'preview', call, line, lines } });
  };

  /** What a sent line does: a command of the screen (/quit, /help, /sessions), or one of the catalogue. */
  const handle = async ({ line, call }: Queued): Promise<void> => {
    if (call) return run(call, line);
    const own = screenCommand(line);
    if (own) return own.run({ ...screen, read: (name) => command(live.ownKey(), name, {}), failed: (message) => failed(message, line, false) });
    if (!line.startsWith('/')) return run(plainTextCall(line, screen.board()), line);
    let parsed: Call | null;
    try {
      parsed = parseLine(catalogue, line);
    } catch (e) {
      if (!(e instanceof FragmentsError)) throw e;
      return failed(e.message, line, mayPutBack());
    }
    if (parsed) await runOrPreview(parsed, line);
  };

  const pumping = useRef(false);
  const pump = async () => {
    if (pumping.current) return;
    pumping.current = true;
    try {
      for (;;) {
        const { queue, dialog } = state.current;
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

  const send = (item: Queued, first = false) => {
    dispatch({ type: 'enqueue', item, first });
    void pump();
  };
  return { send, pump };
}
