import { join } from 'node:path';
import { FragmentsError } from '../domain/errors.js';
import { homeFault } from './faults.js';

/**
 * The home's cross-process lock. A holder killed mid-transaction leaves the
 * lock behind; it counts as stale once not refreshed for STALE_MS.
 */
const STALE_MS = 3000;
const WAIT = { retries: 400, minTimeout: 5, maxTimeout: 60, factor: 1.3, randomize: true };

export async function lockHome(home: string): Promise<() => Promise<void>> {
  // Loaded here, not at the top: it pulls in graceful-fs, signal-exit, assert and
  // streams (~4 ms of start-up), and a command that only reads never locks.
  const { default: lockfile } = await import('proper-lockfile');
  const lockfilePath = join(home, '.lock');
  const lock = (retries: number | typeof WAIT) => lockfile.lock(home, { lockfilePath, realpath: false, stale: STALE_MS, update: 1000, retries });
  try {
    // proper-lockfile retries whatever the error, so waiting is only for a lock that someone holds:
    // a home this user may not write fails at once, with its own fix.
    return await lock(0).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ELOCKED') throw e;
      return lock(WAIT);
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw homeFault(e, home) ?? e;
    throw new FragmentsError(
      'HOME_LOCKED',
      `Could not lock ${home}: ${(e as Error).message}. Another fragments process holds it; if none is running, remove ${lockfilePath}.`,
    );
  }
}
