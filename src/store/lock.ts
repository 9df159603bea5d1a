import { mkdirSync, realpathSync, rmdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { FragmentsError } from '../domain/errors.js';
import { homeFault } from './faults.js';
import { clearDeadLock, forgetOwner, recordOwner } from './lock-owner.js';

/**
 * The home's cross-process lock. A holder killed mid-transaction leaves the
 * lock behind: when its recorded holder is dead it is taken over at once (see
 * lock-owner.ts); else it counts as stale once not refreshed for STALE_MS.
 */
const STALE_MS = 3000;
const WAIT = { retries: 400, minTimeout: 5, maxTimeout: 60, factor: 1.3, randomize: true };

export async function lockHome(home: string): Promise<() => Promise<void>> {
  // Loaded here, not at the top: it pulls in graceful-fs, signal-exit, assert and
  // streams (~4 ms of start-up), and a command that only reads never locks.
  const { default: lockfile } = await import('proper-lockfile');
  const lockfilePath = join(home, '.lock');
  const options = { lockfilePath, realpath: false, stale: STALE_MS, update: 1000 };
  try {
    let release: () => unknown;
    try {
      // A free lock is taken synchronously, as the files are written: each trip
      // through the thread pool costs a command more than the call itself.
      // Given only the calls it makes: its sync API copies whatever fs it gets
      // with a spread, and a spread of node:fs loads node:fs/promises (~1 ms).
      release = lockfile.lockSync(home, { ...options, fs: { mkdirSync, realpathSync, rmdirSync, statSync, utimesSync } });
    } catch (e) {
      // proper-lockfile retries whatever the error, so waiting is only for a lock that someone holds:
      // a home this user may not write fails at once, with its own fix.
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      await clearDeadLock(home, lockfilePath).catch(() => false);
      release = await lockfile.lock(home, { ...options, retries: WAIT });
    }
    recordOwner(home, lockfilePath);
    return async () => {
      forgetOwner(home);
      await release();
    };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw homeFault(e, home) ?? e;
    throw new FragmentsError(
      'HOME_LOCKED',
      `Could not lock ${home}: ${(e as Error).message}. Another fragments process holds it; if none is running, remove ${lockfilePath}.`,
    );
  }
}
