import { appendFileSync, closeSync, constants, copyFileSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PlanPart, Task } from '../domain/plan.js';
import { partText } from './light-part.js';

/** Generation 1 is what was last written, 2 the write before it, 3 an older state (see SHIFT_EVERY_MS). */
export const BACKUP_GENERATIONS = 3;

/**
 * How old generation 3 may grow before a write moves generation 2 down to it.
 * Shifting every generation after every write cost an update five renames,
 * and a new file for each copy, for an oldest copy a few seconds older than
 * the one before it: generation 3 serves only when both newer copies are
 * damaged too, where a state up to an hour older serves as well. Writes
 * further apart than this shift every time, as before.
 */
export const SHIFT_EVERY_MS = 60 * 60 * 1000;

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
 * After a write, keeps a copy of what was written as generation 1, so a
 * repair brings back the last acknowledged state, and of the text it
 * replaced (`previous`, null when there was no file) as generation 2. Both
 * are written over the copies already there, not renamed there; generation 2
 * moves down to 3 only when 3 is missing or an hour old. Without `text` and
 * `previous` (a big file, copied by the kernel; a caller that does not know
 * what it replaced) the generations shift down by renames and generation 1 is
 * copied anew. A real copy, never a hard link: an editor writing the file in
 * place would damage both. Synchronous, like the write before it: a command
 * waits for it anyway, and a dozen trips through the thread pool cost a write
 * command ~3 ms. Never throws: the change it follows is on disk, and a
 * missing copy only makes repair fall back to an older one, which it says.
 */
export function keepCopy(home: string, rel: string, text?: string, previous?: string | null): void {
  const newest = backupPath(home, rel, 1);
  let kept = false;
  try {
    if (text === undefined || typeof previous !== 'string') {
      shiftDown(home, rel, 1);
      inFolder(newest, () => (text === undefined ? copyFileSync(join(home, rel), newest, constants.COPYFILE_FICLONE) : writeOver(newest, text)));
      return;
    }
    if (shiftDue(home, rel)) shiftDown(home, rel, 2);
    // Both are taken whole: changes recorded after the copies they replace no longer apply.
    dropChanges(newest);
    dropChanges(backupPath(home, rel, 2));
    // The newest first: cut off between the two, generation 2 is one write stale, never generation 1.
    inFolder(newest, () => writeOver(newest, text));
    kept = true;
    writeOver(backupPath(home, rel, 2), previous);
  } catch {
    // A torn copy must not pass for the newest: without it, repair takes the older ones and says so.
    try {
      rmSync(kept ? backupPath(home, rel, 2) : newest, { force: true });
    } catch {
      // A home that refuses even this refuses the next write too, which says what to do.
    }
  }
}

/** Renames generation `from` and each older one down a place (the oldest goes), each with its changes. */
function shiftDown(home: string, rel: string, from: number): void {
  for (let g = BACKUP_GENERATIONS - 1; g >= from; g--) {
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
}

/** Runs `write` of a copy, making backups/ (or its subfolder) the first time only: most writes find it there. */
function inFolder(path: string, write: () => void): void {
  try {
    write();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    write();
  }
}

/**
 * Writes `text` over the file at `path` from its start and cuts what is left
 * of the old text. Not truncated first: a file emptied and filled again has its
 * blocks freed and allocated anew, through the file system's journal, which
 * cost ten times as much as writing over them. Cut short, it holds the new
 * text's start and the old one's end, which is not JSON: repair skips it.
 */
function writeOver(path: string, text: string): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT, 0o600);
  try {
    const written = writeSync(fd, text, 0);
    // A short write (a full disk) is a torn copy: keepCopy removes it.
    if (written !== Buffer.byteLength(text)) throw new Error(`${path}: a short write`);
    ftruncateSync(fd, written);
  } finally {
    closeSync(fd);
  }
}

/** Whether generation 2 is due to move down: generation 3 is missing, or holds a state an hour old (a rename keeps the time its copy was written). */
function shiftDue(home: string, rel: string): boolean {
  const oldest = statSync(backupPath(home, rel, BACKUP_GENERATIONS), { throwIfNoEntry: false });
  return oldest === undefined || Date.now() - oldest.mtimeMs >= SHIFT_EVERY_MS;
}

/**
 * Keeps a copy of a version Fragments found rather than wrote (an edit by
 * hand) once it passed its check, so that a repair after a later slip brings
 * back the edit, not the write before it. Nothing when the newest copy holds it already.
 * A read does this without the lock: two processes copying at once may leave
 * one generation fewer, or a torn copy, which repair skips as it checks each.
 */
export function keepFoundCopy(home: string, rel: string, text: string): void {
  let newest: string | undefined;
  try {
    newest = readFileSync(backupPath(home, rel, 1), 'utf8');
    if (newest === text) return;
  } catch {
    // No copy yet, or none readable: keep this one.
  }
  // The copy of the last write becomes generation 2: the edit replaced it.
  keepCopy(home, rel, text, newest);
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
