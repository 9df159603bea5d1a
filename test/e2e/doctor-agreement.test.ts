/**
 * Files that are each valid and yet wrong together: an index emptied while
 * the sprint files hold the tasks, a current segment emptied while closed
 * segments hold the history. doctor finds them, a read never keeps a copy of
 * them, and repair brings back every acknowledged write.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, fragments, fragmentsJson, tempHome } from '../helpers/cli.js';
import type { Json } from '../helpers/home-files.js';
import { start } from '../helpers/processes.js';

const NOTES = new URL('./fixtures/notes.mjs', import.meta.url).pathname;
const NOTE_COUNT = 300;

async function ok(home: string, args: string[]): Promise<Json> {
  const run = await fragmentsJson(home, args);
  expect(run.success, `fragments ${args.join(' ')}: ${JSON.stringify(run.error)}`).toBe(true);
  return run.data as Json;
}

/** The example plan, a session on its first task, and NOTE_COUNT acknowledged notes: one closed segment and part of the current one. */
const worked = join(tempHome('agreement'), 'home');
beforeAll(async () => {
  for (const args of [['import', join(ROOT, 'examples', 'sprint-plan.md')], ['session:start'], ['sprint:activate', 'SPRINT-SESS-1'], ['task:activate']]) await ok(worked, args);
  const writer = start(worked, NOTES, ['n', String(NOTE_COUNT)]);
  expect(await writer.exited, writer.stderr()).toBe(0);
  expect(writer.stdout().split('\n').filter((l) => l.startsWith('ok '))).toHaveLength(NOTE_COUNT);
}, 120_000);

function copyOfWorked(label: string): string {
  const home = join(tempHome(label), 'home');
  cpSync(worked, home, { recursive: true });
  return home;
}

/** doctor's entry for `file` that says something is wrong with it (a file has one entry for its own check, and more for what it must agree with). */
const doctorEntry = (data: Json, file: string): Json | undefined => (data.files as Json[]).find((f) => f.file === file && (!f.ok || f.repair));

const notesOnTask = async (home: string) => ((await ok(home, ['task:show'])).task.notes as Json[]).length;
const historyTexts = async (home: string) => ((await ok(home, ['history', '--limit', '100000'])).activities as Json[]).map((a) => a.text as string);
const noteTexts = Array.from({ length: NOTE_COUNT }, (_, i) => `n-${i + 1}`);

describe('an index emptied while the sprint files hold the tasks', () => {
  it('is found by doctor, never copied into backups by a read, and rebuilt with every task, sprint and note', async () => {
    const home = copyOfWorked('empty-index');
    const sprintsBefore = (await ok(home, ['sprint:list'])).sprints as Json[];
    const lastWritten = readFileSync(join(home, 'backups', 'plan.json.1'), 'utf8');
    writeFileSync(join(home, 'plan.json'), JSON.stringify({ schema_version: 2, sprints: [], parts: [], parents: {} }));

    // A command that reads the emptied index does not take it for the last good copy.
    await fragments(home, ['task:list']);
    expect(readFileSync(join(home, 'backups', 'plan.json.1'), 'utf8')).toBe(lastWritten);

    const report = await fragmentsJson(home, ['doctor']);
    expect(report.exit).toBe(1);
    expect(doctorEntry(report.data, 'plan.json')).toMatchObject({ ok: false, code: 'BROKEN_REFERENCE', problem: expect.stringContaining('it does not list plan/sprints/sprint-sess-1.json, which holds 9 tasks') });
    // The stack names a task the emptied index lacks, but that is the index's fault, not the stack's.
    expect((report.data.files as Json[]).filter((f) => !f.ok).map((f) => f.file)).toEqual(['plan.json']);

    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.success, JSON.stringify(repair.data)).toBe(true);
    expect(doctorEntry(repair.data, 'plan.json')?.repair).toMatch(/^rebuilt from the sprint files, which hold the tasks themselves \(21 in 2 file\(s\)\)/);
    expect(((await ok(home, ['task:list'])).tasks as Json[]).length).toBe(21);
    expect(((await ok(home, ['sprint:list'])).sprints as Json[]).map((s) => [s.code, s.title, s.status])).toEqual(sprintsBefore.map((s) => [s.code, s.title, s.status]));
    // The stack kept its task, and its timer runs on.
    expect((await ok(home, ['session:status'])).active_task.code).toBe('T-SESS-01-DB');
    expect(await notesOnTask(home)).toBe(NOTE_COUNT);
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
  });
});

describe('a current segment emptied while closed segments hold the history', () => {
  const emptied = (home: string) => writeFileSync(join(home, 'activity', 'SESSION-001.json'), JSON.stringify({ schema_version: 2, session: 'SESSION-001', segments: 0, activities: [] }));

  it('is found by doctor, and repair brings the whole history back from the last copy written', async () => {
    const home = copyOfWorked('empty-activity');
    emptied(home);
    const report = await fragmentsJson(home, ['doctor']);
    expect(report.exit).toBe(1);
    const entry = doctorEntry(report.data, 'activity/SESSION-001.json');
    expect(entry).toMatchObject({ code: 'BROKEN_REFERENCE' });
    expect(entry?.problem).toContain('it counts 0 closed segments, yet segment 1 is on disk');
    expect(entry?.problem).toMatch(/its newest activity is number 0, where the session counts \d+/);

    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.success, JSON.stringify(repair.data)).toBe(true);
    expect(doctorEntry(repair.data, 'activity/SESSION-001.json')?.repair).toMatch(/^restored from backups\/activity\/SESSION-001\.json\.1/);
    expect((await historyTexts(home)).filter((t) => t.startsWith('n-'))).toEqual(noteTexts);
    expect(((await ok(home, ['session:resume'])).last_actions as string[]).at(-1)).toContain(`note "n-${NOTE_COUNT}"`);
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
  });

  it('with no copy left, repair keeps the closed segments, names what no file holds, and leaves a home that agrees with itself', async () => {
    const home = copyOfWorked('empty-activity-no-copy');
    emptied(home);
    rmSync(join(home, 'backups', 'activity', 'SESSION-001.json.1'));
    rmSync(join(home, 'backups', 'activity', 'SESSION-001.json.2'), { force: true });
    rmSync(join(home, 'backups', 'activity', 'SESSION-001.json.3'), { force: true });
    const count = ((await ok(home, ['session:list'])).sessions as Json[])[0]!.activity_count as number;

    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.success, JSON.stringify(repair.data)).toBe(true);
    expect(doctorEntry(repair.data, 'activity/SESSION-001.json')?.repair).toContain(`activities 201–${count} are in no file and could not be brought back`);
    const texts = await historyTexts(home);
    expect(texts).toHaveLength(200);
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
    // and it takes writes again, numbered on from what is there
    await ok(home, ['note', 'after the repair']);
    expect((await historyTexts(home)).at(-1)).toBe('after the repair');
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
  });
});
