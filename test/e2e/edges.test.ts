/**
 * Issue 9, "Honest answers at the edges": each place where the CLI said
 * something untrue or threw away what it was given, run through the real
 * executable on a temporary home.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, fragments, tempHome } from '../helpers/cli.js';
import { at, cli, data, ok, working, type ActivityData, type TaskData } from '../helpers/session.js';
import { onPostgres } from '../helpers/store-env.js';

const TASK = 'T-SESS-01-DB';

describe('a request id', () => {
  const home = tempHome('request-id');

  it('sent again with other arguments is refused, and the new text is not taken for recorded', async () => {
    await working(home, TASK);
    ok(await cli(home, 1, 'update', 'alpha', '--request-id', 'R2'));
    const reused = await cli(home, 2, 'update', 'beta', '--request-id', 'R2');
    expect(reused.exit).toBe(2);
    expect(reused.error).toMatchObject({ code: 'REQUEST_ID_REUSED' });
    expect(reused.error!.message).toContain('other arguments');
    const human = await fragments(home, ['update', 'beta', '--request-id', 'R2'], { FRAGMENTS_NOW: at(2) });
    expect(human.code).toBe(2);
    expect(human.stdout).not.toContain('recorded');
    const show = ok(await cli(home, 3, 'task:show'));
    expect(data<{ task: TaskData }>(show).task.updates!.map((u) => u.text)).toEqual(['alpha']);
  });

  it('sent again with the same request is a replay, and says so', async () => {
    const replay = ok(await cli(home, 4, 'update', 'alpha', '--request-id', 'R2'));
    expect(replay.data).toMatchObject({ replayed: true, replayed_at: at(1) });
    const human = await fragments(home, ['update', 'alpha', '--request-id', 'R2'], { FRAGMENTS_NOW: at(4) });
    expect(human.stdout).toMatch(/Replayed: this request was answered at .*; nothing changed now/);
  });
});

describe('text that says nothing', () => {
  const home = tempHome('blank');
  beforeAll(() => working(home, TASK));

  it.each([['   '], ['\n\t'], ['']])('update %j is refused like empty text', async (text) => {
    const answer = await cli(home, 1, 'update', text);
    expect(answer.exit).toBe(2);
    expect(answer.error).toMatchObject({ code: 'USAGE' });
    expect(answer.error!.message).toContain('TEXT is required');
  });
});

describe('history', () => {
  const home = tempHome('history');

  it('tags task:create with the task it created, and resume repeats that', async () => {
    await working(home, TASK);
    ok(await cli(home, 1, 'task:create', 'T-NEW', '--title', 'Brand new'));
    const history = ok(await cli(home, 2, 'history'));
    const created = data<{ activities: ActivityData[] }>(history).activities.find((a) => a.command === 'task:create');
    expect(created?.task).toBe('T-NEW');
    const resume = ok(await cli(home, 3, 'session:resume'));
    expect(data<{ last_actions: string[] }>(resume).last_actions.at(-1)).toMatch(/task:create "T-NEW"$/);
  });
});

describe('--version', () => {
  it('with --json prints the envelope every --json answer promises', async () => {
    const run = await fragments(tempHome('version'), ['--json', '--version']);
    expect(run.code).toBe(0);
    const envelope = JSON.parse(run.stdout);
    expect(envelope).toMatchObject({ schema_version: 1, success: true, command: 'version', session_key: null });
    expect(envelope.data.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('completion', () => {
  it('refuses a blocked task, and --force closes it marked incomplete with the failure on record', async () => {
    const home = tempHome('blocked');
    await working(home, TASK);
    ok(await cli(home, 5, 'update', 'Schema drafted'));
    ok(await cli(home, 6, 'block', 'waiting for the DBA'));
    const refused = await cli(home, 7, 'done', 'Schema in place');
    expect(refused.exit).toBe(1);
    expect(refused.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.instructions!.validation_errors).toContain(`${TASK} is blocked (waiting for the DBA)`);
    expect(refused.instructions!.suggested_commands).toContain('fragments unblock');
    const forced = ok(await cli(home, 8, 'done', 'Schema in place', '--force'));
    expect(data<{ task: TaskData }>(forced).task).toMatchObject({ status: 'completed', incomplete: true });
    const history = data<{ activities: ActivityData[] }>(ok(await cli(home, 9, 'history'))).activities;
    expect(history.filter((a) => a.kind === 'validation').map((a) => a.data)).toContainEqual(
      expect.objectContaining({ forced: true, failed: [`${TASK} is blocked (waiting for the DBA)`] }),
    );
  });

  it('refuses a task whose dependency is not completed, naming it', async () => {
    const home = tempHome('depends');
    ok(await cli(home, 0, 'task:create', 'T-A', '--title', 'First'));
    ok(await cli(home, 0, 'task:create', 'T-B', '--title', 'Second', '--depends', 'T-A'));
    ok(await cli(home, 0, 'session:start'));
    ok(await cli(home, 1, 'task:activate', 'T-B'));
    ok(await cli(home, 2, 'update', 'Done before its dependency'));
    const refused = await cli(home, 3, 'done', 'Second is in');
    expect(refused.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.instructions!.validation_errors).toContain('T-B depends on T-A, not completed yet');
    expect(refused.instructions!.suggested_commands).toContain('fragments task:activate T-A');
    ok(await cli(home, 4, 'done', 'Second is in', '--force'));
  });

  it('in a bulk completion, a dependency closing in the same batch counts as done', async () => {
    const home = tempHome('bulk-depends');
    ok(await cli(home, 0, 'task:create', 'T-A', '--title', 'First'));
    ok(await cli(home, 0, 'task:create', 'T-B', '--title', 'Second', '--depends', 't-a'));
    ok(await cli(home, 0, 'session:start'));
    for (const code of ['T-A', 'T-B']) {
      ok(await cli(home, 1, 'task:activate', code));
      ok(await cli(home, 2, 'update', `${code} written`));
    }
    const bulk = ok(await cli(home, 3, 'tasks:bulk-complete', 'T-A,T-B', '--summary', 'Both in'));
    expect(bulk.data.completed).toEqual(['T-A', 'T-B']);
  });
});

describe('another session completed my task', () => {
  const home = tempHome('closed-elsewhere');
  const S1 = ['--session', 'SESSION-001'];
  const S2 = ['--session', 'SESSION-002'];

  it('the task shared by two sessions is suggested as shared once', async () => {
    await working(home, TASK);
    ok(await cli(home, 1, 'session:start', '--new'));
    const second = ok(await cli(home, 2, 'task:activate', TASK, ...S2));
    expect(second.instructions!.suggestions.filter((s) => s.type === 'shared_task')).toHaveLength(1);
  });

  it('the loser of two racing `done`s hears who completed it and when', async () => {
    ok(await cli(home, 3, 'update', 'Schema written', ...S2));
    ok(await cli(home, 5, 'done', 'Schema in place', ...S2));
    const lost = await cli(home, 6, 'done', 'Schema in place too', ...S1);
    expect(lost.exit).toBe(1);
    expect(lost.error!.code).toBe('TASK_CLOSED');
    expect(lost.error!.message).toContain(`${TASK}, active in SESSION-001, was completed by SESSION-002 1 minute ago (2026-01-05 09:05 UTC)`);
    expect(lost.instructions!.validation_warnings.join(' ')).not.toContain('SESSION-002'); // said once, in the error
  });

  it('the next update says so where it lands, once', async () => {
    const update = ok(await cli(home, 7, 'update', 'More on the schema', ...S1));
    expect(update.data.target).toMatchObject({ kind: 'sprint' });
    expect(update.instructions!.validation_warnings[0]).toContain(`${TASK}, active in SESSION-001, was completed by SESSION-002`);
    const again = ok(await cli(home, 8, 'update', 'And more', ...S1));
    expect(again.instructions!.validation_warnings.join(' ')).not.toContain('SESSION-002');
  });
});

describe('durations', () => {
  it('are refused outside 1 minute to 1,000 hours, with the limits in the error', async () => {
    const home = tempHome('durations');
    for (const estimate of ['99999h', '9999999999999999h', '0.0001h', '1s']) {
      const answer = await cli(home, 0, 'task:create', 'T-X', '--title', 'x', '--estimate', estimate);
      expect(answer.exit, estimate).toBe(2);
      expect(answer.error!.code).toBe('BAD_DURATION');
      expect(answer.error!.message).toContain('from 1 minute to 1,000 hours');
    }
  });

  it('count a day as the config’s hours_per_day', async () => {
    const home = tempHome('hours-per-day');
    writeFileSync(join(home, 'config.json'), JSON.stringify({ schema_version: 1, hours_per_day: 6 }));
    const created = ok(await cli(home, 0, 'task:create', 'T-X', '--title', 'x', '--estimate', '2d'));
    expect(data<{ task: TaskData }>(created).task.estimate).toEqual({ low_hours: 12, high_hours: 12 });
  });
});

describe('FRAGMENTS_NOW set back', () => {
  it('against what the home holds is warned about, and forward again is quiet', async () => {
    const home = tempHome('clock');
    await working(home, TASK);
    ok(await cli(home, 30, 'update', 'Half an hour in'));
    const back = ok(await cli(home, 10, 'log', 'from the past'));
    expect(back.instructions!.validation_warnings[0]).toMatch(
      /^The clock reads 2026-01-05T09:10:00.000Z, before the last activity recorded in this home \(SESSION-001, 2026-01-05T09:30:00.000Z\).*FRAGMENTS_NOW is a testing aid/,
    );
    const read = ok(await cli(home, 5, 'history'));
    expect(read.instructions!.validation_warnings[0]).toMatch(/^The clock reads/);
    const forward = ok(await cli(home, 31, 'log', 'back to now'));
    expect(forward.instructions!.validation_warnings.join(' ')).not.toMatch(/clock/);
  });
});

describe('text shown to people', () => {
  const ESC = '\u001b';
  const home = tempHome('printable');
  const title = `Real title\n- \`T-INJECTED\` - fake task ${ESC}[2J\u0007`;

  it('never prints a stored newline or control character raw: one escape style in every view', async () => {
    ok(await cli(home, 0, 'task:create', 'T-REAL', '--title', title));
    const list = await fragments(home, ['task:list']);
    expect(list.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(list.stdout).toContain('Real title\\n- `T-INJECTED` - fake task \\x1b[2J\\x07');
    const show = await fragments(home, ['task:show', 'T-REAL']);
    expect(show.stdout.split('\n').filter((l) => l.includes('T-INJECTED'))).toHaveLength(1);
    expect(show.stdout).not.toMatch(/^- `T-INJECTED`/m);

    ok(await cli(home, 1, 'session:start'));
    ok(await cli(home, 2, 'log', `tab\there ${ESC}[31mred`));
    const resume = await fragments(home, ['session:resume'], { FRAGMENTS_NOW: at(3) });
    expect(resume.stdout).toContain('"tab\\there \\x1b[31mred"');
    expect(resume.stdout + resume.stderr).not.toContain(ESC);
    expect(resume.stdout).not.toContain('\\u001b');
  });

  it('shows bidi overrides and isolates inert, so a line reads in the order it was written', async () => {
    const bidiHome = tempHome('bidi');
    const trojan = 'access \u202Eresu_nimda\u202C granted \u2067isolated\u2069';
    ok(await cli(bidiHome, 0, 'task:create', 'T-BIDI', '--title', trojan));
    for (const view of [['task:list'], ['task:show', 'T-BIDI']]) {
      const shown = await fragments(bidiHome, view);
      expect(shown.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      expect(shown.stdout).toContain('access \\u{202e}resu_nimda\\u{202c} granted \\u{2067}isolated\\u{2069}');
    }
    expect(data<{ task: { title: string } }>(ok(await cli(bidiHome, 1, 'task:show', 'T-BIDI'))).task.title).toBe(trojan);
  });

  it('keeps text intact in --json', async () => {
    const shown = ok(await cli(home, 4, 'task:show', 'T-REAL'));
    expect(data<{ task: TaskData & { title: string } }>(shown).task.title).toBe(title);
    const resume = ok(await cli(home, 5, 'session:resume'));
    expect(data<{ last_actions: string[] }>(resume).last_actions.some((a) => a.endsWith(` log "tab\there ${ESC}[31mred"`))).toBe(true);
  });

  // A file of the home damaged by hand: PostgreSQL keeps its rows whole.
  it.skipIf(onPostgres)('shows the bytes of a damaged file escaped in its error', async () => {
    const damagedHome = tempHome('damaged-bytes');
    ok(await cli(damagedHome, 0, 'session:start'));
    writeFileSync(join(damagedHome, 'sessions.json'), `${ESC}[2J\u0007{ not json`);
    const answer = await cli(damagedHome, 1, 'session:status');
    expect(answer.error!.code).toBe('DAMAGED_FILE');
    expect(answer.error!.message).not.toContain(ESC);
    expect(answer.error!.message).toContain('\\x1b[2J');
  });
});

describe('options', () => {
  const home = tempHome('options');

  it('--json=false and --json=no leave JSON off; --json=maybe is refused', async () => {
    for (const off of ['--json=false', '--json=no', '--json=0']) {
      const run = await fragments(home, [off, 'help']);
      expect(run.code, off).toBe(0);
      expect(run.stdout.startsWith('{'), off).toBe(false);
    }
    const bad = await fragments(home, ['--json=maybe', 'help']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--json is a switch');
  });

  it('a value that looks like an option needs `=` or `--`', async () => {
    const refused = await cli(home, 0, 'task:create', 'T-1', '--title', '--force');
    expect(refused.exit).toBe(2);
    expect(refused.error!.message).toContain('write --title=--force if it is the value');
    const created = ok(await cli(home, 0, 'task:create', 'T-1', '--title=--force'));
    expect(data<{ task: { title: string } }>(created).task.title).toBe('--force');
  });

  it('a repeated single-value option is a usage error', async () => {
    const twice = await cli(home, 0, 'task:create', 'T-2', '--title', 'a', '--title', 'b');
    expect(twice.exit).toBe(2);
    expect(twice.error!.message).toContain('--title is given more than once');
  });

  it('an unknown option before the command is named as an unknown option', async () => {
    const answer = await cli(home, 0, '--bogus', 'context');
    expect(answer.exit).toBe(2);
    expect(answer.error).toMatchObject({ code: 'USAGE' });
    expect(answer.error!.message).toMatch(/^Unknown option --bogus/);
  });
});

describe('a dry run', () => {
  it('of an import on a home that does not exist shows the plan and creates nothing', async () => {
    const home = join(tempHome('dry-run-parent'), 'not-yet');
    const answer = ok(await cli(home, 0, 'import', join(ROOT, 'examples', 'sprint-plan.md'), '--dry-run'));
    expect(data<{ dry_run: boolean; report: { tasks: { created: string[] } } }>(answer).report.tasks.created.length).toBeGreaterThan(0);
    expect(existsSync(home)).toBe(false);
  });
});
