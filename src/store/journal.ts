import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { damaged } from '../domain/errors.js';
import { keepCopy } from './backups.js';
import { DurableTextFile } from './durable-file.js';
import { homeFault } from './faults.js';

export const JOURNAL = 'journal.json';

/** Every file a transaction changes, with its new text; `current` is the session pointer, when it changes. */
export interface Journal {
  files: { rel: string; text: string }[];
  current?: string | null;
}

/**
 * A transaction that changes several files first writes all of them here in
 * one atomic, durable write: once it is on disk the change is committed. A
 * process killed (or a machine cut off) while applying it leaves the journal
 * behind, and the next transaction finishes the job: the home never holds
 * half a change.
 */
export async function writeJournal(home: string, journal: Journal): Promise<void> {
  new DurableTextFile(join(home, JOURNAL)).write(JSON.stringify(journal));
}

export async function readJournal(home: string): Promise<Journal | null> {
  let text: string | null;
  try {
    text = new DurableTextFile(join(home, JOURNAL)).read();
  } catch (e) {
    throw homeFault(e, home) ?? damaged(JOURNAL, (e as Error).message);
  }
  if (text === null) return null;
  try {
    const journal = JSON.parse(text) as Journal;
    if (!Array.isArray(journal.files)) throw new Error('it has no list of files');
    return journal;
  } catch (e) {
    throw damaged(JOURNAL, `an unfinished change cannot be read (${(e as Error).message})`);
  }
}

/** Applies a journal left by a process that died mid-commit. */
export async function replayJournal(home: string, journal: Journal, writeCurrent: (key: string | null) => Promise<void>): Promise<void> {
  for (const { rel, text } of journal.files) {
    const path = join(home, rel);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    new DurableTextFile(path).write(text);
    keepCopy(home, rel);
  }
  if (journal.current !== undefined) await writeCurrent(journal.current);
  await clearJournal(home);
}

/** Durably: a journal that came back after a power cut would be applied again, over later changes. */
export async function clearJournal(home: string): Promise<void> {
  new DurableTextFile(join(home, JOURNAL)).remove();
}
