import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, utimesSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { FragmentsError } from '../domain/errors.js';
import { homeFault } from './faults.js';
import { sweepLeftovers } from './leftovers.js';
import { describeHolder, isDead, thisProcess, type Holder } from './lock-holder.js';
import { stopPoint } from './stop-points.js';

/**
 * The home's cross-process lock: a folder `.lock` holding one file, named by
 * its holder's token, that says who holds it (pid, start time, host, command).
 *
 * It is taken by renaming a folder prepared with that file onto `.lock`: the
 * rename fails while another lock stands there (a folder that is not empty),
 * so the lock appears with its holder's name in one step. It is taken over
 * only from a holder that is dead (lock-holder.ts decides), never by age: a
 * holder stopped for minutes (Ctrl+Z, kill -STOP, a closed lid) keeps it, and
 * others wait, then fail saying who holds it. A dead lock is removed by
 * unlinking its holder's file by name and then the folder, both of which fail
 * once anyone else has touched it: only the very lock judged dead is ever
 * removed. Every step is synchronous, as the writes are.
 *
 * A freed lock goes to the waiter that has waited longest: each waiter's
 * prepared folder (`.lock.TOKEN`, beside the lock) says when it began, and a
 * waiter defers to the older ones (see waitersAhead). Deferring never
 * outlasts the waiter's own wait, and never the lock's guarantees: it only
 * decides who tries first.
 */
export const LOCK = '.lock';

/** How long a command waits for a live holder before it gives up (FRAGMENTS_LOCK_WAIT, in seconds, for scripts and tests). */
const WAIT_MS = 30_000;

/**
 * A waiter touches its folder's file at every look (a few times a second at
 * least); one silent for longer no longer keeps its place in line: its event
 * loop is blocked, its thread was ended, or it is stopped where /proc cannot
 * tell. Passing a waiter over costs it only its turn, never the lock.
 */
const SILENT_MS = 3000;

export interface HomeLock {
  /** Whether this process holds the lock still: checked before a commit writes anything. */
  held(): boolean;
  release(): void;
}

/** Lock files this process holds, and prepared folders of its waits under way: both go when it exits. */
const held = new Set<string>();
const waiting = new Set<string>();
let exitHook = false;

export async function lockHome(home: string, waitMs = waitFromEnv()): Promise<HomeLock> {
  const lockPath = join(home, LOCK);
  const me = thisProcess();
  const mine = join(lockPath, me.token);
  const prepared = join(home, `${LOCK}.${me.token}`);
  const record = join(prepared, me.token);
  const deadline = Date.now() + waitMs;
  let pause = 5;
  let tookOver = false;
  hookExit();
  waiting.add(prepared);
  try {
    mkdirSync(prepared, { mode: 0o700 });
    writeFileSync(record, JSON.stringify(me), { mode: 0o600 });
    stopPoint('queued');
    let ahead: string[] | null = null;
    let judge = true;
    // Written just now: the first look needs no touch to show this waiter alive.
    let touch = false;
    for (;;) {
      if (touch) {
        const now = new Date();
        utimesSync(record, now, now);
      }
      touch = true;
      if (Date.now() < deadline) {
        ahead = waitersAhead(home, me, ahead, judge, waitMs);
        if (ahead.length > 0) {
          // Woken when the waiter just ahead leaves; at the pause, to judge again whether those ahead still wait.
          judge = !(await changeOf(home, ahead.at(-1)!, pause));
          pause = Math.min(100, pause * 1.5);
          continue;
        }
      }
      if (take(prepared, lockPath)) break;
      const holder = holderOf(lockPath);
      // Released between the two looks: try again at once.
      if (holder === 'gone') continue;
      if (isDead(holder)) {
        removeDead(lockPath, holder);
        tookOver = true;
        continue;
      }
      if (Date.now() >= deadline) throw locked(home, holder, waitMs);
      await changeOf(home, LOCK, pause);
      pause = Math.min(100, pause * 1.5);
    }
  } catch (e) {
    rmSync(prepared, { recursive: true, force: true });
    throw e instanceof FragmentsError ? e : (homeFault(e, home) ?? e);
  } finally {
    waiting.delete(prepared);
  }
  held.add(mine);
  if (tookOver) sweepLeftovers(home);
  return {
    held: () => {
      try {
        return statSync(mine).isFile();
      } catch {
        return false;
      }
    },
    release: () => {
      held.delete(mine);
      free(mine);
    },
  };
}

function hookExit(): void {
  if (exitHook) return;
  exitHook = true;
  // A process that exits holding the lock (an uncaught error) frees it on the way out, and one that exits waiting leaves no waiter behind; a killed one is found dead.
  process.on('exit', () => {
    for (const path of held) free(path);
    for (const path of waiting) rmSync(path, { recursive: true, force: true });
  });
}

/**
 * The waiters that began to wait before this one and wait still, as their
 * prepared folders, oldest first. Without this order, a process that released
 * and asked again (a server under a busy agent) took the lock back before
 * waiters asleep in their backoff woke, time after time, and their waits made
 * the p95. A waiter is passed over when it is dead, stopped, silent (see
 * SILENT_MS), or has waited longer than this one would (it gave up, or is on a
 * host whose death cannot be seen from here): a waiter in line can hold up those behind it only while
 * it is alive, running and within a lock wait, and never past their own
 * deadline (lockHome stops deferring then). `judge` false: the waiter just
 * ahead has left, and only those seen ahead before can be ahead still (a
 * newcomer comes after), so which of them are still there is all there is to see.
 */
function waitersAhead(home: string, me: Holder, before: string[] | null, judge: boolean, waitMs: number): string[] {
  const here = new Set(readdirSync(home));
  if (before !== null && !judge) return before.filter((name) => here.has(name));
  const since = Date.parse(me.taken_at);
  const found: Holder[] = [];
  for (const name of before ?? here) {
    if (!name.startsWith(`${LOCK}.`) || name === `${LOCK}.${me.token}` || !here.has(name)) continue;
    const token = name.slice(LOCK.length + 1);
    let other: Holder;
    let touched: number;
    try {
      other = { ...(JSON.parse(readFileSync(join(home, name, token), 'utf8')) as Holder), token };
      touched = statSync(join(home, name, token)).mtimeMs;
    } catch {
      continue; // Still being written (so it began after this one), gone, or cut short by a kill.
    }
    const began = Date.parse(other.taken_at);
    const older = began < since || (began === since && token < me.token);
    if (older && since - began < waitMs && Date.now() - touched < SILENT_MS && !isDead(other, false) && other.state !== 'stopped') found.push(other);
  }
  return found.sort((a, b) => Date.parse(a.taken_at) - Date.parse(b.taken_at) || (a.token < b.token ? -1 : 1)).map((h) => `${LOCK}.${h.token}`);
}

/** Resolves true when the home's entry `name` changes, false after `ms`: a waiter sleeps until its turn may have come, not a fixed backoff. */
function changeOf(home: string, name: string, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    let watcher: FSWatcher | undefined;
    const done = (changed: boolean) => {
      clearTimeout(timer);
      watcher?.close();
      resolve(changed);
    };
    const timer = setTimeout(() => done(false), ms);
    try {
      watcher = watch(home, { persistent: false }, (_event, changed) => {
        if (typeof changed !== 'string' || changed === name) done(true);
      });
      // An error later (the home removed, no more watches): the pause alone.
      watcher.on('error', () => watcher?.close());
    } catch {
      // No watching here (no inotify watches left, a file system without): the pause alone.
    }
  });
}

function waitFromEnv(): number {
  const seconds = Number(process.env.FRAGMENTS_LOCK_WAIT);
  return process.env.FRAGMENTS_LOCK_WAIT && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : WAIT_MS;
}

/** Renames the prepared folder onto the lock; false while another lock stands there. */
function take(prepared: string, lockPath: string): boolean {
  try {
    renameSync(prepared, lockPath);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    if (code === 'ENOTDIR') throw new FragmentsError('HOME_LOCKED', `${lockPath} is a file, where Fragments keeps its lock folder. Move it away if no fragments process is running.`);
    throw e;
  }
}

/**
 * Who holds the lock: the one file in the lock folder. 'gone' when the lock
 * went meanwhile. A file that does not parse was cut short by a crash (it is
 * written whole before the lock appears), so its holder is dead.
 */
function holderOf(lockPath: string): Holder | 'gone' {
  let names: string[];
  try {
    names = readdirSync(lockPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  // Empty: a lock being removed, or an older Fragments' lock folder; the next rename replaces it.
  if (names.length === 0) return 'gone';
  const token = names[0]!;
  try {
    return { ...(JSON.parse(readFileSync(join(lockPath, token), 'utf8')) as Holder), token };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return { token, damaged: true } as Holder;
  }
}

/** Removes the lock of a dead holder, and nothing else: each step fails once the lock is another's. */
function removeDead(lockPath: string, holder: Holder): void {
  try {
    unlinkSync(join(lockPath, holder.token));
    rmdirSync(lockPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
  }
}

/** Frees a lock this process holds; a lock it no longer holds (its file gone) is left alone. */
function free(mine: string): void {
  try {
    unlinkSync(mine);
  } catch {
    return;
  }
  try {
    rmdirSync(join(mine, '..'));
  } catch {
    // Someone took a lock in the instant between: it is theirs now.
  }
}

function locked(home: string, holder: Holder, waitMs: number): FragmentsError {
  const advice =
    holder.state === 'stopped'
      ? `It is stopped: resume it (\`fg\` in its terminal, or \`kill -CONT ${holder.pid}\`) or end it, then run this again.`
      : 'It is still running: wait for it to finish, or end it, then run this again.';
  return new FragmentsError(
    'HOME_LOCKED',
    `The home ${home} is locked by ${describeHolder(holder)}; after waiting ${Math.round(waitMs / 1000)} s this command changed nothing. ${advice}`,
    { pid: holder.pid ?? null, command: holder.command ?? null, host: holder.host ?? null, stopped: holder.state === 'stopped' },
  );
}
