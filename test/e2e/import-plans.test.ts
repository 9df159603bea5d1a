import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fragments, fragmentsJson, ROOT, tempHome } from '../helpers/cli.js';
import { homeEnv } from '../helpers/store-env.js';

/*
 * import as a developer uses it at the terminal: two plans that never overwrite
 * each other, `-` for standard input, --strict, the dry run's tree, and the
 * JSON plan's schema one command away.
 */

function write(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** `fragments import - …` with `input` on standard input. */
function importStdin(home: string, input: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'import', '-', ...args], { env: { ...process.env, ...homeEnv(home), NO_COLOR: '1' }, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const PLAN_A = '## Sprint 1: Alpha\n\n- [ ] T-1 First of A\n- [ ] T-2 Second of A\n';
const PLAN_B = '## Sprint 9: Beta\n\n- [ ] T-1 First of B\n';

describe('two plans never overwrite each other', () => {
  it('a second file with the same codes is refused with the fix, and imported beside the first with --prefix', async () => {
    const home = tempHome('clash');
    const a = write(join(home, 'a'), 'PLAN.md', PLAN_A);
    const b = write(join(home, 'b'), 'PLAN.md', PLAN_B);
    expect((await fragmentsJson(home, ['import', a])).success).toBe(true);
    const refused = await fragmentsJson(home, ['import', b]);
    expect(refused.exit).toBe(1);
    expect(refused.error!.code).toBe('PLAN_CLASH');
    expect(refused.error!.message).toBe(
      `${b} would overwrite another plan: T-1 is already in the plan imported from ${a}. Nothing was imported. To import it beside that plan, give its codes a prefix: \`fragments import ${b} --prefix NAME\` makes them NAME-T-1…; or rename the codes in one of the two files.`,
    );
    expect(((await fragmentsJson(home, ['task:show', 'T-1'])).data.task as { title: string }).title).toBe('First of A');

    const beside = await fragmentsJson(home, ['import', b, '--prefix', 'B']);
    expect(beside.data.report).toMatchObject({ tasks: { created: ['B-T-1'], updated: [] } });
    expect(((await fragmentsJson(home, ['task:show', 'T-1'])).data.task as { title: string }).title).toBe('First of A');
    // Each file again: the same plan, nothing changes.
    expect((await fragmentsJson(home, ['import', a])).data.report).toMatchObject({ tasks: { created: [], updated: [], unchanged: ['T-1', 'T-2'] } });
    expect((await fragmentsJson(home, ['import', b, '--prefix', 'B'])).data.report).toMatchObject({ tasks: { created: [], updated: [], unchanged: ['B-T-1'] } });
  });

  it('a plan whose file was moved is taken over by the file in its new place', async () => {
    const home = tempHome('moved');
    const first = write(join(home, 'docs'), 'PLAN.md', PLAN_A);
    await fragmentsJson(home, ['import', first]);
    const moved = join(home, 'PLAN.md');
    renameSync(first, moved);
    writeFileSync(moved, PLAN_A.replace('Second of A', 'Second of A, renamed'));
    const run = await fragmentsJson(home, ['import', moved]);
    expect(run.success).toBe(true);
    expect(run.data.placements).toEqual([{ name: moved, moved_from: first }]);
    expect(run.data.report).toMatchObject({ tasks: { created: [], updated: ['T-2'] } });
  });

  it('content without a name that clashes with a file\'s plan is refused too', async () => {
    const home = tempHome('unnamed');
    await fragmentsJson(home, ['import', write(join(home, 'a'), 'PLAN.md', PLAN_A)]);
    const run = await importStdin(home, PLAN_B);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the content sent would overwrite another plan: T-1 is already in the plan imported from');
  });
});

describe('import -', () => {
  it('reads the plan from standard input, Markdown or the JSON plan', async () => {
    const home = tempHome('stdin');
    const markdown = await importStdin(home, '# TODO\n\n- Fix the login\n- Add dark mode\n');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('Read the content sent: Markdown');
    const json = await importStdin(home, JSON.stringify({ sprints: [{ code: 'S-1', title: 'One', tasks: [{ code: 'T-9', title: 'From JSON' }] }] }));
    expect(json.code).toBe(0);
    expect(((await fragmentsJson(home, ['task:list'])).data.tasks as { code: string }[]).map((t) => t.code)).toEqual(['PLAN-FIX-THE-LOGIN', 'PLAN-ADD-DARK-MODE', 'T-9']);
  });
});

describe('import --strict', () => {
  it('refuses a plan that would leave items out, naming their lines, and writes nothing', async () => {
    const home = tempHome('strict');
    const file = write(home, 'plan.md', '- [ ] Agree on the scope\n\n## Sprint 1\n\n- [ ] T-1 Build it\n\n## Notes\n\n- [ ] Ask legal\n');
    const run = await fragmentsJson(home, ['import', file, '--strict']);
    expect(run.exit).toBe(1);
    expect(run.error!.code).toBe('NOT_ALL_IMPORTED');
    expect(run.error!.message).toContain('2 item(s) that look like work would not be imported');
    expect(run.error!.message).toContain('lines 1, 9');
    expect((await fragmentsJson(home, ['task:list'])).data.tasks).toEqual([]);
    // Without it the plan goes in, and the summary says what was left out.
    const loose = await fragments(home, ['import', file]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain('2 item(s) not imported: lines 1, 9');
  });
});

describe('plain bullets beside a checklist (issue 19: nothing dropped silently)', () => {
  it('are warned with their line in --json and in the summary, and --strict refuses them; in the checklist\'s own list they are tasks', async () => {
    const home = tempHome('plain');
    const file = write(home, 'plan.md', '# Sprint 1\n- [ ] T1 Build login\n- Write the onboarding email\n\nSome thoughts on it\n- It could be faster\n');
    const dry = await fragmentsJson(home, ['import', file, '--dry-run']);
    expect(dry.success).toBe(true);
    expect((dry.data.report as { tasks: { created: string[] } }).tasks.created).toEqual(['T1', 'SPRINT-1-WRITE-THE-ONBOARDING-EMAIL']);
    expect((dry.data.report as { warnings: string[] }).warnings).toEqual([expect.stringMatching(/^1 item\(s\) that look like work not imported, plain bullets .*: line 6$/)]);
    expect(dry.data.not_imported).toEqual([expect.objectContaining({ line: 6, reason: 'plain' })]);
    expect((dry.data.counts as { not_imported: number }).not_imported).toBe(1);
    const human = await fragments(home, ['import', file, '--dry-run']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('1 item(s) not imported: line 6');
    const strict = await fragmentsJson(home, ['import', file, '--dry-run', '--strict']);
    expect(strict.exit).toBe(1);
    expect(strict.error!.code).toBe('NOT_ALL_IMPORTED');
    expect(strict.error!.message).toContain('line 6');
  });
});

describe('import --dry-run', () => {
  it('prints the tree it would make: sprints, phases, groups, tasks with status, estimate and dependencies', async () => {
    const home = tempHome('tree');
    const file = write(home, 'tasks.md', ['## Phase 1: Setup (4h)', '', '- [x] T001 Init', '- [ ] T002 Configure', '', '## Phase 2: Story', '', '### Tests', '', '- [ ] T003 Test it (1h)', '  - [ ] T003.1 Cover the edge', ''].join('\n'));
    const run = await fragments(home, ['import', file, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 8)).toEqual([
      `+ TASKS  tasks  from ${file}`,
      '    Phase 1: Setup',
      '      + ● T001  Init  completed · medium · 2h',
      '      + ○ T002  Configure  pending · medium · 2h',
      '    Phase 2: Story',
      '      Tests',
      '        + ○ T003  Test it  pending · medium · 1h after T001, T002',
      '          + ○ T003.1  Cover the edge  pending · medium · no estimate',
    ]);
    expect(run.stdout).toContain('Dry run, the plan is left as it was: would create 1 sprint(s) and 4 task(s)');
  });
});

describe('fragments help plan-format', () => {
  it('prints the JSON plan that import reads, with its schema', async () => {
    const home = tempHome('format');
    const text = await fragments(home, ['help', 'plan-format']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('The JSON plan: what `fragments import FILE.json`');
    const json = await fragmentsJson(home, ['help', 'plan-format']);
    expect(json.data.schema?.required).toEqual(['sprints']);
  });
});
