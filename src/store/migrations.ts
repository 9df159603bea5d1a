import { join } from 'node:path';
import { damaged, newerVersion } from '../domain/errors.js';

type Step = (data: Record<string, unknown>) => Record<string, unknown>;

/** The versions a kind of file may have, and the steps from the oldest: steps[i] takes version first+i to first+i+1. */
interface Versions {
  first: number;
  current: number;
  steps: Step[];
}

const FIRST: Versions = { first: 1, current: 1, steps: [] };

/**
 * plan.json 2 is an index, the tasks moved to one file per sprint. A change
 * spans files, so it is not a step here: version 1 loads as it is, the whole
 * plan, and the store writes it split at the next change (plan-state.ts).
 *
 * plan.json 3 is the same index, with entries added to a sprint's tasks kept
 * in plan/recent/ until the sprint file is next written (sprint-file.ts). A
 * Fragments that reads up to 2 knows no such folder and would show, then
 * rewrite, sprint files without those acknowledged entries: it must refuse
 * the home instead. A version-2 index holds nothing new, so it steps up
 * as it is, and the first change that reads it writes it as 3.
 *
 * plan.json 4: entries in plan/recent/ may also hold fields a command set
 * (`set`: a status, a summary). A Fragments that reads up to 3 would drop
 * them unread, and show (then write) a finished task as still open; so it
 * must refuse the home too. A version-3 index steps up as it is.
 *
 * plan.json 5 holds each part's codes as one string (domain/plan.ts).
 */
const PLAN: Versions = {
  first: 1,
  current: 5,
  steps: [
    (data) => data,
    (data) => (data.schema_version === 2 ? { ...data, schema_version: 3 } : data),
    (data) => (data.schema_version === 3 ? { ...data, schema_version: 4 } : data),
    (data) => (data.schema_version === 4 && Array.isArray(data.parts) ? { ...data, schema_version: 5, parts: data.parts.map(joinedCodes) } : data),
  ],
};

/** A version-4 part's list of codes as one string; anything else is left for the check to report. */
function joinedCodes(part: unknown): unknown {
  const tasks = (part as { tasks?: unknown } | null)?.tasks;
  return Array.isArray(tasks) && tasks.every((code) => typeof code === 'string') ? { ...(part as object), tasks: tasks.join(' ') } : part;
}

/**
 * A sprint's file exists only from version 2. Version 3 may hold rows that
 * repeat what the rules read of each task (domain/plan.ts): a Fragments that
 * reads up to 2 would change the tasks and keep the rows as they were, so it
 * must refuse the file. A version-2 file holds no rows, so it steps up as it is.
 */
const PART: Versions = { first: 2, current: 3, steps: [(data) => ({ ...data, schema_version: 3 })] };

/**
 * Activity 2 splits a session's history into segments (see activity-segments.ts):
 * a version-1 file is the whole history as the current segment, with none closed.
 * Older Fragments must refuse version 2, or it would rewrite the current segment
 * without knowing the closed ones.
 */
const ACTIVITY: Versions = { first: 1, current: 2, steps: [(data) => ({ ...data, schema_version: 2, segments: 0 })] };

/** Files are told apart by where they live in the home. */
export function versionsOf(rel: string): Versions {
  if (rel === 'plan.json') return PLAN;
  if (rel.startsWith(join('plan', 'recent'))) return FIRST;
  if (rel.startsWith('plan')) return PART;
  return rel.startsWith('activity') ? ACTIVITY : FIRST;
}

export function upgrade(file: string, data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  let record = data as Record<string, unknown>;
  const version = record.schema_version;
  const { first, current, steps } = versionsOf(file);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < first) {
    throw damaged(file, `schema_version is ${JSON.stringify(version)}, expected a whole number from ${first}`);
  }
  if (version > current) throw newerVersion(file, version, current);
  for (let v = version; v < current; v++) record = steps[v - first]!(record);
  return record;
}
