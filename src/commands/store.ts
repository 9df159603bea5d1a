import * as z from 'zod';
import { FragmentsError } from '../domain/errors.js';
import { defineCommand, type Ctx } from '../runner/define.js';
import type { Store, StoreDump } from '../store/port.js';
import { isDatabaseUrl, openStore } from '../store/store.js';

/** What a copy carried, counted on both sides so a short copy cannot pass unseen. */
function counts(dump: StoreDump) {
  return {
    sprints: dump.sprints.length,
    tasks: dump.tasks.length,
    sessions: dump.sessions.length,
    activities: Object.values(dump.activities).reduce((sum, list) => sum + list.length, 0),
    requests: dump.requests.length,
  };
}

/**
 * A home folder records no person on its sessions: it is one person's. In a
 * copy they become the copier's, so that on a shared store nobody else takes
 * up that person's open session as if it were theirs.
 */
function ownedSessions(dump: StoreDump, who: string): StoreDump {
  return { ...dump, sessions: dump.sessions.map((s) => (s.user === null ? { ...s, user: who } : s)) };
}

/** A database URL names a PostgreSQL store; anything else is a home folder's path. */
const storeAt = (ctx: Ctx, place: string): Promise<Store> =>
  openStore(isDatabaseUrl(place) ? { home: ctx.store.home, url: place, user: ctx.store.who } : { home: place, user: ctx.store.who });

/** URLs name databases the caller may not reach on its own: a store is chosen where the developer types. */
function refuseHere(ctx: Ctx, command: string): void {
  if (ctx.byDeveloper) return;
  throw new FragmentsError('USAGE', `\`${command}\` reaches another store, so it runs only where the developer types it: run \`fragments ${command}\` in a terminal.`);
}

export const storeCommands = [
  defineCommand({
    name: 'store:copy',
    summary: 'Copy everything (plan, sessions, activity, requests) into an empty store: --to URL|DIR from this one, or --from URL|DIR into this one',
    tx: 'none',
    example: 'store:copy --to postgres://team-db/fragments',
    args: { to: z.string().min(1).optional(), from: z.string().min(1).optional() },
    refine: { check: (a) => (a.to === undefined) !== (a.from === undefined), path: 'to', message: 'or --from: give exactly one, --to URL to copy this store there or --from URL to copy that store here' },
    async run(ctx, args) {
      refuseHere(ctx, 'store:copy');
      const other = await storeAt(ctx, (args.to ?? args.from)!);
      const [source, target] = args.to ? [ctx.store, other] : [other, ctx.store];
      try {
        const dump = ownedSessions(await source.dump(), ctx.store.who());
        await target.load(dump);
        const copied = counts(await target.dump());
        const expected = counts(dump);
        if (JSON.stringify(copied) !== JSON.stringify(expected)) {
          throw new FragmentsError('VALIDATION_FAILED', `The copy in ${target.where} holds ${JSON.stringify(copied)}, not ${JSON.stringify(expected)}; run doctor there before using it.`);
        }
        return { data: { ui: 'store', from: source.where, to: target.where, copied } };
      } finally {
        await other.close();
      }
    },
  }),
  defineCommand({
    name: 'store:migrate',
    summary: "Bring the store's schema up to this version now (it also happens on first use)",
    tx: 'none',
    args: {},
    async run(ctx) {
      const migrated = await ctx.store.migrate();
      return { data: { ui: 'store', store: ctx.store.where, ...(migrated ?? { from: null, to: null }) } };
    },
  }),
];
