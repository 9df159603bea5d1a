import type { Activity } from '../domain/activity.js';
import type { Tx } from './port.js';

/** Appends the activity `make` builds from its number, the session's next one. */
export function appendActivity(tx: Tx, key: string, make: (id: number) => Activity): Promise<Activity> {
  return tx.appendActivity(key, make);
}

/** The session's activities, oldest first, read from the newest back until `enough` says so (see Tx.readBack). */
export function readBack(tx: Tx, key: string, enough: (read: Activity[]) => boolean): Promise<Activity[]> {
  return tx.readBack(key, enough);
}

/** The newest `count` activities, oldest first. */
export async function recentActivities(tx: Tx, key: string, count: number): Promise<Activity[]> {
  const read = await readBack(tx, key, (a) => a.length >= count);
  return count === 0 ? [] : read.slice(-count);
}

/** Activities recorded after the one numbered `id`. */
export async function activitiesAfter(tx: Tx, key: string, id: number): Promise<Activity[]> {
  const read = await readBack(tx, key, (a) => a.length > 0 && a[0]!.id <= id);
  return read.filter((a) => a.id > id);
}

/** Activities recorded on `date` (YYYY-MM-DD, UTC), counted by kind. */
export async function countDay(tx: Tx, key: string, date: string): Promise<Record<string, number>> {
  const read = await readBack(tx, key, (a) => a.length > 0 && a[0]!.at.slice(0, 10) < date);
  const counts: Record<string, number> = {};
  for (const a of read) if (a.at.slice(0, 10) === date) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
  return counts;
}
