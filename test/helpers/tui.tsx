import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach } from 'vitest';
import { catalogue } from '../../src/commands/catalogue.js';
import { execute } from '../../src/runner/execute.js';
import type { Ctx } from '../../src/runner/define.js';
import { HomeStore } from '../../src/store/home-store.js';
import { App } from '../../src/tui/App.js';
import { createLiveBoard, type LiveBoard } from '../../src/tui/live-board.js';
import { openSession } from '../../src/tui/open.js';
import { palettes } from '../../src/tui/palettes.js';
import { ScreenSettings, type Settings } from '../../src/tui/settings.js';
import { ROOT, tempHome } from './cli.js';
import { run } from './run.js';

export const KEY = {
  enter: '\r',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  esc: '\x1b',
  ctrlU: '\x15',
  ctrlW: '\x17',
  home: '\x1b[H',
  end: '\x1b[F',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  left: '\x1b[D',
  backspace: '\x7f',
  delete: '\x1b[3~',
  ctrlC: '\x03',
  ctrlY: '\x19',
  pasteStart: '\x1b[200~',
  pasteEnd: '\x1b[201~',
} as const;

const boards: LiveBoard[] = [];
const unmounts: (() => void)[] = [];
afterEach(() => {
  for (const u of unmounts.splice(0)) u();
  for (const b of boards.splice(0)) b.close();
});

/** A home with the example plan imported, or empty. */
export async function homeWith(plan: 'example' | 'empty'): Promise<{ home: string; ctx: Ctx }> {
  const home = tempHome('tui');
  const ctx: Ctx = { store: new HomeStore(home), face: 'tui', now: () => new Date() };
  if (plan === 'example') await run(ctx, 'import', { file: `${ROOT}/examples/sprint-plan.md` });
  return { home, ctx };
}

/** What the agent's process would do: the same home through a store of its own. */
export function agent(home: string): Ctx {
  return { store: new HomeStore(home), face: 'cli', now: () => new Date() };
}

/** A fake terminal of a given size, as ink-testing-library's but with rows (the App lays out to the height). */
class SizedStdout extends EventEmitter {
  frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
  };
  /** A bell is written alone and draws nothing: the frame on screen is the one before it. */
  lastFrame = () => this.frames.findLast((f) => f !== BELL);
  /** Rings of the bell so far. */
  bells = () => this.frames.filter((f) => f === BELL).length;
  /** The terminal changed size, as a real one says it. */
  resize(columns: number, rows: number) {
    Object.assign(this, { columns, rows });
    this.emit('resize');
  }
}

const BELL = '\x07';

/** A keyboard Ink can read: what `write` gets is the next chunk of input. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface Screen {
  lastFrame(): string | undefined;
  type(text: string): void;
  /** Polls the screen until `check` holds: never a fixed sleep. */
  waitFor(check: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Settles when the App has left (Ctrl+C, /quit); only for a screen opened with a size. */
  exited?: Promise<void>;
  /** How many times the bell rang; only for a screen opened with a size. */
  bells?: () => number;
  /** Gives the terminal a new size; only for a screen opened with a size. */
  resize?: (columns: number, rows: number) => void;
}

/** Sends a line as a person types it: the text, then Enter; resolves with the frame once `until` shows. */
export async function send(screen: Screen, line: string, until: string | RegExp, timeoutMs?: number): Promise<string> {
  screen.type(line);
  await screen.waitFor((f) => f.includes(line.slice(-12)));
  screen.type(KEY.enter);
  return screen.waitFor(until, timeoutMs);
}

async function poll(lastFrame: () => string | undefined, check: string | RegExp | ((f: string) => boolean), timeoutMs: number): Promise<string> {
  const test = typeof check === 'string' ? (f: string) => f.includes(check) : check instanceof RegExp ? (f: string) => check.test(f) : check;
  const started = Date.now();
  for (;;) {
    const frame = lastFrame() ?? '';
    if (test(frame)) return frame;
    if (Date.now() - started > timeoutMs) throw new Error(`The screen never showed ${String(check)}. Last frame:\n${frame}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The App on `ctx`'s home, as `fragments` opens it (`ctx.sessionKey` as
 * `--session KEY`): it takes its own session first, as the real one does.
 * `size` gives the terminal's columns and rows.
 */
export async function openApp(ctx: Ctx, size?: { columns: number; rows: number }, settings?: Partial<Settings>): Promise<Screen> {
  const live = createLiveBoard(
    (key) => execute(catalogue, { ...ctx, sessionKey: key ?? undefined }, 'board', {}),
    (onChange) => ctx.store.watch(onChange),
    ctx.sessionKey ?? null,
  );
  boards.push(live);
  const greeting = await openSession(catalogue, ctx, live);
  const app = <App catalogue={catalogue} ctx={ctx} home={ctx.store.home} live={live} greeting={greeting} />;
  const tree = settings ? <ScreenSettings.Provider value={{ palette: palettes.dark, bell: false, mouse: false, ...settings }}>{app}</ScreenSettings.Provider> : app;
  if (!size) {
    const screen = render(tree);
    unmounts.push(screen.unmount);
    return {
      lastFrame: screen.lastFrame,
      type: (text) => screen.stdin.write(text),
      waitFor: (check, timeoutMs = 5000) => poll(screen.lastFrame, check, timeoutMs),
    };
  }
  const stdout = new SizedStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const instance = inkRender(tree, { stdout: stdout as never, stdin: stdin as never, debug: true, exitOnCtrlC: false, patchConsole: false });
  unmounts.push(instance.unmount);
  return {
    lastFrame: stdout.lastFrame,
    type: (text) => stdin.write(text),
    waitFor: (check, timeoutMs = 5000) => poll(stdout.lastFrame, check, timeoutMs),
    exited: instance.waitUntilExit().then(() => undefined),
    bells: stdout.bells,
    resize: (columns, rows) => stdout.resize(columns, rows),
  };
}
