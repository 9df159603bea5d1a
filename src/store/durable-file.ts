import { closeSync, fstatSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
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
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}-${(staged++).toString(36)}.tmp`);
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw e;
    }
    closeSync(fd);
    return temp;
  }

  /** The second half: the staged file replaces this one, and the folder is fsynced so the rename is on disk. */
  install(temp: string): void {
    renameSync(temp, this.path);
    syncFolder(dirname(this.path));
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

/** Removes a staged file that will not be installed. */
export function discardStaged(temp: string): void {
  rmSync(temp, { force: true });
}

let staged = 0;

/** Puts the folder's entries (a rename, a removal) on disk. */
function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
