import { damaged, newerVersion } from '../domain/errors.js';

type Step = (data: Record<string, unknown>) => Record<string, unknown>;

/** The version a kind of file is written at, and the steps up to it: steps[i] takes version i+1 to i+2. */
interface Versions {
  current: number;
  steps: Step[];
}

const FIRST: Versions = { current: 1, steps: [] };

/**
 * Activity 2 splits a session's history into segments (see activity-segments.ts):
 * a version-1 file is the whole history as the current segment, with none closed.
 * Older Fragments must refuse version 2, or it would rewrite the current segment
 * without knowing the closed ones.
 */
const ACTIVITY: Versions = { current: 2, steps: [(data) => ({ ...data, schema_version: 2, segments: 0 })] };

/** Files are told apart by where they live in the home. */
export function versionsOf(rel: string): Versions {
  return rel.startsWith('activity') ? ACTIVITY : FIRST;
}

export function upgrade(file: string, data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  let record = data as Record<string, unknown>;
  const version = record.schema_version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw damaged(file, `schema_version is ${JSON.stringify(version)}, expected a whole number`);
  }
  const { current, steps } = versionsOf(file);
  if (version > current) throw newerVersion(file, version, current);
  for (let v = version; v < current; v++) record = steps[v - 1]!(record);
  return record;
}
