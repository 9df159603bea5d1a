import { appendFileSync, constants, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PlanPart, Task } from '../domain/plan.js';
import { partText } from './light-part.js';

/** Generation 1 is what was last written; 2 and 3 the writes before it. */
export const BACKUP_GENERATIONS = 3;

export function backupPath(home: string, rel: string, generation: number): string {
  return join(home, 'backups', `${rel}.${generation}`);
}

/** The changes written since a generation's copy was taken (see keepChange). */
const changesPath = (copy: string) => `${copy}.changes`;

/** Files smaller than this are copied whole after every write: a copy costs what the write did. */
export const CHANGES_FROM = 64 * 1024;

/**
 * The backup of a big file in proportion to the change: instead of copying
 * the whole file again, appends what changed (`change`, one line: the tasks
 * that differ, and the order of codes when it moved) to the changes of
 * generation 1, so the copy and its changes together are what was last
 * written. A new whole copy is taken (return false: the caller copies) when
 * the changes would pass a quarter of the file's size, so full copies cost at
 * most four times the bytes that changed; and when the changes on record do
 * not end at the text this write replaced (`before`, its length), so a chain
 * never continues from a state that was not the file's.
 */
export function keepChange(home: string, rel: string, change: string, size: number, before: number | null): boolean {
  if (size < CHANGES_FROM || before === null) return false;
  const copy = backupPath(home, rel, 1);
  const log = changesPath(copy);
  try {
    const base = statSync(copy).size;
    let logged = 0;
    let last = base;
    try {
      const text = readFileSync(log, 'utf8');
      logged = text.length;
      const tail = text.slice(text.lastIndexOf('\n', text.length - 2) + 1);
      if (tail) last = (JSON.parse(tail) as { size: number }).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
    if (last !== before || logged + change.length > size / 4) return false;
    appendFileSync(log, `${change.slice(0, -1)},"size":${size}}\n`, { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}

/** unlink, not rm: rmSync loads Node's rimraf on first use, a cost every write command would pay. */
function dropChanges(copy: string): void {
  try {
    unlinkSync(changesPath(copy));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/**
 * A generation's text: its copy, with the changes recorded after it applied
 * in order. A torn last change (a cut while appending) or a chain that does
 * not add up throws: that copy is no good, and repair takes an older one.
 */
export function readBackup(copy: string): string {
  const text = readFileSync(copy, 'utf8');
  let log: string;
  try {
    log = readFileSync(changesPath(copy), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return text;
    throw e;
  }
  const lines = log.split('\n').filter((l) => l !== '');
  if (lines.length === 0) return text;
  // Only a sprint file is kept by its changes, and it is written again as Fragments writes one: its rows made from its tasks.
  const value = JSON.parse(text) as PlanPart;
  let size = 0;
  for (const line of lines) {
    const change = JSON.parse(line) as { codes?: string[]; tasks: Task[]; size: number };
    const byCode = new Map(value.tasks.map((t) => [t.code, t]));
    for (const task of change.tasks) byCode.set(task.code, task);
    value.tasks = change.codes ? change.codes.map((c) => byCode.get(c)!) : value.tasks.map((t) => byCode.get(t.code)!);
    if (value.tasks.some((t) => t === undefined)) throw new Error('a recorded change names a task the copy lacks');
    size = change.size;
  }
  // A copy a Fragments before rows wrote (version 2) had its changes written the same way.
  const result = (value.schema_version as number) === 2 ? `${JSON.stringify(value)}\n` : partText(value);
  if (Buffer.byteLength(result) !== size) throw new Error('the copy and its recorded changes do not add up');
  return result;
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
      // A copy's changes move with it; a copy taken whole has none.
      try {
        renameSync(changesPath(backupPath(home, rel, g)), changesPath(backupPath(home, rel, g + 1)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        dropChanges(backupPath(home, rel, g + 1));
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
