/**
 * A lock holder that stops (kill -STOP, Ctrl+Z, a closed lid) keeps its lock:
 * others wait, and never write under it; when it resumes, its write and
 * theirs are all there. The holder stops itself at a chosen point of its
 * transaction (FRAGMENTS_STOP_AT), so each point is tried for certain, and
 * stays stopped longer than the three seconds after which the lock used to be
 * taken for stale and taken over.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragmentsJson, historyTexts, homeWithTask } from '../helpers/cli.js';
import { fragmentsProcess, sleep, start, stopped } from '../helpers/processes.js';

const FROZEN_MS = 4000;
const NOTES = new URL('./fixtures/notes.mjs', import.meta.url).pathname;

async function trial(point: string, n: number): Promise<void> {
  const home = await homeWithTask(`frozen-${point}`, 'Frozen');
  const holder = fragmentsProcess(home, ['update', `frozen-${n}`], { FRAGMENTS_STOP_AT: point });
  await stopped(holder.child.pid!);
  const writers = ['b', 'c'].map((w) => fragmentsProcess(home, ['note', `${w}-${n}`]));
  const impatient = await fragmentsJson(home, ['note', `impatient-${n}`], { FRAGMENTS_LOCK_WAIT: '1' });
  expect(impatient.exit).toBe(1);
  expect(impatient.error?.code).toBe('HOME_LOCKED');
  expect(impatient.error?.message).toContain(`pid ${holder.child.pid} (fragments update frozen-${n} --json), stopped`);
  expect(impatient.error?.message).toContain(`kill -CONT ${holder.child.pid}`);

  await sleep(FROZEN_MS);
  expect(writers.map((w) => w.running()), `${point}: a writer finished while the holder was stopped`).toEqual([true, true]);
  holder.child.kill('SIGCONT');
  const exits = await Promise.all([holder, ...writers].map((p) => p.exited));
  expect(exits, [holder, ...writers].map((p) => p.stderr()).join('\n')).toEqual([0, 0, 0]);

  const recorded = await historyTexts(home);
  for (const text of [`frozen-${n}`, `b-${n}`, `c-${n}`]) expect(recorded.filter((t) => t === text), `${point}: ${text}`).toHaveLength(1);
  expect(recorded).not.toContain(`impatient-${n}`);
  const doctor = await fragmentsJson(home, ['doctor']);
  expect(doctor.success, JSON.stringify(doctor.data)).toBe(true);
}

describe('a lock holder that is stopped', () => {
  it('keeps its lock at every point of its transaction: others wait or say who holds it, and nothing acknowledged is lost (10 trials)', async () => {
    const points = ['locked', 'commit', 'journal', 'installing', 'installed'];
    await Promise.all(points.flatMap((point, i) => [trial(point, 2 * i + 1), trial(point, 2 * i + 2)]));
  }, 120_000);

  it('an import of 5,000 tasks frozen before it writes loses none of the notes two writers recorded meanwhile', async () => {
    const home = await homeWithTask('frozen-import', 'Frozen');
    const plan = join(home, '..', `${home.split('/').at(-1)}-plan.md`);
    writeFileSync(plan, ['# Big plan', '', '## SPRINT-BIG: Big', '', ...Array.from({ length: 5000 }, (_, i) => `- \`T-${String(i + 1).padStart(5, '0')}\` - Task ${i + 1} (1h)`)].join('\n'));
    const importer = fragmentsProcess(home, ['import', plan], { FRAGMENTS_STOP_AT: 'commit' });
    await stopped(importer.child.pid!, 60_000);
    // Started while the import holds the lock with its merge done and nothing written: they queue behind it.
    const writers = ['w1', 'w2'].map((id) => start(home, NOTES, [id, '100']));
    await sleep(FROZEN_MS);
    expect(writers.every((w) => !w.stdout().includes('ok ')), 'a note was acknowledged while the import held the lock').toBe(true);
    importer.child.kill('SIGCONT');
    expect(await importer.exited, importer.stderr()).toBe(0);
    await Promise.all(writers.map((w) => w.exited));

    const acknowledged = writers.flatMap((w) => w.stdout().split('\n').filter((l) => l.startsWith('ok ')).map((l) => l.slice(3)));
    expect(acknowledged).toHaveLength(200);
    const recorded = await historyTexts(home);
    expect(acknowledged.filter((note) => recorded.filter((t) => t === note).length !== 1)).toEqual([]);
    const tasks = await fragmentsJson(home, ['task:list', '--sprint', 'SPRINT-BIG']);
    expect((tasks.data.tasks as unknown[]).length).toBe(5000);
  }, 180_000);

  it('an import of 60,000 tasks ends at once on SIGTERM while it reads its plan, and writes nothing', async () => {
    const home = await homeWithTask('terminated-import', 'Frozen');
    const plan = join(home, '..', `${home.split('/').at(-1)}-plan.md`);
    writeFileSync(plan, ['## SPRINT-HUGE: Huge', '', ...Array.from({ length: 60_000 }, (_, i) => `- \`T-${String(i + 1).padStart(5, '0')}\` - Task ${i + 1} (1h)`)].join('\n'));
    const importer = fragmentsProcess(home, ['import', plan]);
    await sleep(600);
    const sent = Date.now();
    importer.child.kill('SIGTERM');
    await importer.exited;
    expect(importer.child.signalCode).toBe('SIGTERM');
    // Not after the parse, the merge and the write: a person pressing Ctrl+C waits for nothing.
    expect(Date.now() - sent).toBeLessThan(5000);
    const sprints = await fragmentsJson(home, ['sprint:list']);
    expect((sprints.data.sprints as { code: string }[]).map((s) => s.code)).not.toContain('SPRINT-HUGE');
  }, 60_000);
});
