import { format } from 'node:util';
import { render } from 'ink';
import { catalogue } from '../commands/catalogue.js';
import { execute } from '../commands/runner.js';
import type { Ctx } from '../commands/types.js';
import { formatSeconds } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import type { Store } from '../store/store.js';
import { watchHome } from '../store/watch.js';
import { App } from './App.js';
import { createLiveBoard, type LiveBoard } from './live-board.js';

// Alternate screen, bracketed paste; and back: paste off, main screen, cursor shown.
const ENTER = '\x1b[?1049h\x1b[?2004h';
const LEAVE = '\x1b[?2004l\x1b[?1049l\x1b[?25h';

interface Options {
  store: Store;
  now: () => Date;
  /** `--session KEY`: watch that session instead of the home's current one. */
  sessionKey?: string | undefined;
  /** Said on the main screen after leaving, e.g. where a demo home was. */
  farewell?: string;
}

/** What opening the screen does to the session: nothing when one is open, else start (or take up) one, and say so. */
async function openSession(ctx: Ctx, live: LiveBoard): Promise<string | null> {
  const { envelope: board, error } = live.getSnapshot();
  // Opening the screen on a home that is not there yet starts one, as session:start would.
  if (!board && error?.code === 'NO_HOME') return start(ctx, live, `in a new home at ${ctx.store.home}`);
  // A home that cannot be read (a damaged file, say) is said as any command says it, before the screen opens.
  if (!board) throw new FragmentsError(error?.code ?? 'INTERNAL', error?.message ?? 'The home could not be read.');
  const session = board.data.session as { key: string; status: string } | null;
  if (session?.status === 'paused') return `${session.key} is paused, so no time is counted: /session-resume goes on.`;
  if (session?.status === 'active' && board.data.dormant === true) {
    const resumed = await execute(catalogue, ctx, 'session:resume', {});
    if (!resumed.success) throw new FragmentsError(resumed.error!.code, resumed.error!.message);
    await live.refresh();
    return `${session.key} had been silent for ${formatSeconds(Number(board.data.silent_seconds))}: its time stopped when it was last heard from, and the gap is an interruption.`;
  }
  if (session?.status === 'active') return null;
  return start(ctx, live, 'there was no open session');
}

async function start(ctx: Ctx, live: LiveBoard, why: string): Promise<string> {
  const started = await execute(catalogue, ctx, 'session:start', {});
  if (!started.success) throw new FragmentsError(started.error!.code, started.error!.message);
  await live.refresh();
  return started.data.resumed ? `Took up ${started.session_key}, the latest open session.` : `Started ${started.session_key}: ${why}.`;
}

/**
 * Holds what anything would print while the screen is up (a library's
 * warning, a stray console.log), so nothing lands on top of the frame;
 * returns the function that gives it back, printed once the screen is gone.
 */
function holdStrayOutput(): () => string {
  const held: string[] = [];
  const write = process.stderr.write;
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  process.stderr.write = ((chunk: string | Uint8Array) => held.push(String(chunk)) > 0) as typeof process.stderr.write;
  for (const m of methods) console[m] = (...args: unknown[]) => void held.push(`${format(...args)}\n`);
  return () => {
    process.stderr.write = write;
    methods.forEach((m, i) => (console[m] = originals[i]!));
    return held.join('');
  };
}

/** The full-screen TUI on `store`'s home, until the user leaves. */
export async function openTui({ store, now, sessionKey, farewell }: Options): Promise<void> {
  // The developer types into the prompt: a check command may run, in the folder the TUI was opened in.
  const ctx: Ctx = { store, face: 'tui', now, sessionKey, cwd: process.cwd(), byDeveloper: true };
  const live = createLiveBoard(
    (watching) => execute(catalogue, watching ? { ...ctx, sessionKey: watching } : ctx, 'board', {}),
    (onChange) => watchHome(store.home, onChange),
  );
  await live.refresh();
  const greeting = await openSession(ctx, live);

  let restored = false;
  const release = holdStrayOutput();
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(LEAVE);
    process.stderr.write(release());
  };
  process.stdout.write(ENTER);
  process.on('exit', restore);
  const app = render(<App catalogue={catalogue} ctx={ctx} home={store.home} live={live} greeting={greeting} />, {
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
  const leave = (signal: NodeJS.Signals) => {
    app.unmount();
    restore();
    process.exit(CODES[signal] ?? 1);
  };
  // Ctrl+C arrives as a key in raw mode; `kill -INT` still comes as the signal.
  for (const signal of Object.keys(CODES) as NodeJS.Signals[]) process.once(signal, leave);
  try {
    await app.waitUntilExit();
  } finally {
    live.close();
    restore();
    for (const signal of Object.keys(CODES) as NodeJS.Signals[]) process.off(signal, leave);
  }
  const session = (live.getSnapshot().envelope?.data.session ?? null) as { key: string; status: string } | null;
  const left = session && session.status !== 'completed' ? `${session.key} stays ${session.status}; \`fragments\` or \`fragments session:resume\` picks it up.` : 'No session is open.';
  process.stdout.write(`${[left, farewell].filter(Boolean).join('\n')}\n`);
}
