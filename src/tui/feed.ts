import type { NeighbourEvent } from '../core/board.js';
import type { Activity } from '../domain/activity.js';
import { byText } from '../domain/order.js';

/** One line of the activity panel: the session's own activity, or news of another session. */
export type FeedLine = { kind: 'activity'; at: string; activity: Activity } | { kind: 'other'; at: string; event: NeighbourEvent };

/** The session's activity with other sessions' starts, pauses and ends among it, oldest first. */
export function feedLines(activities: Activity[], others: NeighbourEvent[]): FeedLine[] {
  const lines: FeedLine[] = [...activities.map((activity) => ({ kind: 'activity' as const, at: activity.at, activity })), ...others.map((event) => ({ kind: 'other' as const, at: event.at, event }))];
  // Stable: at one moment, the session's own line first.
  return lines.sort((a, b) => byText(a.at, b.at));
}
