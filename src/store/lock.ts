import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { FragmentsError } from '../domain/errors.js';

/**
 * The home's cross-process lock. A holder killed mid-transaction leaves the
 * lock behind; it counts as stale once not refreshed for STALE_MS.
 */
const STALE_MS = 3000;

export async function lockHome(home: string): Promise<() => Promise<void>> {
  const lockfilePath = join(home, '.lock');
  try {
    return await lockfile.lock(home, {
      lockfilePath,
      realpath: false,
      stale: STALE_MS,
      update: 1000,
      retries: { retries: 400, minTimeout: 5, maxTimeout: 60, factor: 1.3, randomize: true },
    });
  } catch (e) {
    throw new FragmentsError(
      'HOME_LOCKED',
      `Could not lock ${home}: ${(e as Error).message}. Another fragments process holds it; if none is running, remove ${lockfilePath}.`,
    );
  }
}
