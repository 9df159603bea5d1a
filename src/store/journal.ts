import { mkdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { damaged } from '../domain/errors.js';
import { keepCopy } from './backups.js';
import { DurableTextFile } from './durable-file.js';
import { homeFault } from './faults.js';

export const JOURNAL = 'journal.json';

/**
 * Every file a transaction changes, with its new text; `current` is the
 * session pointer, when it changes. A transaction that changes several files
 * first puts all of them here in one atomic, durable write (HomeTx.commit):
 * once it is on disk the change is committed. A process killed (or a machine
 * cut off) while applying it leaves the journal behind, and the next
 * transaction finishes the job: the home never holds half a change.
 */
export interface Journal {
  files: { rel: string; text: string }[];
  current?: string | null;
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

/**
 * Removes the journal of a change whose files are all durable, without
 * fsyncing the home's folder: that fsync is left to the next write, which
 * pays one anyway. A journal that came back after a power cut would be
 * applied again, over later changes, so no later write is acknowledged
 * before this removal is on disk: a change of several files fsyncs the
 * home's folder for its own journal before it installs anything, and a
 * change of one file fsyncs the home's folder with its own (HomeTx.commit,
 * JsonFile.write). Until then, a journal brought back only writes again what
 * the files hold.
 */
export function dropJournal(home: string): void {
  try {
    unlinkSync(join(home, JOURNAL));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
