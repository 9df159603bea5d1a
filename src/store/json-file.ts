import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { LowSync } from 'lowdb';
import type * as z from 'zod';
import { FragmentsError, damaged } from '../domain/errors.js';
import { keepChange, keepCopy, keepFoundCopy } from './backups.js';
import { statStamp, type CheckedFiles } from './checked.js';
import { DurableTextFile } from './durable-file.js';
import { homeFault } from './faults.js';
import { upgrade } from './migrations.js';

/**
 * zod compiles a fast parser per object schema (`new Function`) on first use:
 * a one-shot command validating a small file pays more for compiling than it
 * saves (measured: −5 ms on `session:status`); a big file repays it.
 */
const JIT_PAYS_FROM = 1 << 20;

/** A backup of a file this big is copied by the kernel (a reflink where it can), not written again from the text. */
const KERNEL_COPY_FROM = 1 << 20;

/** What a transaction reads and writes back: one file of the home, or a value kept in two (sprint-file.ts). */
export interface TxFile<T> {
  /** The value, for a transaction that may change it (`write`) or only reads; `light`: the transaction needs little of it (sprint-file.ts). */
  open(write: boolean, light?: boolean): Promise<T>;
  /** The files to write for `value`, none when the disk holds it already. */
  writes(value: T): FileWrite[];
  forget(): void;
}

/** One file's new text; `change` says what changed in it, for a backup in proportion (backups.ts). */
export interface FileWrite {
  file: JsonFile<unknown>;
  text: string;
  value: unknown;
  change?: string;
}

/**
 * One JSON file of the home, read and written through one lowdb instance for
 * the life of the process. It re-reads only when the file on disk changed
 * (another process replaced it), and writes only when the content changed.
 */
export class JsonFile<T> implements TxFile<T> {
  readonly path: string;
  private readonly low: LowSync<unknown>;
  private readonly file: DurableTextFile;
  /** The text on disk as this process last saw it; null when the file does not exist. */
  private text: string | null = null;
  private stamp: string | null = null;
  /** The stat of the version the last read returned. */
  private readStamp = '';
  private value: T | null = null;
  /** Whether .checked.json vouched for the version the last read returned. */
  private vouched = false;
  /** The staged file the next lowdb write installs. */
  private pending = '';

  constructor(
    private readonly home: string,
    readonly rel: string,
    private readonly schema: z.ZodType<T>,
    private readonly fresh: () => T,
    private readonly checked: CheckedFiles,
    /**
     * Whether a sound version found here that Fragments did not write (an edit
     * by hand) is kept in backups/. Only for a file that must agree with no
     * other: a copy of a file that is sound alone yet disagrees with the rest
     * of the home (an index emptied by hand) must never become its last good copy.
     */
    private readonly keepsFound = false,
    /** How a file that .checked.json vouches for is read, where it holds what only its check needs (a sprint file's rows). */
    private readonly readChecked: (text: string) => unknown = JSON.parse,
  ) {
    this.path = join(home, rel);
    const file = (this.file = new DurableTextFile(this.path));
    this.low = new LowSync<unknown>(
      {
        read: () => {
          this.readStamp = '';
          this.vouched = false;
          const read = file.readWithStat();
          if (read === null) return null;
          this.text = read.text;
          this.readStamp = statStamp(read.stat);
          this.vouched = this.checked.has(this.rel, this.readStamp);
          return this.vouched ? this.readChecked(read.text) : this.parse(read.text);
        },
        write: () => file.install(this.pending),
      },
      null,
    );
  }

  /** The file's value; `full` checks it against its schema even where .checked.json vouches for it (doctor). */
  async load(full = false): Promise<T> {
    let st: Stats | null = null;
    try {
      st = statSync(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw homeFault(e, this.home) ?? damaged(this.rel, (e as Error).message);
    }
    if (st === null) {
      this.text = this.stamp = null;
      this.value = this.fresh();
      return this.value;
    }
    if (st.isDirectory()) throw damaged(this.rel, 'a folder stands where the file should be');
    const stamp = statStamp(st);
    if (stamp === this.stamp && this.value !== null) return this.value;
    try {
      this.low.read();
    } catch (e) {
      this.forget();
      // A file this user may not read is not damaged: repair must leave it alone.
      throw e instanceof FragmentsError ? e : (homeFault(e, this.home) ?? damaged(this.rel, (e as Error).message));
    }
    const checked = this.vouched;
    if (!full && checked) {
      // Checked in full when it was written; the version still decides whether this build may read it.
      this.value = upgrade(this.rel, this.low.data) as T;
    } else {
      const found = upgrade(this.rel, checked && this.text !== null ? this.parse(this.text) : this.low.data);
      this.value = this.validate(found, st.size);
      // Only a file that holds the checked value as it is (no default filled in, no field reordered) reads the same without the check.
      if (this.readStamp !== '' && JSON.stringify(this.value) === JSON.stringify(found)) this.checked.record(this.rel, this.readStamp);
      // Not written by Fragments, and sound: an edit by hand that repair must be able to bring back.
      if (this.keepsFound && this.text !== null) keepFoundCopy(this.home, this.rel, this.text);
    }
    this.stamp = this.readStamp;
    return this.value;
  }

  open(): Promise<T> {
    return this.load();
  }

  /**
   * The file's text, unparsed, and whether .checked.json vouches for it: for
   * a reader that takes only part of a big file (light-part.ts). Null when
   * there is no file or it cannot be read; load() then says why.
   */
  peek(): { text: string; checked: boolean } | null {
    let read: ReturnType<DurableTextFile['readWithStat']>;
    try {
      read = this.file.readWithStat();
    } catch {
      return null;
    }
    if (read === null) return null;
    this.text = read.text;
    return { text: read.text, checked: this.checked.has(this.rel, statStamp(read.stat)) };
  }

  /** The file's text as this process last read or wrote it; null when it does not exist. */
  get contents(): string | null {
    return this.text;
  }

  writes(value: T): FileWrite[] {
    const text = this.render(value);
    return text === null ? [] : [{ file: this as JsonFile<unknown>, text, value }];
  }

  /** The file's text for `value`, or null when the disk already holds exactly that. Compact: every reader parses it, no one reads it by eye. */
  render(value: T): string | null {
    const next = `${JSON.stringify(value)}\n`;
    return next === this.text ? null : next;
  }

  /** Replaces the file with `text` (from render) atomically and durably, then keeps a copy of it for repair. */
  async write(text: string, value: T): Promise<void> {
    this.install(this.stage(text), text, value);
  }

  /** Writes `text` to a temporary file beside this one, durably; install() puts it in place. */
  stage(text: string): string {
    if (this.text === null) mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    return this.file.stage(text);
  }

  install(temp: string, text: string, value: T, change?: string): void {
    const before = change === undefined || this.text === null ? null : Buffer.byteLength(this.text);
    this.pending = temp;
    this.low.data = value;
    this.low.write();
    const st = statSync(this.path);
    this.text = text;
    this.value = value;
    this.stamp = statStamp(st);
    // What a command writes came from checked files and checked arguments, under the compiler's types.
    this.checked.record(this.rel, this.stamp);
    if (change === undefined || !keepChange(this.home, this.rel, change, Buffer.byteLength(text), before)) {
      keepCopy(this.home, this.rel, text.length < KERNEL_COPY_FROM ? text : undefined);
    }
  }

  /** The text of the file as a fresh home has it: what repair writes when no copy is left of a file that may start afresh. */
  freshText(): string {
    return `${JSON.stringify(this.fresh())}\n`;
  }

  /** Drops what this process holds, e.g. after a failed transaction mutated it. */
  forget(): void {
    this.stamp = null;
    this.value = null;
  }

  /** Checks text as this file's content, without touching the disk: for doctor. */
  check(text: string): T {
    return this.validate(upgrade(this.rel, this.parse(text)), text.length);
  }

  private parse(text: string): unknown {
    if (text.trim() === '') throw damaged(this.rel, 'the file is empty');
    try {
      return JSON.parse(text);
    } catch (e) {
      throw damaged(this.rel, `not valid JSON (${withLine((e as Error).message, text)})`);
    }
  }

  /** Checks `data`, already brought to this build's version by upgrade(). */
  private validate(data: unknown, size: number): T {
    const result = this.schema.safeParse(data, { jitless: size < JIT_PAYS_FROM });
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const where = issue.path.length ? pathOf(data, issue.path) : 'the top level';
      throw damaged(this.rel, `${where}: ${issue.message}`);
    }
    return result.data;
  }
}

/** JSON.parse's "at position N" with the line and column a person opens the file at (Node 22 says them itself). */
function withLine(message: string, text: string): string {
  const at = /at position (\d+)/.exec(message);
  if (!at || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return `${message} (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

/** A schema issue's path, each list item named by its code or key where it has one: `tasks.41 (T-42).priority`. */
function pathOf(data: unknown, path: PropertyKey[]): string {
  let at: unknown = data;
  return path
    .map((step) => {
      at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[step] : undefined;
      const item = at as { code?: unknown; key?: unknown } | undefined;
      const name = typeof step === 'number' && item && typeof item === 'object' ? (item.code ?? item.key) : undefined;
      return typeof name === 'string' ? `${String(step)} (${name})` : String(step);
    })
    .join('.');
}
