import type { Activity } from '../domain/activity.js';
import { activitiesAfter } from './activity-log.js';
import type { Store } from './port.js';
import { byText } from '../domain/order.js';

/**
 * Follows the activity every process records in the home: each call returns
 * what was recorded since the previous one (the first call, nothing: a
 * follower starts from now). A session's count tells whether its file need be
 * read at all, so the cost follows what changed, not the home's size.
 */
export function followActivity(store: Store): () => Promise<Activity[]> {
  let seen: Map<string, number> | null = null;
  return () =>
    store.read(async (tx) => {
      const { sessions } = await tx.sessions();
      if (!seen) {
        seen = new Map(sessions.map((s) => [s.key, s.activity_count]));
        return [];
      }
      const fresh: Activity[] = [];
      for (const session of sessions) {
        const before = seen.get(session.key) ?? 0;
        if (session.activity_count <= before) continue;
        fresh.push(...(await activitiesAfter(tx, session.key, before)));
        seen.set(session.key, session.activity_count);
      }
      return fresh.sort((a, b) => byText(a.at, b.at));
    });
}
