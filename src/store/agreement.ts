import type { ActivityFile } from '../domain/activity.js';
import { codesOf, codesText, type PlanIndex, type PlanPart, type Sprint } from '../domain/plan.js';
import { partRel } from './plan-state.js';

/**
 * What files of the home must say alike, checked by doctor: each may be valid
 * alone and the home still wrong (an index emptied while the sprint files hold
 * the tasks; a current segment emptied while closed ones hold the history). A
 * file that disagrees is damage, and a copy that disagrees is no good copy.
 * Pure: doctor reads the files and writes what these decide.
 */

/** A sprint file as found on disk, at `rel`. */
export interface PartOnDisk {
  rel: string;
  part: PlanPart;
}

/** Where the index and the sprint files on disk disagree; empty when they agree. */
export function indexProblems(index: PlanIndex, parts: PartOnDisk[]): string[] {
  const problems: string[] = [];
  const listed = new Map(index.parts.map((p) => [partRel(p.sprint), new Set(codesOf(p).map((c) => c.toLowerCase()))]));
  const onDisk = new Map(parts.map((p) => [p.rel, p.part]));
  for (const listedPart of index.parts) {
    const rel = partRel(listedPart.sprint);
    const held = new Set(onDisk.get(rel)?.tasks.map((t) => t.code.toLowerCase()) ?? []);
    for (const code of codesOf(listedPart)) if (!held.has(code.toLowerCase())) problems.push(`it lists ${code}, which ${rel} does not hold`);
  }
  const sprints = new Set(index.sprints.map((s) => s.code.toLowerCase()));
  for (const { rel, part } of parts) {
    if (part.tasks.length === 0) continue;
    const known = listed.get(rel);
    if (!known) problems.push(`it does not list ${rel}, which holds ${plural(part.tasks.length, 'task')}`);
    else for (const task of part.tasks) if (!known.has(task.code.toLowerCase())) problems.push(`it does not list ${task.code}, which ${rel} holds`);
    if (part.sprint !== null && !sprints.has(part.sprint.toLowerCase())) problems.push(`it has no sprint ${part.sprint}, whose tasks ${rel} holds`);
  }
  const parents = parentsOf(parts);
  const drift = Object.keys({ ...parents, ...index.parents }).filter((code) => parents[code] !== index.parents[code]);
  if (drift.length) problems.push(`its parents of ${drift.slice(0, 3).join(', ')}${drift.length > 3 ? ` and ${drift.length - 3} more` : ''} differ from the tasks'`);
  return problems;
}

/**
 * The index rebuilt from the sprint files, which hold the tasks themselves.
 * A sprint's details come from the first source that has them (the index as
 * found, then older copies, newest first); a sprint that none has is named
 * after its code, and listed in `invented`.
 */
export function rebuiltIndex(parts: PartOnDisk[], sources: Sprint[][], now: Date): { index: PlanIndex; invented: string[] } {
  const sprints: Sprint[] = [];
  const have = new Set<string>();
  for (const source of sources) {
    for (const sprint of source) {
      if (have.has(sprint.code.toLowerCase())) continue;
      have.add(sprint.code.toLowerCase());
      sprints.push(sprint);
    }
  }
  const invented: string[] = [];
  for (const { part } of parts) {
    if (part.sprint === null || part.tasks.length === 0 || have.has(part.sprint.toLowerCase())) continue;
    have.add(part.sprint.toLowerCase());
    invented.push(part.sprint);
    const at = now.toISOString();
    sprints.push({ code: part.sprint, title: part.sprint, goal: null, status: 'planned', estimate: null, retrospective: null, deliverables: [], notes: [], created_at: at, updated_at: at, completed_at: null });
  }
  return {
    index: {
      schema_version: 5,
      sprints,
      parts: parts.filter((p) => p.part.tasks.length > 0).map((p) => ({ sprint: p.part.sprint, tasks: codesText(p.part.tasks.map((t) => t.code)) })),
      parents: parentsOf(parts),
    },
    invented,
  };
}

function parentsOf(parts: PartOnDisk[]): Record<string, string> {
  return Object.fromEntries(parts.flatMap((p) => p.part.tasks.flatMap((t) => (t.parent === null ? [] : [[t.code, t.parent]]))));
}

/** A session's history as found: its current segment, the closed segments on disk, and the count sessions.json keeps (null when it has none). */
export interface HistoryOnDisk {
  current: ActivityFile;
  /** The numbers of the closed segment files, ascending. */
  closed: number[];
  /** The id of the last activity of the newest closed segment, when it loads. */
  lastClosedId: number | null;
  count: number | null;
}

/** The id of the newest activity the history holds. */
export function lastId(history: HistoryOnDisk): number {
  return history.current.activities.at(-1)?.id ?? history.lastClosedId ?? 0;
}

/** Where a current segment disagrees with the closed segments on disk and the session's count; empty when they agree. */
export function historyProblems(history: HistoryOnDisk): string[] {
  const { current, closed, count } = history;
  const problems: string[] = [];
  const beyond = closed.filter((n) => n > current.segments);
  if (beyond.length) problems.push(`it counts ${current.segments} closed segments, yet ${beyond.length === 1 ? `segment ${beyond[0]} is` : `segments ${beyond[0]}–${beyond.at(-1)} are`} on disk`);
  const missing = Array.from({ length: current.segments }, (_, i) => i + 1).filter((n) => !closed.includes(n));
  if (missing.length) problems.push(`it counts ${current.segments} closed segments, yet segment ${missing[0]} is missing`);
  const last = lastId(history);
  if (count !== null && last !== count) problems.push(`its newest activity is number ${last}, where the session counts ${count}`);
  return problems;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
