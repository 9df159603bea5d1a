import { closeSync, fstatSync, fsync, fsyncSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SyncAdapter } from 'lowdb';

/**
 * A text file of the home as lowdb reads and writes it: synchronously (a
 * one-shot command has nothing to do while it waits, and the promise
 * machinery of async calls cost it measurable milliseconds), and durably.
 * A write is acknowledged only once it would survive a power cut: the new
 * text goes to a temporary file that is fsynced before it is renamed over the
 * old one, then the folder is fsynced so the rename itself is on disk. A cut
 * at any point leaves the old file or the new one, whole. A transaction
 * stages every file it changes before it installs any (see Tx.commit), so a
 * full disk stops it before the home holds part of it.
 */
export class DurableTextFile implements SyncAdapter<string> {
  constructor(readonly path: string) {}

  /** The file's text, or null when there is no file. */
  read(): string | null {
    return this.readWithStat()?.text ?? null;
  }

  /** The text with the stat of the very file it came from: a rename between a stat and a read cannot pair one version's stat with another's text. */
  readWithStat(): { text: string; stat: Stats } | null {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      return { stat: fstatSync(fd), text: readFileSync(fd, 'utf8') };
    } finally {
      closeSync(fd);
    }
  }

  write(text: string): void {
    this.install(this.stage(text));
  }

  /**
   * The first half of a write: `text` in a temporary file of this process's
   * own (two writers never share a name), fsynced. A full disk fails here,
   * before anything was replaced, and leaves no temporary file behind.
   */
  stage(text: string): string {
    const draft = this.draft(text);
    try {
      fsyncSync(draft.fd);
    } catch (e) {
      discardDrafts([draft]);
      throw e;
    }
    closeSync(draft.fd);
    return draft.temp;
  }

  /**
   * stage() without its fsync: the temporary file is left open for
   * syncDrafts, which fsyncs the drafts of a change of several files at once.
   */
  draft(text: string): Draft {
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}-${(staged++).toString(36)}.tmp`);
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeFileSync(fd, text);
    } catch (e) {
      discardDrafts([{ temp, fd }]);
      throw e;
    }
    return { temp, fd };
  }

  /** The second half: the staged file replaces this one, and the folder is fsynced so the rename is on disk. */
  install(temp: string): void {
    this.rename(temp);
    syncFolder(dirname(this.path));
  }

  /** install() without the folder's fsync, for a change that fsyncs all its folders at once (syncFolders). */
  rename(temp: string): void {
    renameSync(temp, this.path);
  }

  /** Removes the file, durably: a removal that a power cut undid could bring back a journal already applied. */
  remove(): void {
    try {
      // unlink, not rm: rmSync loads Node's rimraf on first use (~0.4 ms of a write command).
      unlinkSync(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    syncFolder(dirname(this.path));
  }
}

/** A temporary file written and still open (`fd`, -1 once closed), not yet fsynced. */
export interface Draft {
  temp: string;
  fd: number;
}

/** Removes a staged file that will not be installed. */
export function discardStaged(temp: string): void {
  rmSync(temp, { force: true });
}

/** Closes and removes drafts that will not be installed. */
export function discardDrafts(drafts: Draft[]): void {
  for (const { temp, fd } of drafts) {
    if (fd >= 0) closeSync(fd);
    discardStaged(temp);
  }
}

/**
 * fsyncs every draft and closes it. The fsyncs run at once in the thread
 * pool, where the file system takes them in one journal commit: a change of
 * four files waits about as long as for one, where one after another cost
 * four times as much. Settles only once all have finished, and then throws
 * the first failure (a full disk), so the caller may discard them all.
 */
export async function syncDrafts(drafts: Draft[]): Promise<void> {
  const fds = drafts.map((d) => d.fd);
  // together() closes each, whatever its fsync answers: no one may close them again.
  for (const d of drafts) d.fd = -1;
  await together(fds);
}

/** fsyncs these folders at once (see syncDrafts), so the renames into them are on disk. */
export async function syncFolders(dirs: string[]): Promise<void> {
  const fds: number[] = [];
  try {
    for (const dir of new Set(dirs)) fds.push(openSync(dir, 'r'));
  } catch (e) {
    for (const fd of fds) closeSync(fd);
    throw e;
  }
  await together(fds);
}

/** fsyncs and closes each file descriptor, all at once; rejects with the first failure once all are done. */
async function together(fds: number[]): Promise<void> {
  const results = await Promise.allSettled(
    fds.map(
      (fd) =>
        new Promise<void>((resolve, reject) =>
          fsync(fd, (e) => {
            try {
              closeSync(fd);
            } catch {
              // The fsync's own answer is what counts.
            }
            if (e) reject(e);
            else resolve();
          }),
        ),
    ),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

let staged = 0;

/** Puts the folder's entries (a rename, a removal) on disk. */
export function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
