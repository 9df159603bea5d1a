import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
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
 * kernel (a reflink where the file system has them).
 */
export async function keepCopy(home: string, rel: string, text?: string): Promise<void> {
  const newest = backupPath(home, rel, 1);
  await mkdir(dirname(newest), { recursive: true, mode: 0o700 });
  for (let g = BACKUP_GENERATIONS - 1; g >= 1; g--) {
    await rename(backupPath(home, rel, g), backupPath(home, rel, g + 1)).catch(ignoreMissing);
  }
  try {
    if (text === undefined) await copyFile(join(home, rel), newest, constants.COPYFILE_FICLONE);
    else await writeFile(newest, text, { mode: 0o600 });
  } catch (e) {
    // A torn copy must not pass for the newest: without it, repair takes the older ones and says so.
    await rm(newest, { force: true });
    throw e;
  }
}

/** Backup generations of `rel`, newest first. */
export async function backupsOf(home: string, rel: string): Promise<string[]> {
  const dir = dirname(backupPath(home, rel, 1));
  const names = await readdir(dir).catch(() => [] as string[]);
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

function ignoreMissing(e: NodeJS.ErrnoException): void {
  if (e.code !== 'ENOENT') throw e;
}
