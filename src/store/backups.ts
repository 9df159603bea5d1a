import { constants, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';

/** Generation 1 is what was last written; 2 and 3 the writes before it. */
export const BACKUP_GENERATIONS = 3;

export function backupPath(home: string, rel: string, generation: number): string {
  return join(home, 'backups', `${rel}.${generation}`);
}

/**
 * After a write, keeps a copy of what was written as generation 1 and shifts
 * older ones down, so a repair brings back the last acknowledged state. A
 * real copy, never a hard link: an editor writing the file in place would
 * damage both. Small files pass their `text`; big ones are copied by the
 * kernel (a reflink where the file system has them). Synchronous, like the
 * write before it: a command waits for it anyway, and a dozen trips through
 * the thread pool cost a write command ~3 ms. Never throws: the change it
 * follows is on disk, and a missing copy only makes repair fall back to an
 * older one, which it says.
 */
export function keepCopy(home: string, rel: string, text?: string): void {
  const newest = backupPath(home, rel, 1);
  const copy = () => (text === undefined ? copyFileSync(join(home, rel), newest, constants.COPYFILE_FICLONE) : writeFileSync(newest, text, { mode: 0o600 }));
  try {
    for (let g = BACKUP_GENERATIONS - 1; g >= 1; g--) {
      try {
        renameSync(backupPath(home, rel, g), backupPath(home, rel, g + 1));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    try {
      copy();
    } catch (e) {
      // The folder is made the first time only: most writes find it there.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(dirname(newest), { recursive: true, mode: 0o700 });
      copy();
    }
  } catch {
    // A torn copy must not pass for the newest: without it, repair takes the older ones and says so.
    try {
      rmSync(newest, { force: true });
    } catch {
      // A home that refuses even this refuses the next write too, which says what to do.
    }
  }
}

/**
 * Keeps a copy of a version Fragments found rather than wrote (an edit by
 * hand) once it passed its check, so that a repair after a later slip brings
 * back the edit, not the write before it. Nothing when the newest copy holds it already.
 * A read does this without the lock: two processes copying at once may leave
 * one generation fewer, or a torn copy, which repair skips as it checks each.
 */
export function keepFoundCopy(home: string, rel: string, text: string): void {
  try {
    if (readFileSync(backupPath(home, rel, 1), 'utf8') === text) return;
  } catch {
    // No copy yet, or none readable: keep this one.
  }
  keepCopy(home, rel, text);
}

/** Backup generations of `rel`, newest first. */
export async function backupsOf(home: string, rel: string): Promise<string[]> {
  const dir = dirname(backupPath(home, rel, 1));
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const paths: string[] = [];
  for (let g = 1; g <= BACKUP_GENERATIONS; g++) {
    const p = backupPath(home, rel, g);
    if (names.includes(p.slice(dir.length + 1))) paths.push(p);
  }
  return paths;
}

/** Where repair keeps a file it replaced or moved away, stamped with the time of the repair. */
export function asidePath(home: string, rel: string, label: string, now: Date): string {
  return join(home, 'backups', `${rel}.${label}-${now.toISOString().replace(/[:.]/g, '-')}`);
}
