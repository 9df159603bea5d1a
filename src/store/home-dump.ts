import type { Activity } from '../domain/activity.js';
import { FragmentsError } from '../domain/errors.js';
import type { HomeStore } from './home-store.js';
import type { HomeTx } from './home-tx.js';
import type { StoreDump } from './port.js';

/** Everything the home holds, as store:copy carries it; the home's one pointer is `user`'s. */
export function dumpHome(store: HomeStore, user: string): Promise<StoreDump> {
  return store.read(async (tx) => {
    const [plan, { sessions }, current] = await Promise.all([tx.plan(), tx.sessions(), tx.current()]);
    const activities: Record<string, Activity[]> = {};
    for (const session of sessions) activities[session.key] = await tx.readBack(session.key, () => false);
    return {
      sprints: plan.sprints,
      tasks: plan.tasks,
      sessions,
      activities,
      requests: await tx.requestEntries(),
      pointers: current ? [{ user, session: current }] : [],
    };
  });
}

/** Loads a dump into an empty home, in one transaction; the pointer is `user`'s, if the dump has one for them. */
export function loadHome(store: HomeStore, dump: StoreDump, user: string): Promise<void> {
  return store.transact(async (tx: HomeTx) => {
    const [plan, sessions] = await Promise.all([tx.plan(), tx.sessions()]);
    if (plan.sprints.length || plan.tasks.length || sessions.sessions.length) {
      throw new FragmentsError('STORE_NOT_EMPTY', `${store.where} already holds a plan or sessions; store:copy loads only into an empty home. Point --home at a new folder.`);
    }
    plan.sprints.push(...dump.sprints);
    plan.tasks.push(...dump.tasks);
    sessions.sessions.push(...dump.sessions);
    for (const [key, activities] of Object.entries(dump.activities)) {
      for (const activity of activities) await tx.appendActivity(key, () => activity);
    }
    for (const entry of dump.requests) await tx.remember(entry);
    const pointer = dump.pointers.find((p) => p.user === user) ?? (dump.pointers.length === 1 ? dump.pointers[0] : undefined);
    if (pointer) tx.setCurrent(pointer.session);
  });
}
