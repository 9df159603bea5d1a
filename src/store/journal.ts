import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TextFile } from 'lowdb/node';
import { damaged } from '../domain/errors.js';
import { keepCopy } from './backups.js';
import { homeFault } from './faults.js';

export const JOURNAL = 'journal.json';

/** Every file a transaction changes, with its new text; `current` is the session pointer, when it changes. */
export interface Journal {
  files: { rel: string; text: string }[];
  current?: string | null;
}

/**
 * A transaction that changes several files first writes all of them here in
 * one atomic write. A process killed while applying it leaves the journal
 * behind, and the next transaction finishes the job: the home never holds
 * half a change.
 */
export async function writeJournal(home: string, journal: Journal): Promise<void> {
  const path = join(home, JOURNAL);
  await new TextFile(path).write(JSON.stringify(journal));
  await chmod(path, 0o600);
}

export async function readJournal(home: string): Promise<Journal | null> {
  const text = await readFile(join(home, JOURNAL), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw homeFault(e, home) ?? damaged(JOURNAL, e.message);
  });
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
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await new TextFile(path).write(text);
    await chmod(path, 0o600);
    await keepCopy(home, rel).catch(() => undefined);
  }
  if (journal.current !== undefined) await writeCurrent(journal.current);
  await clearJournal(home);
}

export async function clearJournal(home: string): Promise<void> {
  await rm(join(home, JOURNAL), { force: true });
}
