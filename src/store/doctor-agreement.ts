import { join } from 'node:path';
import type { ActivityFile } from '../domain/activity.js';
import { codesOf } from '../domain/plan.js';
import type { SessionsFile } from '../domain/session.js';
import { historyProblems, indexProblems, lastId, rebuiltIndex, type HistoryOnDisk, type PartOnDisk } from './agreement.js';
import { activityKeys, broken, closedNumbers, goodCopies, namesIn, relTo, replaceWith, setAside, type FileCheck } from './doctor-files.js';
import { readJournal } from './journal.js';
import { FILES, activityRel } from './home-files.js';
import type { HomeStore as Store } from './home-store.js';

/**
 * doctor's checks that files agree with each other (agreement.ts says what
 * agreeing is), and their repairs, which bring back what was acknowledged:
 * the sprint files hold the tasks, the closed segments and the copies of the
 * current one hold the history.
 */

/** Every sprint file on disk; null when one does not load (its own check reports it, and nothing can be said of the plan). */
async function partsOnDisk(store: Store): Promise<PartOnDisk[] | null> {
  const json = (names: string[]) => names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  const rels = [...json(await namesIn(join(store.home, 'plan'))).map((n) => join('plan', n)), ...json(await namesIn(join(store.home, 'plan', 'sprints'))).map((n) => join('plan', 'sprints', n))];
  const parts: PartOnDisk[] = [];
  for (const rel of rels) {
    const part = await store.partFile(rel).load().catch(() => null);
    if (!part) return null;
    parts.push({ rel, part });
  }
  return parts;
}

/** The index against the sprint files on disk; repair rebuilds it from them. Returns whether they agree (or now do). */
export async function checkPlanAgreement(store: Store, repair: boolean, now: Date): Promise<{ checks: FileCheck[]; agrees: boolean }> {
  const index = await store.plan.load().catch(() => null);
  // A change a stopped process left in the journal may have replaced the index
  // and not yet its sprint files: the next command finishes it (repair did, first).
  if (!index || index.schema_version !== 5 || (await readJournal(store.home).catch(() => null))) return { checks: [], agrees: true };
  const parts = await partsOnDisk(store);
  if (!parts) return { checks: [], agrees: false };
  const problems = indexProblems(index, parts);
  if (problems.length === 0) return { checks: [], agrees: true };
  const check = broken(FILES.plan, problems.join('; '));
  if (!repair) return { checks: [check], agrees: false };
  const copies = await goodCopies(store, store.plan);
  const { index: rebuilt, invented } = rebuiltIndex(parts, [index.sprints, ...copies.map((c) => c.value.sprints)], now);
  const aside = await setAside(store, FILES.plan, now);
  await store.plan.write(store.plan.render(rebuilt) ?? `${JSON.stringify(rebuilt)}\n`, rebuilt);
  const tasks = rebuilt.parts.reduce((n, p) => n + codesOf(p).length, 0);
  const details = invented.length ? `; no copy knew sprint ${invented.join(', ')}, so it is named after its code` : '';
  return {
    checks: [{ ...check, repair: `rebuilt from the sprint files, which hold the tasks themselves (${tasks} in ${rebuilt.parts.length} file(s)), with each sprint's details from the index or its newest copy${details}; the index found is kept at ${aside}`, repaired: true }],
    agrees: true,
  };
}

async function historyOnDisk(store: Store, key: string, current: ActivityFile, sessions: SessionsFile | null): Promise<HistoryOnDisk> {
  const closed = await closedNumbers(store, key);
  const newest = current.segments > 0 && closed.includes(current.segments) ? await store.segmentFile(key, current.segments).load().catch(() => null) : null;
  const count = sessions?.sessions.find((s) => s.key === key)?.activity_count ?? null;
  return { current, closed, lastClosedId: newest?.activities.at(-1)?.id ?? null, count };
}

/** Each session's current segment against its closed segments on disk and the count sessions.json keeps. */
export async function checkHistoryAgreement(store: Store, repair: boolean, now: Date): Promise<FileCheck[]> {
  const sessions = await store.sessions.load().catch(() => null);
  const checks: FileCheck[] = [];
  for (const key of await activityKeys(store)) {
    const file = store.activityFile(key);
    const current = await file.load().catch(() => null);
    if (!current) continue;
    const found = await historyOnDisk(store, key, current, sessions);
    const problems = historyProblems(found);
    if (problems.length === 0) continue;
    const check = broken(activityRel(key), problems.join('; '));
    if (!repair) {
      checks.push(check);
      continue;
    }
    const copies = await goodCopies(store, file);
    const agreeing = [];
    for (const copy of copies) if (historyProblems(await historyOnDisk(store, key, copy.value, sessions)).length === 0) agreeing.push(copy);
    if (agreeing[0]) {
      const aside = await replaceWith(store, file.rel, agreeing[0].text, now);
      file.forget();
      checks.push({ ...check, repair: `restored from ${relTo(store, agreeing[0].path)}, the last copy written that agrees with the closed segments and the session's count; the file found is kept at ${aside}`, repaired: true });
      continue;
    }
    checks.push({ ...check, ...(await rebuildHistory(store, key, [current, ...copies.map((c) => c.value)], found.closed, sessions, now)) });
  }
  return checks;
}

/**
 * No copy agrees: the closed segments on disk stand, and the current segment
 * takes the fullest run of activities that continues them; the session's
 * count follows what is there, and what no file holds is named.
 */
async function rebuildHistory(store: Store, key: string, candidates: ActivityFile[], closed: number[], sessions: SessionsFile | null, now: Date): Promise<{ repair: string; repaired: boolean }> {
  let segments = 0;
  while (closed.includes(segments + 1)) segments++;
  const lastClosed = segments ? ((await store.segmentFile(key, segments).load().catch(() => null))?.activities.at(-1)?.id ?? 0) : 0;
  const runs = candidates.map((c) => c.activities.filter((a) => a.id > lastClosed));
  const activities = runs.reduce((best, run) => ((run.at(-1)?.id ?? 0) > (best.at(-1)?.id ?? 0) ? run : best), [] as ActivityFile['activities']);
  const rebuilt: ActivityFile = { schema_version: 2, session: key, segments, activities };
  const file = store.activityFile(key);
  const aside = await setAside(store, file.rel, now);
  await file.write(file.render(rebuilt) ?? `${JSON.stringify(rebuilt)}\n`, rebuilt);
  const last = lastId({ current: rebuilt, closed, lastClosedId: lastClosed || null, count: null });
  const session = sessions?.sessions.find((s) => s.key === key);
  let lost = '';
  if (session && session.activity_count !== last) {
    if (session.activity_count > last) lost = `; activities ${last + 1}–${session.activity_count} are in no file and could not be brought back`;
    session.activity_count = last;
    await store.sessions.write(store.sessions.render(sessions!)!, sessions!);
  }
  return { repair: `rebuilt on the ${segments} closed segment(s) on disk with the newest activities any copy holds (up to number ${last})${lost}; the file found is kept at ${aside}`, repaired: true };
}
