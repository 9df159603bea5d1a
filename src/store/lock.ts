import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FragmentsError } from '../domain/errors.js';
import { homeFault } from './faults.js';
import { sweepLeftovers } from './leftovers.js';
import { describeHolder, isDead, thisProcess, type Holder } from './lock-holder.js';

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
 */
export const LOCK = '.lock';

/** How long a command waits for a live holder before it gives up (FRAGMENTS_LOCK_WAIT, in seconds, for scripts and tests). */
const WAIT_MS = 30_000;

export interface HomeLock {
  /** Whether this process holds the lock still: checked before a commit writes anything. */
  held(): boolean;
  release(): void;
}

const held = new Set<string>();
let exitHook = false;

export async function lockHome(home: string, waitMs = waitFromEnv()): Promise<HomeLock> {
  const lockPath = join(home, LOCK);
  const me = thisProcess();
  const mine = join(lockPath, me.token);
  const prepared = join(home, `${LOCK}.${me.token}`);
  const deadline = Date.now() + waitMs;
  let pause = 5;
  let tookOver = false;
  try {
    mkdirSync(prepared, { mode: 0o700 });
    writeFileSync(join(prepared, me.token), JSON.stringify(me), { mode: 0o600 });
    for (;;) {
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
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(100, pause * 1.5);
    }
  } catch (e) {
    rmSync(prepared, { recursive: true, force: true });
    throw e instanceof FragmentsError ? e : (homeFault(e, home) ?? e);
  }
  held.add(mine);
  if (tookOver) sweepLeftovers(home);
  if (!exitHook) {
    exitHook = true;
    // A process that exits holding the lock (an uncaught error) frees it on the way out; a killed one is found dead.
    process.on('exit', () => {
      for (const path of held) free(path);
    });
  }
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
