import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ErrorCode } from '../domain/errors.js';
import { asidePath, backupsOf, readBackup } from './backups.js';
import type { JsonFile } from './json-file.js';
import type { HomeStore as Store } from './home-store.js';

/** One line of doctor's report: a file, or a reference between files. */
export interface FileCheck {
  file: string;
  ok: boolean;
  /** What is wrong, as an error code: DAMAGED_FILE, BROKEN_REFERENCE, or a problem repair must not touch (PERMISSION_DENIED, NEWER_VERSION…). */
  code?: ErrorCode;
  problem?: string;
  /** With --repair: what was done. */
  repair?: string;
  /** With --repair: whether the problem is gone. */
  repaired?: boolean;
  /** Not there, which is sound: a file a home gets only once it is needed (requests.json, a journal). */
  absent?: boolean;
}

export const broken = (file: string, problem: string): FileCheck => ({ file, ok: false, code: 'BROKEN_REFERENCE', problem });

export const relTo = (store: Store, path: string) => path.slice(store.home.length + 1);

export async function namesIn(dir: string): Promise<string[]> {
  return fsp.readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return [] as string[];
    throw e;
  });
}

/** The copies of `file` in backups/ that pass its check, newest first, with where each is. */
export async function goodCopies<T>(store: Store, file: JsonFile<T>): Promise<{ path: string; text: string; value: T }[]> {
  const found = [];
  for (const path of await backupsOf(store.home, file.rel)) {
    try {
      const text = readBackup(path);
      found.push({ path, text, value: file.check(text) });
    } catch {
      // Torn or damaged: not a good copy.
    }
  }
  return found;
}

/** Puts `text` in place of the damaged file, which is kept aside first; returns where. */
export async function replaceWith(store: Store, relPath: string, text: string, now: Date): Promise<string> {
  const path = join(store.home, relPath);
  const temp = `${path}.restore`;
  await fsp.writeFile(temp, text, { mode: 0o600 });
  try {
    const aside = await setAside(store, relPath, now);
    await fsp.rename(temp, path);
    return aside;
  } catch (e) {
    await fsp.rm(temp, { force: true });
    throw e;
  }
}

/**
 * Keeps the damaged file in backups/. A file is copied, so the rename that
 * replaces it leaves no moment without it for a reader that takes no lock;
 * a folder standing in its place can only be moved.
 */
export async function setAside(store: Store, relPath: string, now: Date): Promise<string> {
  const path = join(store.home, relPath);
  const aside = asidePath(store.home, relPath, 'damaged', now);
  await fsp.mkdir(dirname(aside), { recursive: true, mode: 0o700 });
  if ((await fsp.lstat(path)).isDirectory()) await fsp.rename(path, aside);
  else await fsp.copyFile(path, aside);
  return relTo(store, aside);
}

/** Keys of the sessions with a current activity segment on disk. */
export async function activityKeys(store: Store): Promise<string[]> {
  const names = await namesIn(join(store.home, 'activity'));
  return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5));
}

/** The numbers of a session's closed segment files on disk, ascending, whether or not its current segment counts them. */
export async function closedNumbers(store: Store, key: string): Promise<number[]> {
  const numbers = [];
  for (const name of await namesIn(join(store.home, 'activity', key))) {
    const n = /^([1-9]\d*)\.json$/.exec(name)?.[1];
    if (n) numbers.push(Number(n));
  }
  return numbers.sort((a, b) => a - b);
}
