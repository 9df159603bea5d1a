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
 * at any point leaves the old file or the new one, whole. The temporary name
 * is fixed per file, as steno's was: the home's lock keeps writers apart.
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
    const temp = join(dirname(this.path), `.${basename(this.path)}.tmp`);
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } catch (e) {
      // A full disk leaves no half-written temporary file behind.
      closeSync(fd);
      rmSync(temp, { force: true });
      throw e;
    }
    closeSync(fd);
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

/** Puts the folder's entries (a rename, a removal) on disk. */
function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
