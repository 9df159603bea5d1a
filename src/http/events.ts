import type { Context } from 'hono';
import type { Env } from './env.js';
import { streamSSE } from 'hono/streaming';
import { followActivity } from '../store/activity-feed.js';
import type { Store } from '../store/store.js';

const KEEP_ALIVE_MS = 15_000;

/**
 * `GET /api/events`: every activity recorded in the home from now on, by any
 * process, as a Server-Sent Event (`event: activity`, the activity as data,
 * with its session and source). `event: ready` says the follower is in place.
 * With `X-Session-Key`, only that session's activities.
 * `streams` holds a way to end each open stream, for a clean shutdown.
 */
export function activityEvents(store: Store, streams: Set<() => void>) {
  return (c: Context<Env>) =>
    streamSSE(c, async (stream) => {
      const only = c.var.session?.key;
      const next = followActivity(store);
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      streams.add(end);
      stream.onAbort(end);
      // One read at a time, in order: a burst of changes never sends an activity twice or out of order.
      // The first read only notes where the home stands; the watch is already on, so nothing after it is missed.
      let sending: Promise<void> = next().then(() => undefined);
      const send = () => {
        sending = sending
          .then(async () => {
            for (const a of await next()) if (!only || a.session === only) await stream.writeSSE({ event: 'activity', id: `${a.session}/${a.id}`, data: JSON.stringify(a) });
          })
          .catch(end);
      };
      const unwatch = store.watch(send);
      await sending;
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n').catch(end), KEEP_ALIVE_MS);
      await stream.writeSSE({ event: 'ready', data: '{}' });
      await ended;
      clearInterval(keepAlive);
      unwatch();
      streams.delete(end);
    });
}
