/**
 * What a write costs follows what it changes: an update, a finished task, an
 * estimate write the sprint's small recent file, not the sprint file; a task
 * added to the sprint folds them in; a big
 * file's backup is its copy plus the changes since, and repair brings back the
 * last acknowledged state from them. Group commit: concurrent changes of one
 * process all land, and one that fails takes none of the others with it.
 */
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../src/domain/activity.js';
import { HomeStore } from '../../src/store/home-store.js';
import { fragmentsJson, tempHome, type WireEnvelope } from '../helpers/cli.js';

type Json = Record<string, any>;

async function ok(home: string, args: string[]): Promise<Json> {
  const answer = await fragmentsJson(home, args);
  expect(answer.success, `${args.join(' ')}: ${JSON.stringify((answer as WireEnvelope).error)}`).toBe(true);
  return answer.data as Json;
}

const SPRINT_FILE = join('plan', 'sprints', 's-1.json');
const RECENT_FILE = join('plan', 'recent', 's-1.json');
const stamp = (home: string, rel: string) => {
  const st = statSync(join(home, rel));
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
};

async function sprintHome(label: string, tasks: number, description = ''): Promise<string> {
  const home = tempHome(label);
  const plan = { sprints: [{ code: 'S-1', title: 'One', tasks: Array.from({ length: tasks }, (_, i) => ({ code: `T-${i + 1}`, title: `Task ${i + 1}`, description: description || null })) }] };
  const file = join(home, '..', `${label}-plan.json`);
  writeFileSync(file, JSON.stringify(plan));
  await ok(home, ['import', file]);
  await ok(home, ['session:start']);
  await ok(home, ['task:activate', 'T-1']);
  return home;
}

describe('an update writes what it adds', () => {
  it('leaves the sprint file as it was, shows every change at once, and folds them in when the sprint gains a task', async () => {
    const home = await sprintHome('write-cost', 3);
    const before = stamp(home, SPRINT_FILE);
    await ok(home, ['update', 'first step']);
    await ok(home, ['note', 'a caveat']);
    await ok(home, ['artifact', 'src/a.ts', 'the module']);
    await ok(home, ['done', 'finished', '--force']);
    await ok(home, ['task:activate', 'T-2']);
    await ok(home, ['estimate', '3h']);
    // Finishing a task, starting another and estimating it changed tasks the sprint holds: the sprint file stays.
    expect(stamp(home, SPRINT_FILE)).toBe(before);
    const shown = (await ok(home, ['task:show', 'T-1'])).task;
    expect([shown.status, shown.summary]).toEqual(['completed', 'finished']);
    expect(shown.updates.map((u: Json) => u.text)).toEqual(['first step']);
    expect(shown.notes.map((n: Json) => n.text)).toEqual(['a caveat']);
    expect(shown.artifacts.map((a: Json) => a.ref)).toEqual(['src/a.ts']);
    const t2 = (await ok(home, ['task:show', 'T-2'])).task;
    expect([t2.status, t2.estimate]).toEqual(['in_progress', { low_hours: 3, high_hours: 3 }]);
    expect((await ok(home, ['task:list'])).tasks.map((t: Json) => t.status)).toEqual(['completed', 'in_progress', 'pending']);

    await ok(home, ['task:create', 'T-4', '--title', 'Task 4', '--sprint', 'S-1']);
    const part = JSON.parse(readFileSync(join(home, SPRINT_FILE), 'utf8'));
    const task = part.tasks.find((t: Json) => t.code === 'T-1');
    expect([task.status, task.summary, task.updates.map((u: Json) => u.text), task.notes.length, task.artifacts.length]).toEqual(['completed', 'finished', ['first step'], 1, 1]);
    expect(part.tasks.find((t: Json) => t.code === 'T-2').estimate).toEqual({ low_hours: 3, high_hours: 3 });
    expect(JSON.parse(readFileSync(join(home, RECENT_FILE), 'utf8')).tasks).toEqual([]);
    // Nothing counted or set twice once folded.
    expect((await ok(home, ['task:show', 'T-1'])).task.updates_count).toBe(1);
    expect((await ok(home, ['task:list'])).tasks.map((t: Json) => t.status)).toEqual(['completed', 'in_progress', 'pending', 'pending']);
  });

  // Long descriptions make the sprint file big enough (≥ 64 KiB) to be backed up by its changes; 100 tasks or more give it rows.
  it.each([
    { tasks: 40, description: 2000, kind: 'without rows' },
    { tasks: 120, description: 600, kind: 'with a row per task' },
  ])('a damaged big sprint file ($kind) comes back from its copy and the changes recorded after it, with every acknowledged change', async ({ tasks, description }) => {
    const home = await sprintHome(`write-cost-big-${tasks}`, tasks, 'x'.repeat(description));
    await ok(home, ['update', 'one']);
    await ok(home, ['done', 'first done', '--force']);
    await ok(home, ['task:activate', 'T-2']);
    await ok(home, ['estimate', '3h']);
    // A task added folds those changes into the sprint file: its backup is the copy of before, and the changes.
    const added = `T-${tasks + 1}`;
    await ok(home, ['task:create', added, '--title', 'Task added', '--sprint', 'S-1']);
    expect(existsSync(join(home, 'backups', `${SPRINT_FILE}.1.changes`))).toBe(true);
    const written = readFileSync(join(home, SPRINT_FILE), 'utf8');
    writeFileSync(join(home, SPRINT_FILE), written.slice(0, 1000));

    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit, JSON.stringify(repair.error)).toBe(0);
    const entry = (repair.data as Json).files.find((f: Json) => f.file === SPRINT_FILE);
    expect(entry.repair).toMatch(/^restored from backups\/plan\/sprints\/s-1\.json\.1 and the changes recorded after it, the copy of the last write/);
    expect(readFileSync(join(home, SPRINT_FILE), 'utf8')).toBe(written);
    const t2 = (await ok(home, ['task:show', 'T-2'])).task;
    expect([t2.status, t2.estimate]).toEqual(['in_progress', { low_hours: 3, high_hours: 3 }]);
    expect((await ok(home, ['task:show', 'T-1'])).task.status).toBe('completed');
    expect((await ok(home, ['task:show', added])).task.title).toBe('Task added');
  });
});

describe('group commit', () => {
  it('concurrent changes of one process all land, each numbered once; one that fails takes none of the others with it', async () => {
    const home = tempHome('group-commit');
    const store = new HomeStore(home);
    const at = '2026-01-05T14:30:00.000Z';
    const make = (text: string) => (id: number): Activity => ({ id, at, kind: 'log', command: 'log', text, session: 'SESSION-001', task: null, sprint: null, source: 'cli' });
    const calls = Array.from({ length: 20 }, (_, i) =>
      store.transact(async (tx) => {
        const a = await tx.appendActivity('SESSION-001', make(`call ${i}`));
        if (i === 7) throw new Error('call 7 fails');
        return a.id;
      }),
    );
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(['call 7 fails']);
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(new Set(ids).size).toBe(19);
    const history = await new HomeStore(home).read((tx) => tx.readBack('SESSION-001', () => false));
    expect(history.map((a) => a.text).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `call ${i}`).filter((t) => t !== 'call 7').sort());
    expect(history.map((a) => a.id)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    await store.close();
  });
});
