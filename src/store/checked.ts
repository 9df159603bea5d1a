import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Kept in the home, hidden from doctor and backups: losing it costs time, never data. */
export const CHECKED_FILE = '.checked.json';

/**
 * Which schemas did the checking, set by the build (a hash of src/domain and
 * zod's version); "source" when run unbuilt, as tests run it. A record made
 * by other schemas (an older Fragments, a newer one, a downgrade) vouches for
 * nothing here: a field one added with a default the other never filled in.
 */
declare const FRAGMENTS_SCHEMAS: string | undefined;
const SCHEMAS = typeof FRAGMENTS_SCHEMAS === 'string' ? FRAGMENTS_SCHEMAS : 'source';

interface CheckedRecord {
  schemas: string;
  files: { [rel: string]: string };
}

/**
 * Which files of the home Fragments has checked against their schema, each
 * by the stat it had then (inode, size, change and modification times). A
 * file whose stat still matches holds exactly the text that passed, so a
 * later process reads it with JSON.parse alone: checking 10,000 tasks on
 * every command cost more than the command. Anything else that touches the
 * file (an editor, a restore, a replayed journal) changes its stat, and the
 * next read checks it in full (the change time moves even when a tool puts
 * the modification time back). What escapes: a write in place, of the same
 * size, within the file system's clock tick (a few ms) of Fragments' own,
 * which leaves all four as they were. An entry is a fact about one version of a
 * file and never turns false, so a stale or lost record only costs a check;
 * that is why it is written without the lock or an fsync.
 */
export class CheckedFiles {
  private stamps: CheckedRecord['files'] | null = null;
  private readonly fresh = new Map<string, string>();

  constructor(private readonly home: string) {}

  has(rel: string, stamp: string): boolean {
    return this.read()[rel] === stamp;
  }

  record(rel: string, stamp: string): void {
    if (this.read()[rel] !== stamp) this.fresh.set(rel, stamp);
  }

  /** Writes what this process checked since the last save, over what other processes recorded meanwhile. */
  save(): void {
    if (this.fresh.size === 0) return;
    this.stamps = null;
    const stamps = this.read();
    for (const [rel, stamp] of this.fresh) stamps[rel] = stamp;
    this.fresh.clear();
    // A name of its own per process: readers save without the lock, and rename keeps each save whole.
    const temp = join(this.home, `${CHECKED_FILE}.${process.pid}.tmp`);
    try {
      writeFileSync(temp, JSON.stringify({ schemas: SCHEMAS, files: stamps } satisfies CheckedRecord), { mode: 0o600 });
      renameSync(temp, join(this.home, CHECKED_FILE));
    } catch {
      rmSync(temp, { force: true });
    }
  }

  private read(): CheckedRecord['files'] {
    if (this.stamps === null) {
      try {
        const record = JSON.parse(readFileSync(join(this.home, CHECKED_FILE), 'utf8')) as Partial<CheckedRecord> | null;
        this.stamps = record?.schemas === SCHEMAS && typeof record.files === 'object' && record.files !== null ? record.files : {};
      } catch {
        this.stamps = {};
      }
    }
    return this.stamps;
  }
}

/** What `CheckedFiles` compares: one version of a file, as its stat tells it apart. */
export function statStamp(st: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}
