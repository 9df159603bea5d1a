import { chmod, copyFile, mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { FragmentsError } from '../domain/errors.js';
import { backupsOf } from './backups.js';
import type { JsonFile } from './json-file.js';
import { lockHome } from './lock.js';
import { JOURNAL, readJournal } from './journal.js';
import { FILES, type Store } from './store.js';

export interface FileCheck {
  file: string;
  ok: boolean;
  problem?: string;
  /** With --repair: what was done. */
  repair?: string;
  /** With --repair: whether the file is usable again. */
  repaired?: boolean;
}

async function filesOf(store: Store): Promise<JsonFile<unknown>[]> {
  const names = await readdir(join(store.home, 'activity')).catch(() => [] as string[]);
  const keys = names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5));
  return [store.config, store.plan, store.sessions, store.requests, ...keys.map((k) => store.activityFile(k))] as JsonFile<unknown>[];
}

/** Checks every file of the home; with `repair`, restores the newest good backup of each damaged one, keeping the damaged file aside. */
export async function doctor(store: Store, repair: boolean, now: Date): Promise<FileCheck[]> {
  const release = repair ? await lockHome(store.home) : null;
  try {
    const checks: FileCheck[] = [];
    for (const file of await filesOf(store)) {
      file.forget();
      try {
        await file.load();
        checks.push({ file: file.rel, ok: true });
      } catch (e) {
        if (!(e instanceof FragmentsError)) throw e;
        const check: FileCheck = { file: file.rel, ok: false, problem: String(e.details.problem ?? e.message) };
        if (repair) Object.assign(check, await restore(store, file, now));
        checks.push(check);
      }
    }
    checks.push(await checkPointer(store, repair), await checkJournal(store, repair, now));
    return checks;
  } finally {
    await release?.();
  }
}

async function restore(store: Store, file: JsonFile<unknown>, now: Date): Promise<{ repair: string; repaired: boolean }> {
  for (const backup of await backupsOf(store.home, file.rel)) {
    try {
      file.check(await readFile(backup, 'utf8'));
    } catch {
      continue;
    }
    const aside = join(store.home, 'backups', `${file.rel}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`);
    await mkdir(join(aside, '..'), { recursive: true, mode: 0o700 });
    try {
      await rename(file.path, aside);
    } catch (e) {
      return { repair: `could not set the damaged file aside (${(e as Error).message}); nothing was changed`, repaired: false };
    }
    const temp = `${file.path}.restore`;
    await copyFile(backup, temp);
    await chmod(temp, 0o600);
    await rename(temp, file.path);
    file.forget();
    return {
      repair: `restored from ${backup.slice(store.home.length + 1)}, the copy before the last write (that write is lost); the damaged file is kept at ${aside.slice(store.home.length + 1)}`,
      repaired: true,
    };
  }
  return { repair: 'no good backup exists: the file was left as it is; fix it by hand or move it away to start that file afresh', repaired: false };
}

/** The pointer only names a session, so a bad one is cleared rather than restored. */
async function checkPointer(store: Store, repair: boolean): Promise<FileCheck> {
  let problem: string;
  try {
    const key = await store.readCurrent();
    const known = key === null || (await store.sessions.load().catch(() => null))?.sessions.some((s) => s.key === key);
    if (known) return { file: FILES.current, ok: true };
    problem = `it names ${key}, which is not in ${FILES.sessions}`;
  } catch (e) {
    problem = String((e as FragmentsError).details?.problem ?? e);
  }
  if (!repair) return { file: FILES.current, ok: false, problem };
  await store.writeCurrent(null);
  return { file: FILES.current, ok: false, problem, repair: 'cleared: start or resume a session to set it again', repaired: true };
}

/** A readable journal is finished by the next command; only a damaged one needs the doctor. */
async function checkJournal(store: Store, repair: boolean, now: Date): Promise<FileCheck> {
  try {
    await readJournal(store.home);
    return { file: JOURNAL, ok: true };
  } catch (e) {
    const problem = String((e as FragmentsError).details?.problem ?? e);
    if (!repair) return { file: JOURNAL, ok: false, problem };
    const aside = join(store.home, 'backups', `${JOURNAL}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`);
    await mkdir(join(aside, '..'), { recursive: true, mode: 0o700 });
    await rename(join(store.home, JOURNAL), aside);
    return { file: JOURNAL, ok: false, problem, repair: `set aside at ${aside.slice(store.home.length + 1)}; the unfinished change it held is dropped`, repaired: true };
  }
}
