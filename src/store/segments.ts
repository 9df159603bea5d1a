import type { Activity } from '../domain/activity.js';
import { damaged } from '../domain/errors.js';
import type { HomeTx } from './home-tx.js';
import { segmentRel } from './home-files.js';

/**
 * Activities a current segment holds before they move to a closed one. Small,
 * because a command that records rewrites the whole current segment; closed
 * segments are written once and read only by those who look back that far.
 */
export const SEGMENT_SIZE = 200;

/** Appends the activity `make` builds from its id, closing full segments first. */
export async function appendToSegments(tx: HomeTx, key: string, make: (id: number) => Activity): Promise<Activity> {
  const current = await tx.activity(key);
  const id = (current.activities.at(-1)?.id ?? (await lastClosedId(tx, key, current.segments))) + 1;
  // A home from before segments holds its whole history here: it is closed in
  // pieces of SEGMENT_SIZE, once, by the first command that records.
  while (current.activities.length >= SEGMENT_SIZE) {
    const n = current.segments + 1;
    const closed = await tx.closedSegment(key, n);
    if (closed.activities.length) throw damaged(segmentRel(key, n), `it already holds activities, yet activity/${key}.json counts only ${current.segments} closed segments`);
    closed.activities = current.activities.splice(0, SEGMENT_SIZE);
    current.segments = n;
  }
  const activity = make(id);
  current.activities.push(activity);
  return activity;
}

async function lastClosedId(tx: HomeTx, key: string, segments: number): Promise<number> {
  if (segments === 0) return 0;
  return (await tx.closedSegment(key, segments)).activities.at(-1)?.id ?? 0;
}

/**
 * The session's activities, oldest first, read from the newest segment back
 * until `enough` says so of what has been read (oldest first): a command pays
 * for how far it looks back, not for how long the history is.
 */
export async function readSegmentsBack(tx: HomeTx, key: string, enough: (read: Activity[]) => boolean): Promise<Activity[]> {
  const current = await tx.activity(key);
  let read = current.activities;
  for (let n = current.segments; n >= 1 && !enough(read); n--) {
    read = [...(await tx.closedSegment(key, n)).activities, ...read];
  }
  return read;
}

