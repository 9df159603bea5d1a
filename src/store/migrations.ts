import { damaged, newerVersion } from '../domain/errors.js';

export const SCHEMA_VERSION = 1;

/**
 * Upgrades from version i+1 to i+2 live at index i. Version 1 is the first,
 * so the list is empty; older files are upgraded on load once a schema change adds a step.
 */
const UPGRADES: ((data: Record<string, unknown>) => Record<string, unknown>)[] = [];

export function upgrade(file: string, data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  let record = data as Record<string, unknown>;
  const version = record.schema_version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw damaged(file, `schema_version is ${JSON.stringify(version)}, expected a whole number`);
  }
  if (version > SCHEMA_VERSION) throw newerVersion(file, version, SCHEMA_VERSION);
  for (let v = version; v < SCHEMA_VERSION; v++) record = UPGRADES[v - 1]!(record);
  return record;
}
