import { copyFile, link, mkdir, readdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const BACKUP_GENERATIONS = 3;

export function backupPath(home: string, rel: string, generation: number): string {
  return join(home, 'backups', `${rel}.${generation}`);
}

/**
 * Keeps the copy about to be replaced as generation 1, shifting older ones.
 * A hard link costs the same whatever the file's size, and the replaced
 * file is never written again, so the link stays a faithful copy.
 */
export async function keepBackup(home: string, rel: string): Promise<void> {
  const newest = backupPath(home, rel, 1);
  await mkdir(dirname(newest), { recursive: true, mode: 0o700 });
  for (let g = BACKUP_GENERATIONS - 1; g >= 1; g--) {
    await rename(backupPath(home, rel, g), backupPath(home, rel, g + 1)).catch(ignoreMissing);
  }
  try {
    await link(join(home, rel), newest);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    await copyFile(join(home, rel), newest);
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

function ignoreMissing(e: NodeJS.ErrnoException): void {
  if (e.code !== 'ENOENT') throw e;
}
