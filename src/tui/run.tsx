import { format } from 'node:util';
import { render } from 'ink';
import { catalogue } from '../commands/catalogue.js';
import { execute } from '../runner/execute.js';
import type { Ctx } from '../runner/define.js';
import type { Store } from '../store/store.js';
import { isOpen } from '../core/session.js';
import { App } from './App.js';
import { createLiveBoard } from './live-board.js';
import { openSession } from './open.js';
import { inWorker } from './executor.js';
import { chooseSettings, ScreenSettings } from './settings.js';
import { askTerminalBackground } from './terminal-background.js';

// Alternate screen, bracketed paste; and back: paste off, main screen, cursor shown.
const ENTER = '\x1b[?1049h\x1b[?2004h';
// Mouse buttons and wheel, reported in SGR form (any column, unambiguous); off on every way out, asked for or not.
const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';
const LEAVE = '\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[?1049l\x1b[?25h';

interface Options {
  store: Store;
  /** Where the store is, for the command thread to open its own. */
  location: { home: string; url?: string | undefined; user?: string | undefined };
  now: () => Date;
  /** `--session KEY`: the screen's own session, instead of the developer's open one. */
  sessionKey?: string | undefined;
  /** Said on the main screen after leaving, e.g. where a demo home was. */
  farewell?: string;
  /** The command thread's module (`command-worker`, built beside the entry): commands run there, and the screen never freezes. */
  commandThread?: URL;
  /**
   * `fragments demo`: a throwaway copy of the example home, shown as it is. The
   * screen opens on its current session, whoever's it is, and nothing in it is
   * left to pick up once the screen closes (the copy is removed).
   */
  demo?: boolean;
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
export async function openTui({ store, location, now, sessionKey, farewell, demo = false, commandThread }: Options): Promise<void> {
  // The developer types into the prompt: a check command may run, in the folder the TUI was opened in.
  const ctx: Ctx = { store, face: 'tui', now, sessionKey, cwd: process.cwd(), byDeveloper: true };
  const live = createLiveBoard(
    (key) => execute(catalogue, { ...ctx, sessionKey: key ?? undefined }, 'board', {}),
    (onChange) => store.watch(onChange),
    sessionKey ?? null,
  );
  const greeting = await openSession(catalogue, ctx, live, demo);
  // Asked before the screen takes the keyboard: the answer to the background query arrives as input.
  const settings = await chooseSettings((await store.read((tx) => tx.config())).tui, process.env, () => askTerminalBackground(process.stdin, process.stdout), process.stdin.isTTY === true);
  const thread = commandThread ? inWorker(commandThread, { ...location, cwd: process.cwd(), pinnedNow: process.env.FRAGMENTS_NOW }) : null;

  let restored = false;
  const release = holdStrayOutput();
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(LEAVE);
    process.stderr.write(release());
  };
  process.stdout.write(settings.mouse ? ENTER + MOUSE_ON : ENTER);
  process.on('exit', restore);
  const app = render(
    <ScreenSettings.Provider value={settings}>
      <App catalogue={catalogue} ctx={ctx} home={store.home} live={live} greeting={greeting} {...(thread ? { commands: thread.execute } : {})} />
    </ScreenSettings.Provider>,
    {
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  // After the first frame: the thread's start-up must not delay it.
  if (thread) setImmediate(thread.start);
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
    await thread?.close();
    restore();
    for (const signal of Object.keys(CODES) as NodeJS.Signals[]) process.off(signal, leave);
  }
  const { envelope, own } = live.getSnapshot();
  const session = envelope?.data.session ?? null;
  const open = own !== null && session?.key === own && isOpen(session);
  // The demo's home is gone in a moment: offering to pick its session up would point at nothing.
  const left = demo ? null : open ? `${own} stays ${session.status}; \`fragments\` or \`fragments session:resume\` picks it up.` : 'No session of yours is open.';
  process.stdout.write(`${[left, farewell].filter(Boolean).join('\n')}\n`);
}
