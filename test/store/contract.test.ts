/**
 * The store's contract, one suite for both stores: the home folder and
 * PostgreSQL. Whatever a command may ask of a store answers the same on each;
 * nothing above store/ knows which it has.
 */
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../src/domain/activity.js';
import { createSprint, createTask } from '../../src/core/plan.js';
import { createSession } from '../../src/core/session.js';
import { openStore, type Store } from '../../src/store/store.js';
import { tempHome } from '../helpers/cli.js';
import { freshDatabase, pgMissing } from '../helpers/databases.js';

const AT = '2026-01-05T14:30:00.000Z';

const kinds: { name: string; skip?: string | undefined; open: (person?: string) => Promise<Store> }[] = [
  { name: 'the home folder', open: async () => openStore({ home: tempHome('contract') }) },
  {
    name: 'PostgreSQL',
    skip: pgMissing,
    open: async (person = 'ann@example.com') => openStore({ home: tempHome('contract-pg'), url: await freshDatabase('contract'), user: () => person }),
  },
];

const NOW = new Date(AT);
const activity = (key: string, id: number, text = `a${id}`): Activity => ({ id, at: AT, kind: 'log', command: 'log', text, session: key, task: null, sprint: null, source: 'cli' });

/** Two sprints (the second's task depends on the first's), a task of no sprint, one session. */
async function seeded(store: Store): Promise<void> {
  await store.transact(async (tx) => {
    const plan = await tx.plan();
    for (const code of ['S-1', 'S-2']) createSprint(plan, { code, title: `Sprint ${code}` }, NOW);
    createTask(plan, { code: 'T-1', title: 'Task T-1', sprint: 'S-1' }, NOW);
    createTask(plan, { code: 'T-2', title: 'Task T-2', sprint: 'S-2', depends: ['T-1'] }, NOW);
    createTask(plan, { code: 'T-3', title: 'Task T-3', sprint: 'S-2' }, NOW);
    createTask(plan, { code: 'B-1', title: 'Task B-1' }, NOW);
    const session = createSession(await tx.sessions(), { type: 'work', source: 'cli', agent: null, user: null }, NOW);
    tx.setCurrent(session.key);
  });
}

for (const kind of kinds) {
  describe.skipIf(kind.skip !== undefined)(`the store contract on ${kind.name}${kind.skip ? ` (skipped: ${kind.skip})` : ''}`, () => {
    it('a transaction writes all it changed, and a read sees it', async () => {
      const store = await kind.open();
      await seeded(store);
      const seen = await store.read(async (tx) => ({ plan: await tx.plan(), sessions: await tx.sessions(), current: await tx.current() }));
      expect(seen.plan.sprints.map((s) => s.code)).toEqual(['S-1', 'S-2']);
      expect(seen.plan.tasks.map((t) => t.code).sort()).toEqual(['B-1', 'T-1', 'T-2', 'T-3']);
      expect(seen.sessions.sessions.map((s) => s.key)).toEqual(['SESSION-001']);
      expect(seen.current).toBe('SESSION-001');
      await store.close();
    });

    it('a change of a task in place is kept, whichever view of the plan it came through', async () => {
      const store = await kind.open();
      await seeded(store);
      await store.transact(async (tx) => {
        const around = await tx.planAround({ tasks: ['t-2'] });
        around.tasks.find((t) => t.code === 'T-2')!.status = 'in_progress';
      });
      const tasks = await store.read(async (tx) => (await tx.plan()).tasks);
      expect(tasks.find((t) => t.code === 'T-2')!.status).toBe('in_progress');
      await store.close();
    });

    it('the plan around a task holds its sprint and what its rules look at, not the rest', async () => {
      const store = await kind.open();
      await seeded(store);
      const around = await store.read((tx) => tx.planAround({ tasks: ['T-2'] }));
      const codes = around.tasks.map((t) => t.code);
      expect(codes).toEqual(expect.arrayContaining(['T-2', 'T-3', 'T-1']));
      expect(codes).not.toContain('B-1');
      expect(around.sprints.map((s) => s.code)).toEqual(['S-1', 'S-2']);
      await store.close();
    });

    it('an error in a transaction writes nothing', async () => {
      const store = await kind.open();
      await seeded(store);
      await expect(
        store.transact(async (tx) => {
          createTask(await tx.plan(), { code: 'T-NEW', title: 'Task T-NEW', sprint: 'S-1' }, NOW);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.read(async (tx) => (await tx.plan()).tasks.some((t) => t.code === 'T-NEW'))).toBe(false);
      await store.close();
    });

    it('a dry run sees its change and writes nothing', async () => {
      const store = await kind.open();
      await seeded(store);
      const seen = await store.simulate(async (tx) => {
        createTask(await tx.plan(), { code: 'T-DRY', title: 'Task T-DRY', sprint: 'S-1' }, NOW);
        return (await tx.plan()).tasks.length;
      });
      expect(seen).toBe(5);
      expect(await store.read(async (tx) => (await tx.plan()).tasks.length)).toBe(4);
      await store.close();
    });

    it('activity is numbered on from the last, and read back from the newest as far as asked', async () => {
      const store = await kind.open();
      await seeded(store);
      for (let batch = 0; batch < 5; batch++) {
        await store.transact(async (tx) => {
          for (let i = 0; i < 100; i++) await tx.appendActivity('SESSION-001', (id) => activity('SESSION-001', id));
        });
      }
      const last3 = await store.read((tx) => tx.readBack('SESSION-001', (read) => read.length >= 3));
      expect(last3.slice(-3).map((a) => a.id)).toEqual([498, 499, 500]);
      const all = await store.read((tx) => tx.readBack('SESSION-001', () => false));
      expect(all.map((a) => a.id)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      await store.close();
    });

    it('a request\'s answer is kept, and found again', async () => {
      const store = await kind.open();
      await seeded(store);
      const entry = { id: 'R-1', command: 'update', fingerprint: 'f', at: AT, envelope: { success: true } };
      await store.transact((tx) => tx.remember(entry));
      expect(await store.read((tx) => tx.requestAnswer('R-1'))).toEqual(entry);
      expect(await store.read((tx) => tx.requestAnswer('R-2'))).toBeNull();
      await store.close();
    });

    it('concurrent transactions lose none of each other\'s changes', async () => {
      const store = await kind.open();
      await seeded(store);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.transact(async (tx) => {
            const s = (await tx.sessions()).sessions[0]!;
            s.activity_count += 1;
            await tx.appendActivity('SESSION-001', (id) => activity('SESSION-001', id, `w${i}`));
          }),
        ),
      );
      const [count, history] = await store.read(async (tx) => [(await tx.sessions()).sessions[0]!.activity_count, await tx.readBack('SESSION-001', () => false)] as const);
      expect(count).toBe(20);
      expect(history.map((a) => a.text).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `w${i}`).sort());
      await store.close();
    });

    it('a dump loaded into an empty store gives the same dump back', async () => {
      const store = await kind.open();
      await seeded(store);
      await store.transact(async (tx) => {
        for (let i = 0; i < 250; i++) await tx.appendActivity('SESSION-001', (id) => activity('SESSION-001', id));
        await tx.remember({ id: 'R-1', command: 'update', at: AT, envelope: { success: true } });
      });
      const dump = await store.dump();
      const copy = await kind.open();
      await copy.load(dump);
      expect(await copy.dump()).toEqual(dump);
      await expect(copy.load(dump)).rejects.toThrow(/only into an empty/);
      await Promise.all([store.close(), copy.close()]);
    });

    it('doctor finds a home in order sound', async () => {
      const store = await kind.open();
      await seeded(store);
      const checks = await store.doctor(false, new Date(AT));
      expect(checks.filter((c) => !c.ok)).toEqual([]);
      await store.close();
    });
  });
}
