import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportCounts as Counts } from '../../src/core/import.js';
import { fragments, fragmentsJson, ROOT, tempHome } from '../helpers/cli.js';

const PLANS = join(ROOT, 'test', 'fixtures', 'plans');
const planFile = (home: string) => join(home, 'plan.json');

/** A plan file written next to the home, for the cases no fixture covers. */
function writePlan(home: string, name: string, content: unknown): string {
  const path = join(home, '..', `${home.split('/').pop()}-${name}`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}


describe('import --dry-run', () => {
  it('says what would be created without writing anything', async () => {
    const home = tempHome('dry');
    const dry = await fragmentsJson(home, ['import', join(PLANS, 'tasks.md'), '--dry-run']);
    expect(dry.success).toBe(true);
    expect(dry.data.dry_run).toBe(true);
    expect((dry.data.report as { tasks: { created: string[] } }).tasks.created).toHaveLength(7);
    expect(dry.data.counts).toEqual({ sprints: 1, tasks: 7, subtasks: 0, completed: 1, generated_codes: 0, estimates_guessed: 0, estimates_in_points: 0, lines_skipped: 1, not_imported: 2 } satisfies Counts);
    // Like any command, it may lay out an empty home; it never writes a sprint or a task.
    expect((await fragmentsJson(home, ['task:list'])).data.tasks).toEqual([]);
    expect((await fragmentsJson(home, ['sprint:list'])).data.sprints).toEqual([]);

    await fragmentsJson(home, ['import', join(PLANS, 'tasks.md')]);
    // The plan as the store holds it, whichever store that is.
    const planOf = async () => (await fragmentsJson(home, ['export'])).data.plan;
    const before = await planOf();
    const again = await fragments(home, ['import', join(PLANS, 'tasks.md'), '--dry-run']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Dry run, the plan is left as it was: would create 0 sprint(s) and 0 task(s); 0 task(s) would be updated, 7 unchanged');
    expect(await planOf()).toEqual(before);

    // Nor is it an event of the open session.
    await fragmentsJson(home, ['session:start']);
    const count = async () => ((await fragmentsJson(home, ['session:status'])).data.session as { activity_count: number }).activity_count;
    const activities = await count();
    await fragments(home, ['import', join(PLANS, 'tasks.md'), '--dry-run']);
    expect(await count()).toBe(activities);
  });
});

describe('import of a plan without tasks', () => {
  it('fails with exit 1, writes nothing and names the shapes it reads, not a missing sprint', async () => {
    const home = tempHome('notask');
    const run = await fragments(home, ['import', join(PLANS, 'no-task.md')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no-task.md holds no task: nothing was imported.');
    expect(run.stderr).toContain('a heading (### T-12: Title)');
    expect(run.stderr).toContain('It has 3 heading(s) and 2 list item(s)');
    expect(run.stderr).not.toMatch(/no sprint/i);
    expect(existsSync(planFile(home))).toBe(false);
  });
});

describe('import output', () => {
  it('counts skipped prose in one line, and lists it with --verbose', async () => {
    const home = tempHome('verbose');
    const quiet = await fragments(home, ['import', join(PLANS, 'real-plan.md')]);
    expect(quiet.stdout).toContain('Read 2 sprint(s), 4 task(s), 0 subtask(s), 0 completed; 0 code(s) generated, 2 estimate(s) guessed from phases; 9 prose line(s) skipped (--verbose lists them)');
    expect(quiet.stdout.split('1 item(s) that look like work not imported, under a heading of notes or references (line 47), which are not plan: line 49')).toHaveLength(2); // said once
    expect(quiet.stdout).toContain('1 item(s) not imported: line 49');
    expect(quiet.stdout).not.toContain('line 7 skipped');

    const verbose = await fragments(home, ['import', join(PLANS, 'real-plan.md'), '--verbose']);
    expect(verbose.stdout).toContain('line 7 skipped: - SPRINT-SESS-1: done, see below');
    expect(verbose.stdout).toContain('estimate guessed: T-DB: 2h of Phase 1: Storage (4h)');
  });
});

describe('JSON plans', () => {
  it('refuses a code defined twice, naming both places, and writes nothing', async () => {
    const home = tempHome('dupe');
    const file = writePlan(home, 'dupe.json', { sprints: [{ code: 'S-1', title: 'One', tasks: [{ code: 'T-D', title: 'First' }, { code: 't-d', title: 'Second' }] }] });
    const run = await fragmentsJson(home, ['import', file]);
    expect(run.exit).toBe(2);
    expect(run.error?.message).toContain('task t-d is defined twice, at sprints[0].tasks[0] and sprints[0].tasks[1]');
    expect(existsSync(planFile(home))).toBe(false);
  });

  it('leaves out any bad field the same way, with a warning, and re-import changes nothing', async () => {
    const home = tempHome('fields');
    const file = writePlan(home, 'fields.json', {
      sprints: [{ code: 'S-1', title: 'One', tasks: [{ code: 'T-1', title: 'Bad estimate', estimate: '-5h' }, { code: 'T-2', title: 'Bad priority', priority: 'urgent', depends: ['T-1', 'not a code'] }] }],
    });
    const first = await fragmentsJson(home, ['import', file]);
    expect(first.exit).toBe(0);
    const warnings = first.instructions!.validation_warnings;
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^sprints\[0\]\.tasks\[0\] \(T-1\): estimate "-5h" left out/);
    expect(warnings[1]).toMatch(/^sprints\[0\]\.tasks\[1\] \(T-2\): priority "urgent" left out/);
    expect(warnings[2]).toBe('sprints[0].tasks[1] (T-2): dependency "not a code" is not a code; left out');
    const tasks = (await fragmentsJson(home, ['task:list'])).data.tasks as { code: string; priority: string; estimate: unknown; depends: string[] }[];
    expect(tasks.map((t) => [t.code, t.priority, t.estimate, t.depends])).toEqual([
      ['T-1', 'medium', null, []],
      ['T-2', 'medium', null, ['T-1']],
    ]);
    const again = await fragmentsJson(home, ['import', file]);
    expect(again.data.report).toMatchObject({ tasks: { created: [], updated: [], unchanged: ['T-1', 'T-2'] }, sprints: { created: [], updated: [] } });
  });
});

describe('an import that moves the active task to another sprint', () => {
  it('moves the session context with it', async () => {
    const home = tempHome('move');
    const plan = (sprint: string) => ({
      sprints: [
        { code: 'S-A', title: 'A', tasks: sprint === 'S-A' ? [{ code: 'T-1', title: 'Moving' }] : [] },
        { code: 'S-B', title: 'B', tasks: sprint === 'S-B' ? [{ code: 'T-1', title: 'Moving' }] : [] },
      ],
    });
    await fragmentsJson(home, ['import', writePlan(home, 'plan.json', plan('S-A'))]);
    await fragmentsJson(home, ['session:start']);
    await fragmentsJson(home, ['task:activate', 'T-1']);
    expect((await fragmentsJson(home, ['context'])).data.line).toBe('project > S-A > T-1');
    // The author moves the task in the plan file and imports it again.
    const moved = await fragmentsJson(home, ['import', writePlan(home, 'plan.json', plan('S-B'))]);
    expect(moved.data.moved).toEqual([{ session: 'SESSION-001', task: 'T-1', sprint: 'S-B' }]);
    expect((await fragmentsJson(home, ['context'])).data.line).toBe('project > S-B > T-1');
  });
});

describe('export --format md', () => {
  it('prints no raw control character, and a fresh home imports it back to the same titles and statuses', async () => {
    const home = tempHome('export');
    const evil = { sprints: [{ code: 'S-1', title: 'Clear\u001b[2J', tasks: [{ code: 'T-1', title: 'Bell\u0007\n- `T-INJECTED` - fake', status: 'completed' }, { code: 'T-2', title: 'Plain', status: 'blocked' }] }] };
    await fragmentsJson(home, ['import', writePlan(home, 'evil.json', evil)]);
    const exported = await fragments(home, ['export', '--format', 'md']);
    expect(exported.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const fresh = tempHome('reimport');
    await fragmentsJson(fresh, ['import', writePlan(fresh, 'plan.md', exported.stdout)]);
    const tasks = (await fragmentsJson(fresh, ['task:list'])).data.tasks as { code: string; title: string; status: string }[];
    expect(tasks.map((t) => [t.code, t.title, t.status])).toEqual([
      ['T-1', 'Bell\u0007\n- `T-INJECTED` - fake', 'completed'],
      ['T-2', 'Plain', 'blocked'],
    ]);
    expect(((await fragmentsJson(fresh, ['sprint:list'])).data.sprints as { title: string }[])[0]!.title).toBe('Clear\u001b[2J');
  });
});

describe('the bundle', () => {
  it('keeps the Markdown parser out of what every command loads', () => {
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const text = readFileSync(join(ROOT, 'dist', file), 'utf8');
      // Static imports only: `from"./chunks/…"`; a dynamic import() is loaded by the command that needs it.
      for (const m of text.matchAll(/from\s*"\.\/((?:chunks\/)?[^"]+\.js)"/g)) visit(m[1]!.startsWith('chunks/') || file === 'fragments.js' ? m[1]! : `chunks/${m[1]}`);
    };
    visit('fragments.js');
    const eager = [...loaded].map((f) => readFileSync(join(ROOT, 'dist', f), 'utf8')).join('\n');
    // Names only the parsers hold: markdown-it's rules, yaml's composer.
    expect(eager).not.toContain('lheading');
    expect(eager).not.toContain('normalizeLinkText');
    expect(eager).not.toContain('YAMLParseError');
    // The import command reaches them by a dynamic import(), from the entry or from the chunk it shares with the TUI.
    expect(eager).toMatch(/import\("\.\/(chunks\/)?plan-read-[^"]+\.js"\)/);
  });
});
