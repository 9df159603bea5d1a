/**
 * A command about a task or two of a big sprint reads the sprint's rows and
 * those tasks, not every task (store/light-part.ts). It must answer, and
 * write, exactly as a command that read the sprint whole: the same home is
 * driven twice, once as a user's (files vouched for by .checked.json, so
 * read in part) and once with the record taken away before every command
 * (every file read and checked whole), with the clock pinned.
 */
import { readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKED_FILE, statStamp } from '../../src/store/checked.js';
import { fragmentsJson, tempHome, type WireEnvelope } from '../helpers/cli.js';

type Json = Record<string, any>;

const SPRINT_FILE = join('plan', 'sprints', 's-1.json');
const RECENT_FILE = join('plan', 'recent', 's-1.json');
const TASKS = 150;

/** A sprint big enough to be read in part: a chain of dependencies, subtasks, and a task of another sprint depending on it. */
function planFile(dir: string): string {
  const tasks = Array.from({ length: TASKS }, (_, i) => ({
    code: `T-${i + 1}`,
    title: `Task ${i + 1}`,
    ...(i > 0 && i % 3 !== 0 ? { depends: [`T-${i}`] } : {}),
    ...(i % 10 === 9 ? { priority: 'high' } : {}),
  }));
  const plan = {
    sprints: [
      { code: 'S-1', title: 'Big', tasks },
      { code: 'S-2', title: 'Next', tasks: [{ code: 'U-1', title: 'After the big one', depends: ['T-2'] }] },
    ],
  };
  const file = join(dir, '..', `${dir.split('/').at(-1)}-plan.json`);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

let minute = 0;
const at = () => ({ FRAGMENTS_NOW: new Date(Date.UTC(2026, 11, 1, 9, minute++)).toISOString() });

async function both(light: string, whole: string, args: string[]): Promise<[WireEnvelope, WireEnvelope]> {
  const env = at();
  const a = (await fragmentsJson(light, args, env)) as WireEnvelope & { stderr: string; exit: number };
  rmSync(join(whole, CHECKED_FILE), { force: true });
  const b = (await fragmentsJson(whole, args, env)) as WireEnvelope & { stderr: string; exit: number };
  return [a, b];
}

describe('a big sprint read in part', () => {
  it('answers and writes as the same sprint read whole, command after command', async () => {
    const [light, whole] = [tempHome('light'), tempHome('whole')];
    const setUp = { FRAGMENTS_NOW: '2026-12-01T08:00:00.000Z' };
    // One plan file: the sprints remember where they came from.
    const file = planFile(light);
    for (const home of [light, whole]) {
      for (const args of [['import', file], ['session:start']]) expect((await fragmentsJson(home, args, setUp)).success).toBe(true);
    }
    const script = [
      ['task:activate', 'T-2'],
      ['update', 'schema sketched'],
      ['note', 'the index needs a migration'],
      ['session:status'],
      ['block', 'waiting on review'],
      ['unblock'],
      ['estimate', '3h'],
      ['artifact', 'src/a.ts', 'the module'],
      ['done', 'parser written', '--force'],
      ['next'],
      ['task:activate', 'T-3'],
      ['session:pause'],
      ['session:resume'],
      ['done', 'second', '--force'],
      ['task:show', 'T-2'],
      ['task:show', 'U-1'],
      ['sprint:show', 'S-1'],
      ['task:activate', 'T-10'],
      ['update', 'a task with a subtask chain'],
      ['task:list', '--sprint', 'S-1'],
      ['task:create', 'T-NEW', '--title', 'Added late', '--sprint', 'S-1'],
      ['update', 'after the sprint file was written again'],
      ['history', '--limit', '5'],
    ];
    for (const args of script) {
      const [a, b] = await both(light, whole, args);
      expect(a.success, `${args.join(' ')}: ${JSON.stringify(a.error)}`).toBe(true);
      expect(a, args.join(' ')).toEqual(b);
    }
    for (const rel of [SPRINT_FILE, RECENT_FILE, join('plan', 'sprints', 's-2.json'), 'plan.json', 'sessions.json']) {
      expect(readFileSync(join(light, rel), 'utf8'), rel).toBe(readFileSync(join(whole, rel), 'utf8'));
    }
  });

  it('writes a big sprint with a row per task, and leaves it alone when a task of it changes', async () => {
    const home = tempHome('light-rows');
    for (const args of [['import', planFile(home)], ['session:start'], ['task:activate', 'T-2']]) expect((await fragmentsJson(home, args)).success).toBe(true);
    const part = JSON.parse(readFileSync(join(home, SPRINT_FILE), 'utf8')) as Json;
    expect(part.schema_version).toBe(3);
    expect(part.rows).toHaveLength(TASKS);
    expect(part.rows[1]).toEqual(['T-2', 'pending', 'medium', part.tasks[1].created_at, ['T-1'], null, 'S-1']);
    const before = statStamp(statSync(join(home, SPRINT_FILE)));
    for (const args of [['update', 'one'], ['done', 'two', '--force'], ['task:activate', 'T-4']]) expect((await fragmentsJson(home, args)).success).toBe(true);
    expect(statStamp(statSync(join(home, SPRINT_FILE)))).toBe(before);
    const shown = await fragmentsJson(home, ['task:show', 'T-2']);
    expect((shown.data as Json).task.status).toBe('completed');
  });

  it('reports a sprint file whose rows disagree with its tasks, and leaves it as it is', async () => {
    const home = tempHome('light-damaged');
    for (const args of [['import', planFile(home)], ['session:start'], ['task:activate', 'T-2']]) expect((await fragmentsJson(home, args)).success).toBe(true);
    const path = join(home, SPRINT_FILE);
    // An edit by hand of a task's status, its row left as it was.
    const edited = readFileSync(path, 'utf8').replace('{"code":"T-5","title":"Task 5","description":null,"sprint":"S-1","phase":null,"status":"pending"', '{"code":"T-5","title":"Task 5","description":null,"sprint":"S-1","phase":null,"status":"completed"');
    expect(edited).not.toBe(readFileSync(path, 'utf8'));
    writeFileSync(path, edited);
    const status = await fragmentsJson(home, ['update', 'more']);
    expect(status.error?.code).toBe('DAMAGED_FILE');
    expect(status.error?.message).toMatch(/s-1\.json.*rows/);
    expect(readFileSync(path, 'utf8')).toBe(edited);
  });
});
