import { appendFileSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Kept in the home, hidden from doctor and backups: losing it costs time, never data. */
export const CHECKED_FILE = '.checked.json';
/** Stamps appended since the record was last written whole. */
export const CHECKED_LOG = '.checked.log';
/** A record smaller than this is rewritten whole: appending saves nothing worth a second file. */
const APPEND_FROM = 8 * 1024;

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
  /** The record's size and the log's, as last read: what decides between appending and rewriting. */
  private sizes = { record: 0, log: 0 };
  private hadLog = false;
  /** The record's and the log's stats when last read, to tell whether another process saved since. */
  private readAt = '';

  constructor(private readonly home: string) {}

  has(rel: string, stamp: string): boolean {
    if (this.read()[rel] === stamp) return true;
    // Another process may have checked it since this one read the record (a long-running face, after a CLI write).
    if (this.recordStamp() === this.readAt) return false;
    this.stamps = null;
    return this.read()[rel] === stamp;
  }

  record(rel: string, stamp: string): void {
    if (this.read()[rel] !== stamp) this.fresh.set(rel, stamp);
  }

  /**
   * Writes what this process checked since the last save, over what other
   * processes recorded meanwhile. A big record (a home of many segments) is
   * not rewritten for the few files a command wrote: those are appended to
   * CHECKED_LOG, and the two are merged into the record once the log has
   * grown to half the record's size.
   */
  save(): void {
    if (this.fresh.size === 0) return;
    const line = `${JSON.stringify({ schemas: SCHEMAS, files: Object.fromEntries(this.fresh) } satisfies CheckedRecord)}\n`;
    if (this.sizes.record >= APPEND_FROM && this.sizes.log + line.length <= this.sizes.record / 2) {
      try {
        appendFileSync(join(this.home, CHECKED_LOG), line, { mode: 0o600 });
        this.sizes.log += line.length;
        for (const [rel, stamp] of this.fresh) this.stamps![rel] = stamp;
        this.fresh.clear();
        return;
      } catch {
        // Rewritten whole below instead.
      }
    }
    // Read again only when another process saved since this one read: what it recorded is kept too.
    if (this.recordStamp() !== this.readAt) this.stamps = null;
    const stamps = this.read();
    for (const [rel, stamp] of this.fresh) stamps[rel] = stamp;
    this.fresh.clear();
    // A name of its own per process: readers save without the lock, and rename keeps each save whole.
    const temp = join(this.home, `${CHECKED_FILE}.${process.pid}.tmp`);
    try {
      const text = JSON.stringify({ schemas: SCHEMAS, files: stamps } satisfies CheckedRecord);
      writeFileSync(temp, text, { mode: 0o600 });
      renameSync(temp, join(this.home, CHECKED_FILE));
      this.sizes = { record: text.length, log: 0 };
    } catch {
      rmSync(temp, { force: true });
      return;
    }
    try {
      // What another process appended between the read and here is lost: it costs a check, never data.
      if (this.sizes.log > 0 || this.hadLog) unlinkSync(join(this.home, CHECKED_LOG));
    } catch {
      // Gone already.
    }
  }

  private recordStamp(): string {
    const stamp = (name: string) => {
      try {
        return statStamp(statSync(join(this.home, name)));
      } catch {
        return '-';
      }
    };
    return `${stamp(CHECKED_FILE)} ${stamp(CHECKED_LOG)}`;
  }

  private read(): CheckedRecord['files'] {
    if (this.stamps === null) {
      this.readAt = this.recordStamp();
      this.stamps = {};
      this.sizes = { record: 0, log: 0 };
      try {
        const text = readFileSync(join(this.home, CHECKED_FILE), 'utf8');
        this.sizes.record = text.length;
        const record = JSON.parse(text) as Partial<CheckedRecord> | null;
        if (record?.schemas === SCHEMAS && typeof record.files === 'object' && record.files !== null) this.stamps = record.files;
      } catch {
        // No record, or a torn one: nothing is vouched for.
      }
      let log = '';
      try {
        log = readFileSync(join(this.home, CHECKED_LOG), 'utf8');
      } catch {
        // No log.
      }
      this.sizes.log = log.length;
      this.hadLog = log.length > 0;
      for (const line of log.split('\n')) {
        try {
          const entry = JSON.parse(line) as Partial<CheckedRecord> | null;
          if (entry?.schemas === SCHEMAS && typeof entry.files === 'object' && entry.files !== null) Object.assign(this.stamps, entry.files);
        } catch {
          // A line torn by a cut, or the empty last one.
        }
      }
    }
    return this.stamps;
  }
}

/** What `CheckedFiles` compares: one version of a file, as its stat tells it apart. */
export function statStamp(st: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}
