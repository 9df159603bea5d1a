import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a killed process leaves behind: the folder it prepared to take the
 * lock with (`.lock.PID-…`), and temporary files it staged but never
 * installed (`.NAME.PID-N.tmp`). They hold nothing acknowledged: a staged
 * file only counts once renamed into place, and the journal covers a change
 * that was cut between. Those of processes that are gone are removed once a
 * dead holder's lock has been taken over, and by doctor --repair.
 */
const LEFTOVER = /^\.(?:lock\.(\d+)-[0-9a-z]+|.+\.(\d+)-[0-9a-z]+\.tmp|checked\.json\.(\d+)\.tmp)$/;

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes the leftovers of dead processes from the home's folders; returns how many. Never throws: they cost only space. */
export function sweepLeftovers(home: string): number {
  let removed = 0;
  const sweep = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const match = LEFTOVER.exec(name);
      const pid = match ? Number(match[1] ?? match[2] ?? match[3]) : null;
      if (pid !== null && pid !== process.pid && gone(pid)) {
        try {
          rmSync(join(dir, name), { recursive: true, force: true });
          removed++;
        } catch {
          // Left for the next sweep.
        }
      } else if (depth > 0 && !name.startsWith('.') && name !== 'backups' && !name.includes('.')) sweep(join(dir, name), depth - 1);
    }
  };
  sweep(home, 3);
  return removed;
}
