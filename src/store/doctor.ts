import { existsSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Activity } from '../domain/activity.js';
import { FragmentsError } from '../domain/errors.js';
import { SESSION_KEY } from '../domain/session.js';
import { asidePath, backupPath, backupsOf, readBackup } from './backups.js';
import { checkHistoryAgreement, checkPlanAgreement } from './doctor-agreement.js';
import { activityKeys, broken, closedNumbers, namesIn, relTo, replaceWith, setAside, type FileCheck } from './doctor-files.js';
import { homeFault } from './faults.js';
import { requireHome } from './home.js';
import type { JsonFile } from './json-file.js';
import { JOURNAL, readJournal, replayJournal } from './journal.js';
import { sweepLeftovers } from './leftovers.js';
import { lockHome } from './lock.js';
import { PlanState } from './plan-state.js';
import { danglingFrames, describeFrame, dropFrame, insertSession, lastOpenSession, sessionFromActivity } from './references.js';
import { FILES, activityRel } from './home-files.js';
import type { HomeStore as Store } from './home-store.js';

export type { FileCheck } from './doctor-files.js';

/**
 * Checks every file of the home and the references between them; with
 * `repair`, brings each damaged file back to the last state Fragments
 * acknowledged (the newest copy that passes its check), keeping the damaged
 * file aside. Only damage is repaired: a file this user may not read, or one
 * written by a newer Fragments, is reported and left exactly as it is.
 */
export async function doctor(store: Store, repair: boolean, now: Date): Promise<FileCheck[]> {
  try {
    // A missing home, or a file in its place, is one problem, not one per file.
    await requireHome(store.home);
    // Held for a check too: the files are judged as no writer is halfway through them.
    const lock = await lockHome(store.home).catch((e: unknown) => {
      // A home doctor may only read (read-only, not ours) is still checked, as it stands.
      if (!repair && homeFault(e, store.home)) return null;
      throw e;
    });
    try {
      if (repair) sweepLeftovers(store.home);
      const checks = [await checkJournal(store, repair && lock !== null, now, lock !== null)];
      for (const file of await filesOf(store)) checks.push(await checkFile(store, file, repair, now));
      const plan = await checkPlanAgreement(store, repair, now);
      checks.push(...plan.checks, ...(await checkHistoryAgreement(store, repair, now)));
      checks.push(...(await checkReferences(store, repair, now, plan.agrees)));
      checks.push(await checkPointer(store, repair, now));
      return checks;
    } finally {
      lock?.release();
    }
  } catch (e) {
    throw homeFault(e, store.home) ?? e;
  }
}

async function filesOf(store: Store): Promise<JsonFile<unknown>[]> {
  const activity = [];
  const keys = await activityKeys(store);
  for (const key of keys) activity.push(store.activityFile(key));
  for (const key of (await namesIn(join(store.home, 'activity'))).filter((n) => SESSION_KEY.test(n)).sort()) {
    for (const n of await closedNumbers(store, key)) activity.push(store.segmentFile(key, n));
  }
  const json = (names: string[]) => names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  const parts = [
    ...json(await namesIn(join(store.home, 'plan'))).map((n) => join('plan', n)),
    ...json(await namesIn(join(store.home, 'plan', 'sprints'))).map((n) => join('plan', 'sprints', n)),
  ];
  const recent = json(await namesIn(join(store.home, 'plan', 'recent'))).map((n) => store.recentFile(join('plan', 'recent', n)));
  return [store.config, store.plan, ...parts.map((rel) => store.partFile(rel)), ...recent, store.sessions, store.requests, ...activity] as JsonFile<unknown>[];
}

/** A session's whole history from its segments, or null when a segment does not load (doctor reports that file itself). */
async function historyOf(store: Store, key: string): Promise<Activity[] | null> {
  const current = await store.activityFile(key).load().catch(() => null);
  if (!current) return null;
  const history: Activity[] = [];
  for (let n = 1; n <= current.segments; n++) {
    const closed = await store.segmentFile(key, n).load().catch(() => null);
    if (!closed) return null;
    history.push(...closed.activities);
  }
  return [...history, ...current.activities];
}

const problemOf = (e: FragmentsError) => String(e.details.problem ?? e.message);

/** Why repair leaves a file alone that it cannot read or must not replace. */
function leftAlone(code: string): string {
  if (code === 'NEWER_VERSION') return 'left untouched: it is not damaged; upgrade fragments to read it';
  return 'left untouched: it is not damaged; fix what the problem says, then run doctor again';
}

async function checkFile(store: Store, file: JsonFile<unknown>, repair: boolean, now: Date): Promise<FileCheck> {
  file.forget();
  try {
    // In full: doctor is where damage a stamp cannot see (a slip of Fragments' own, an edit within one clock tick) is found.
    await file.load(true);
    return { file: file.rel, ok: true, ...(existsSync(file.path) ? {} : { absent: true }) };
  } catch (e) {
    if (!(e instanceof FragmentsError)) throw e;
    const check: FileCheck = { file: file.rel, ok: false, code: e.code, problem: problemOf(e) };
    if (!repair) return check;
    if (e.code !== 'DAMAGED_FILE') return { ...check, repair: leftAlone(e.code), repaired: false };
    const outcome = await restore(store, file, now);
    file.forget();
    return { ...check, ...outcome };
  }
}

/** The newest copy that passes the file's check; else a fresh file where losing the content costs little (settings, a retry cache). */
async function restore(store: Store, file: JsonFile<unknown>, now: Date): Promise<{ repair: string; repaired: boolean }> {
  for (const copy of await backupsOf(store.home, file.rel)) {
    let text: string;
    try {
      text = readBackup(copy);
      file.check(text);
    } catch {
      continue;
    }
    const aside = await replaceWith(store, file.rel, text, now);
    const which =
      copy === backupPath(store.home, file.rel, 1)
        ? 'the copy of the last write, so nothing acknowledged is lost'
        : 'a copy older than the last write (no newer copy passes its check), so the changes after it are lost';
    const from = existsSync(`${copy}.changes`) ? `${relTo(store, copy)} and the changes recorded after it` : relTo(store, copy);
    return { repair: `restored from ${from}, ${which}; the damaged file is kept at ${aside}`, repaired: true };
  }
  const fresh =
    file === (store.config as JsonFile<unknown>)
      ? 'reset to the default settings'
      : file === (store.requests as JsonFile<unknown>)
        ? 'emptied (it only keeps answers for --request-id retries; a retry now runs again)'
        : null;
  if (fresh) {
    const aside = await replaceWith(store, file.rel, file.freshText(), now);
    return { repair: `no good copy exists: ${fresh}; the damaged file is kept at ${aside}`, repaired: true };
  }
  return { repair: 'no good copy exists: the file was left as it is; fix it by hand or move it away to start that file afresh', repaired: false };
}

/** Stacks naming what the plan lacks, and activity of sessions that sessions.json lacks; only between files that load. */
async function checkReferences(store: Store, repair: boolean, now: Date, planAgrees: boolean): Promise<FileCheck[]> {
  const state = new PlanState(store.planFiles, (file) => file.open(false));
  // An index that disagrees with the sprint files tells nothing about what the plan holds: its own check says so.
  const [plan, sessions] = await Promise.all([planAgrees ? state.all().catch(() => null) : null, store.sessions.load().catch(() => null)]);
  const checks: FileCheck[] = [];
  if (!sessions) return checks;
  for (const dangling of plan ? danglingFrames(plan, sessions) : []) {
    const check = broken(FILES.sessions, describeFrame(dangling));
    checks.push(repair ? { ...check, repair: dropFrame(dangling), repaired: true } : check);
  }
  for (const key of await activityKeys(store)) {
    if (sessions.sessions.some((s) => s.key === key)) continue;
    const activity = await historyOf(store, key);
    if (!activity) continue;
    const check = broken(activityRel(key), `its session ${key} is not in ${FILES.sessions}`);
    if (!repair) {
      checks.push(check);
      continue;
    }
    const session = sessionFromActivity(key, activity);
    if (session) {
      insertSession(sessions, session);
      const repaired = `added ${key} to ${FILES.sessions} as an abandoned session rebuilt from its ${activity.length} activities (${session.started_at} to ${session.ended_at}), so its history stays readable and its key is never reused`;
      checks.push({ ...check, repair: repaired, repaired: true });
    } else {
      const aside = asidePath(store.home, activityRel(key), 'orphan', now);
      await fsp.mkdir(dirname(aside), { recursive: true, mode: 0o700 });
      await fsp.rename(join(store.home, activityRel(key)), aside);
      checks.push({ ...check, repair: `it holds no activity: moved to ${relTo(store, aside)}`, repaired: true });
    }
  }
  if (repair) {
    const text = store.sessions.render(sessions);
    if (text !== null) await store.sessions.write(text, sessions);
  }
  return checks;
}

/** The pointer is restored from its copies like a file; failing that, it points at the open session last active, or is cleared. */
async function checkPointer(store: Store, repair: boolean, now: Date): Promise<FileCheck> {
  const sessions = await store.sessions.load().catch(() => null);
  let check: FileCheck;
  try {
    const key = await store.readCurrent();
    if (key === null || !sessions || sessions.sessions.some((s) => s.key === key)) return { file: FILES.current, ok: true };
    check = { file: FILES.current, ok: false, code: 'BROKEN_REFERENCE', problem: `it names ${key}, which ${FILES.sessions} does not hold` };
  } catch (e) {
    if (!(e instanceof FragmentsError)) throw e;
    check = { file: FILES.current, ok: false, code: e.code, problem: problemOf(e) };
  }
  if (!repair) return check;
  if (check.code !== 'DAMAGED_FILE' && check.code !== 'BROKEN_REFERENCE') return { ...check, repair: leftAlone(check.code!), repaired: false };
  if (!sessions) return { ...check, repair: `left as it is until ${FILES.sessions} is repaired`, repaired: false };
  const kept = check.code === 'DAMAGED_FILE' ? `; the damaged file is kept at ${await setAside(store, FILES.current, now)}` : '';
  const known = (key: string) => sessions.sessions.some((s) => s.key === key);
  for (const copy of await backupsOf(store.home, FILES.current)) {
    const key = (await fsp.readFile(copy, 'utf8')).trim();
    if (key !== '' && !known(key)) continue;
    await store.writeCurrent(key === '' ? null : key);
    const what = key === '' ? `removed, as ${relTo(store, copy)} shows it was last cleared` : `restored ${key} from ${relTo(store, copy)}`;
    return { ...check, repair: `${what}${kept}`, repaired: true };
  }
  const open = lastOpenSession(sessions);
  await store.writeCurrent(open?.key ?? null);
  const what = open
    ? `no copy names a session: pointed at ${open.key}, the open session last active`
    : 'no copy names a session and none is open: removed; `fragments session:start` sets it again';
  return { ...check, repair: `${what}${kept}`, repaired: true };
}

/**
 * A readable journal under the lock is a change its process died in the
 * middle of: doctor finishes it first, as the next command would, and judges
 * the home as that leaves it. Only a damaged journal needs setting aside.
 */
async function checkJournal(store: Store, repair: boolean, now: Date, locked: boolean): Promise<FileCheck> {
  try {
    const journal = await readJournal(store.home);
    if (!journal) return { file: JOURNAL, ok: true, absent: true };
    if (!locked) return { file: JOURNAL, ok: true };
    await replayJournal(store.home, journal, (key) => store.writeCurrent(key));
    return { file: JOURNAL, ok: true, repair: 'finished the change a stopped process left in it' };
  } catch (e) {
    if (!(e instanceof FragmentsError)) throw e;
    const check: FileCheck = { file: JOURNAL, ok: false, code: e.code, problem: problemOf(e) };
    if (!repair) return check;
    if (e.code !== 'DAMAGED_FILE') return { ...check, repair: leftAlone(e.code), repaired: false };
    const aside = asidePath(store.home, JOURNAL, 'damaged', now);
    await fsp.mkdir(dirname(aside), { recursive: true, mode: 0o700 });
    await fsp.rename(join(store.home, JOURNAL), aside);
    return { ...check, repair: `set aside at ${relTo(store, aside)}; the unfinished change it held is dropped`, repaired: true };
  }
}
