import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragments, fragmentsJson, ROOT, tempHome } from '../helpers/cli.js';

/*
 * Switching from a peer in one command: a project folder holding task-master's
 * tasks.json, a Backlog.md folder, beads' issues.jsonl and spec-kit features,
 * written the way those tools write them (test/fixtures/projects/peers).
 */

const PEERS = join(ROOT, 'test', 'fixtures', 'projects', 'peers');

interface TaskRow {
  code: string;
  title: string;
  status: string;
  priority: string;
  depends: string[];
  estimate: { low_hours: number; high_hours: number } | null;
}

async function tasksOf(home: string, sprint?: string): Promise<TaskRow[]> {
  return (await fragmentsJson(home, ['task:list', ...(sprint ? ['--sprint', sprint] : [])])).data.tasks as TaskRow[];
}

describe('import of a project folder', () => {
  it('reads every peer it holds, peer ids as codes, and a second import changes nothing', async () => {
    const home = tempHome('peers');
    const first = await fragmentsJson(home, ['import', PEERS]);
    expect(first.exit).toBe(0);
    expect(first.data.formats).toEqual([
      "test/fixtures/projects/peers/.taskmaster/tasks/tasks.json: task-master's tasks.json",
      'test/fixtures/projects/peers/backlog: a Backlog.md folder (6 file(s))',
      'test/fixtures/projects/peers/.beads/issues.jsonl: beads issues (JSON Lines)',
      'test/fixtures/projects/peers/specs/001-photo-albums/tasks.md: Markdown (spec-kit feature 001-photo-albums)',
      'test/fixtures/projects/peers/specs/002-user-auth/tasks.md: Markdown (spec-kit feature 002-user-auth)',
    ]);
    const sprints = (await fragmentsJson(home, ['sprint:list'])).data.sprints as { code: string; title: string }[];
    expect(sprints.map((s) => [s.code, s.title])).toEqual([
      ['master', 'master'],
      ['feature-sync', 'feature-sync'],
      ['m-1', 'MVP'],
      ['BACKLOG', 'Backlog'],
      ['BEADS', 'beads issues'],
      ['001-PHOTO-ALBUMS', 'Photo Albums'],
      ['002-USER-AUTH', 'User authentication'],
    ]);

    const again = await fragmentsJson(home, ['import', PEERS]);
    expect(again.data.report).toMatchObject({ sprints: { created: [], updated: [] }, tasks: { created: [], updated: [] } });
    expect((again.data.report as { tasks: { unchanged: string[] } }).tasks.unchanged).toHaveLength(27);
  });

  it('task-master: tags are sprints, subtasks keep their ids, numbers in a subtask\'s dependencies are its siblings', async () => {
    const home = tempHome('taskmaster');
    await fragmentsJson(home, ['import', join(PEERS, '.taskmaster', 'tasks', 'tasks.json')]);
    const master = await tasksOf(home, 'master');
    expect(master.map((t) => [t.code, t.status, t.priority, t.depends])).toEqual([
      ['1', 'completed', 'high', []],
      ['2', 'in_progress', 'high', ['1']],
      ['2.1', 'completed', 'medium', []],
      ['2.2', 'pending', 'medium', ['2.1']],
      ['2.3', 'in_progress', 'medium', ['2.2']],
      ['3', 'pending', 'medium', ['2']],
      ['4', 'pending', 'low', ['3']],
    ]);
    const task = (await fragmentsJson(home, ['task:show', '1'])).data.task as { description: string };
    expect(task.description).toBe('Create the repository, the package and the CI workflow.\n\nDetails:\nUse npm workspaces; CI runs lint and tests on every push.\n\nTest strategy:\nCI is green on an empty commit.');
    // Another tag numbers from 1 again: its ids take the tag's name.
    expect((await tasksOf(home, 'feature-sync')).map((t) => [t.code, t.status, t.depends])).toEqual([
      ['FEATURE-SYNC-1', 'pending', []],
      ['FEATURE-SYNC-2', 'cancelled', ['FEATURE-SYNC-1']],
    ]);
  });

  it('task-master\'s legacy tasks.json, with no tags, is one sprint', async () => {
    const home = tempHome('legacy');
    const dir = join(home, 'project', 'tasks');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'tasks.json'),
      JSON.stringify({ tasks: [{ id: 1, title: 'Parse the PRD', status: 'done', dependencies: [], priority: 'high', subtasks: [] }, { id: 2, title: 'Generate tasks', status: 'pending', dependencies: [1], priority: 'medium', subtasks: [{ id: 1, title: 'Call the model', status: 'pending', dependencies: [] }] }] }),
    );
    const run = await fragmentsJson(home, ['import', join(home, 'project')]);
    expect(run.exit).toBe(0);
    expect((await tasksOf(home)).map((t) => [t.code, t.status, t.depends])).toEqual([
      ['1', 'completed', []],
      ['2', 'pending', ['1']],
      ['2.1', 'pending', []],
    ]);
  });

  it('Backlog.md: front matter read as YAML, milestones are sprints, completed and archived tasks closed, drafts left out', async () => {
    const home = tempHome('backlog');
    await fragmentsJson(home, ['import', join(PEERS, 'backlog')]);
    expect((await tasksOf(home)).map((t) => [t.code, t.title, t.status, t.priority, t.depends])).toEqual([
      ['task-1', 'Set up the board', 'in_progress', 'high', []],
      ['task-1.1', 'Colour the columns', 'pending', 'medium', []],
      ['task-2', 'Create the CLI', 'completed', 'high', []],
      ['task-3', 'Search tasks', 'pending', 'medium', ['task-1', 'task-2']],
      ['task-4', 'Old web UI', 'cancelled', 'medium', []],
    ]);
    const board = (await fragmentsJson(home, ['task:show', 'task-1'])).data.task as { description: string; tags: string[] };
    expect(board.description).toBe('Show the tasks in columns by status.\n\nAcceptance criteria:\n- [ ] #1 Columns follow the statuses of config.yml\n- [x] #2 A task can be dragged between columns');
    const sub = (await fragmentsJson(home, ['task:show', 'task-1.1'])).data.task as { parent: string | null };
    expect(sub.parent).toBe('task-1');
  });

  it('beads: priorities 0–4, epics as groups whose tasks a dependency on the epic waits for, records that are no work left out', async () => {
    const home = tempHome('beads');
    const run = await fragmentsJson(home, ['import', join(PEERS, '.beads', 'issues.jsonl')]);
    expect(run.exit).toBe(0);
    expect((await tasksOf(home)).map((t) => [t.code, t.status, t.priority, t.depends, t.estimate])).toEqual([
      ['bd-1.1', 'completed', 'high', [], null],
      ['bd-1.2', 'in_progress', 'critical', ['bd-1.1'], { low_hours: 1.5, high_hours: 1.5 }],
      ['bd-2', 'pending', 'medium', ['bd-1.1', 'bd-1.2'], null],
      ['bd-3', 'blocked', 'low', [], null],
    ]);
  });

  it('a JSON Lines file that is not beads\' is refused as such, never as "not valid JSON"', async () => {
    const home = tempHome('jsonl');
    const file = join(home, 'events.jsonl');
    writeFileSync(file, '{"event":"login","at":1}\n{"event":"logout","at":2}\n');
    const run = await fragmentsJson(home, ['import', file]);
    expect(run.success).toBe(false);
    expect(run.error!.message).toContain("is JSON Lines, but not beads' issues");
    expect(run.error!.message).not.toContain('not valid JSON');
  });

  it('Kiro specs: each .kiro/specs/NAME/tasks.md is a sprint, its numbered tasks and optional ones read', async () => {
    const home = tempHome('kiro');
    const spec = join(home, 'project', '.kiro', 'specs', 'user-auth');
    mkdirSync(spec, { recursive: true });
    writeFileSync(join(spec, 'tasks.md'), '# Implementation Plan\n\n- [x] 1. Set up the auth module\n  - _Requirements: 1.1_\n- [ ] 2. Sign in\n- [ ] 2.1 Write the sign-in form\n- [ ]* 2.2 Write tests for the form\n');
    const run = await fragmentsJson(home, ['import', join(home, 'project')]);
    expect(run.exit).toBe(0);
    expect((await tasksOf(home, 'USER-AUTH')).map((t) => [t.code, t.title, t.status])).toEqual([
      ['USER-AUTH-1', 'Set up the auth module', 'completed'],
      ['USER-AUTH-2', 'Sign in', 'pending'],
      ['USER-AUTH-2.1', 'Write the sign-in form', 'pending'],
      ['USER-AUTH-2.2', 'Write tests for the form', 'pending'],
    ]);
  });

  it('a folder holding none of these is refused with what was looked for', async () => {
    const home = tempHome('empty');
    const dir = join(home, 'project');
    mkdirSync(join(dir, 'src'), { recursive: true });
    const run = await fragments(home, ['import', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is a folder holding no plan that import knows: it looked for .taskmaster/tasks/tasks.json (task-master), backlog/tasks/*.md (Backlog.md), .beads/issues.jsonl (beads), specs/NNN-name/tasks.md (spec-kit)');
    expect(run.stderr).not.toContain('EISDIR');
  });
});

describe('two spec-kit features, one after the other', () => {
  it('each is a sprint of its own; the second\'s codes take its number, and neither import overwrites the other', async () => {
    const home = tempHome('features');
    const project = join(home, 'project');
    cpSync(join(PEERS, 'specs'), join(project, 'specs'), { recursive: true });
    const one = await fragmentsJson(home, ['import', join(project, 'specs', '001-photo-albums', 'tasks.md')]);
    expect((one.data.report as { tasks: { created: string[] } }).tasks.created).toEqual(['T001', 'T002', 'T003', 'T004', 'T005']);
    const two = await fragmentsJson(home, ['import', join(project, 'specs', '002-user-auth', 'tasks.md')]);
    expect(two.data.report).toMatchObject({ tasks: { created: ['002-T001', '002-T002', '002-T003', '002-T004'], updated: [] } });
    expect(two.data.placements).toEqual([{ name: join(project, 'specs', '002-user-auth', 'tasks.md'), prefix: '002' }]);
    expect((await tasksOf(home, '001-PHOTO-ALBUMS')).map((t) => t.title)[0]).toBe('Create project structure per implementation plan');
    expect((await tasksOf(home, '002-USER-AUTH')).map((t) => [t.code, t.depends])).toEqual([
      ['002-T001', []],
      ['002-T002', []],
      ['002-T003', ['002-T001', '002-T002']],
      ['002-T004', ['002-T001', '002-T002', '002-T003']],
    ]);
    // Each again: the same plan, nothing changes.
    for (const feature of ['001-photo-albums', '002-user-auth']) {
      const again = await fragmentsJson(home, ['import', join(project, 'specs', feature, 'tasks.md')]);
      expect(again.data.report).toMatchObject({ tasks: { created: [], updated: [] } });
    }
  });
});
