import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragmentsJson, ROOT, tempHome } from '../helpers/cli.js';
import { doctorEntry, editJson, wholePlan, type Json } from '../helpers/home-files.js';

const read = (home: string, rel: string) => JSON.parse(readFileSync(join(home, rel), 'utf8')) as Json;
const SPRINT_1 = 'plan/sprints/sprint-sess-1.json';
const SPRINT_2 = 'plan/sprints/sprint-sess-2.json';

async function ok(home: string, args: string[]): Promise<Json> {
  const run = await fragmentsJson(home, args);
  expect(run.success, `${args.join(' ')}: ${run.error?.message}`).toBe(true);
  return run.data as Json;
}

/** A copy of the example home, whose plan.json is version 1: the whole plan in one file. */
function exampleHome(): string {
  const home = tempHome('plan-files');
  cpSync(join(ROOT, '.fragments.example'), home, { recursive: true });
  return home;
}

describe('the plan as an index and one file per sprint', () => {
  it('a home from before the split is read as it is and split by its first change, losing nothing', async () => {
    const home = exampleHome();
    const before = wholePlan(home);
    expect(before.schema_version).toBe(1);
    expect((await ok(home, ['task:list'])).tasks).toHaveLength(21);
    expect(read(home, 'plan.json').schema_version).toBe(1);

    await ok(home, ['session:resume']);
    const index = read(home, 'plan.json');
    expect(index.schema_version).toBe(5);
    expect(index.sprints.map((s: Json) => s.code)).toEqual(['SPRINT-SESS-1', 'SPRINT-SESS-2']);
    expect(index.parts.map((p: Json) => [p.sprint, p.tasks.split(' ').length])).toEqual([['SPRINT-SESS-1', 9], ['SPRINT-SESS-2', 12]]);
    expect(index.parts[0].tasks.split(' ')[0]).toBe('T-SESS-01-DB');
    expect(read(home, SPRINT_1)).toMatchObject({ schema_version: 3, sprint: 'SPRINT-SESS-1' });
    expect(read(home, SPRINT_1).tasks).toHaveLength(9);
    expect(read(home, SPRINT_2).tasks).toHaveLength(12);
    // Every task comes back as it was, with the fields added since (evidence) at their defaults.
    expect(wholePlan(home).tasks).toEqual(before.tasks.map((t: Json) => ({ evidence: [], ...t })));
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
  });

  it('work in one sprint rewrites the index and that sprint alone; next task and progress come from them', async () => {
    const home = exampleHome();
    await ok(home, ['session:resume']);
    const other = statSync(join(home, SPRINT_2)).mtimeMs;
    const index = readFileSync(join(home, 'plan.json'), 'utf8');
    await ok(home, ['update', 'models done']);
    await ok(home, ['done', 'Models in place']);
    expect(statSync(join(home, SPRINT_2)).mtimeMs).toBe(other);
    expect(readFileSync(join(home, 'plan.json'), 'utf8')).toBe(index);
    const models = wholePlan(home).tasks.find((t: Json) => t.code === 'T-SESS-01-MODELS');
    expect(models.status).toBe('completed');
    expect(models.updates.at(-1).text).toBe('models done');

    const next = await fragmentsJson(home, ['task:activate']);
    expect((next.data.task as Json).code).toBe('T-SESS-01-MGR');
    expect(next.instructions?.progress.sprint).toBe('2/9');
    const choice = await ok(home, ['next']);
    expect(choice).toMatchObject({ task: expect.objectContaining({ code: 'T-SESS-01-STACK' }), ready_count: 1 });
    expect((await ok(home, ['task:list', '--sprint', 'sprint-sess-2'])).tasks).toHaveLength(12);
  });

  it('entries kept in plan/recent/ come with an index an older Fragments refuses, not one it would read without them', async () => {
    const home = exampleHome();
    await ok(home, ['session:resume']);
    // The index as the build before plan/recent/ wrote it, and last read it: version 2.
    editJson(join(home, 'plan.json'), (d) => {
      d.schema_version = 2;
      for (const part of d.parts) part.tasks = part.tasks.split(' ');
    });
    const older = await ok(home, ['task:show', 'T-SESS-01-MODELS']);
    await ok(home, ['update', 'kept in recent']);
    expect(read(home, 'plan/recent/sprint-sess-1.json').tasks).toEqual([expect.objectContaining({ code: 'T-SESS-01-MODELS', updates: [expect.objectContaining({ text: 'kept in recent' })] })]);
    expect(read(home, SPRINT_1).tasks.find((t: Json) => t.code === 'T-SESS-01-MODELS').updates).toHaveLength(older.task.updates.length);
    // A Fragments that reads plan.json up to version 2 would show the sprint file without the update: it must stop at the index.
    expect(read(home, 'plan.json').schema_version).toBe(5);
    expect((await ok(home, ['task:show', 'T-SESS-01-MODELS'])).task.updates.at(-1).text).toBe('kept in recent');
    expect((await ok(home, ['doctor'])).damaged).toBe(0);

    // What that older Fragments meets, played by this one: an index one version past what it reads.
    editJson(join(home, 'plan.json'), (d) => (d.schema_version = 6));
    const refused = await fragmentsJson(home, ['task:show', 'T-SESS-01-MODELS']);
    expect(refused.error?.code).toBe('NEWER_VERSION');
    expect(refused.error?.message).toMatch(/plan\.json has schema version 6/);
  });

  it('a task created in a new sprint gets that sprint its file, and a task of no sprint the backlog file', async () => {
    const home = tempHome('plan-new');
    await ok(home, ['sprint:create', 'S-NEW', '--title', 'New sprint']);
    await ok(home, ['task:create', 'T-NEW', '--title', 'New task', '--sprint', 'S-NEW']);
    expect(read(home, 'plan/sprints/s-new.json').tasks.map((t: Json) => t.code)).toEqual(['T-NEW']);
    await ok(home, ['task:create', 'T-LOOSE', '--title', 'No sprint']);
    expect(read(home, 'plan/backlog.json')).toMatchObject({ sprint: null, tasks: [expect.objectContaining({ code: 'T-LOOSE' })] });
    expect(read(home, 'plan.json').parts).toEqual([{ sprint: 'S-NEW', tasks: 'T-NEW' }, { sprint: null, tasks: 'T-LOOSE' }]);
    expect((await ok(home, ['task:show', 'T-LOOSE'])).task.code).toBe('T-LOOSE');
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
  });

  it('a sprint with no task has no file, and work in it writes none', async () => {
    const home = tempHome('plan-empty');
    await ok(home, ['sprint:create', 'S-EMPTY', '--title', 'Nothing yet']);
    await ok(home, ['session:start']);
    await ok(home, ['sprint:activate', 'S-EMPTY']);
    await ok(home, ['update', 'planning it']);
    expect(existsSync(join(home, 'plan', 'sprints', 's-empty.json'))).toBe(false);
    expect(read(home, 'plan.json').sprints[0].notes.map((n: Json) => n.text)).toEqual(['planning it']);
  });

  it('an unknown code is refused with the closest codes of the whole plan', async () => {
    const home = exampleHome();
    await ok(home, ['session:resume']);
    const run = await fragmentsJson(home, ['task:activate', 'T-SESS-01-MGRX']);
    expect(run.error?.code).toBe('NOT_FOUND');
    expect(run.error?.message).toContain('T-SESS-01-MGR');
  });

  it('doctor checks each sprint file, and finds an index that lists a task no sprint file holds', async () => {
    const home = exampleHome();
    await ok(home, ['session:resume']);
    writeFileSync(join(home, SPRINT_2), '{"schema_version": 2, "sprint": ');
    const report = await fragmentsJson(home, ['doctor']);
    expect(doctorEntry(report.data, SPRINT_2)).toMatchObject({ ok: false, code: 'DAMAGED_FILE' });
    const repaired = await fragmentsJson(home, ['doctor', '--repair']);
    expect(doctorEntry(repaired.data, SPRINT_2)).toMatchObject({ repaired: true });
    expect(read(home, SPRINT_2).tasks).toHaveLength(12);

    editJson(join(home, SPRINT_2), (d) => (d.tasks = d.tasks.slice(1)));
    const broken = await fragmentsJson(home, ['doctor']);
    const references = (broken.data.files as Json[]).filter((f) => f.code === 'BROKEN_REFERENCE');
    expect(references).toEqual([expect.objectContaining({ file: 'plan.json', problem: `it lists T-SESS-04-MCPTOOLS, which ${SPRINT_2} does not hold` })]);
    await ok(home, ['doctor', '--repair']);
    expect(read(home, 'plan.json').parts.flatMap((p: Json) => p.tasks.split(' '))).not.toContain('T-SESS-04-MCPTOOLS');
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
    expect(existsSync(join(home, SPRINT_1))).toBe(true);
  });

  it('doctor does not call an unfinished change broken: the index may be replaced before its sprint file, and the next command finishes it', async () => {
    const home = exampleHome();
    await ok(home, ['session:resume']);
    const index = read(home, 'plan.json');
    index.parts[1].tasks += ' T-HALF';
    const part = read(home, SPRINT_2);
    part.tasks.push({ ...part.tasks[0], code: 'T-HALF', title: 'half written' });
    const files = [{ rel: 'plan.json', text: JSON.stringify(index) }, { rel: SPRINT_2, text: JSON.stringify(part) }];
    writeFileSync(join(home, 'journal.json'), JSON.stringify({ files }));
    writeFileSync(join(home, 'plan.json'), files[0]!.text);
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
    expect((await ok(home, ['task:show', 'T-HALF'])).task.title).toBe('half written');
    expect(existsSync(join(home, 'journal.json'))).toBe(false);
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
  });
});
