import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, fragments, fragmentsJson, tempHome, type Run } from '../helpers/cli.js';

type Json = Record<string, any>;

const ESC = '\u001b';
const dataOf = (envelope: { data: unknown }) => envelope.data as Json;

/** stdout must be exactly one JSON document, on one line. */
function oneDocument(run: Run): Json {
  expect(run.stdout.endsWith('\n'), run.stdout).toBe(true);
  expect(run.stdout.trimEnd().split('\n'), run.stdout).toHaveLength(1);
  return JSON.parse(run.stdout) as Json;
}

describe('the CLI', () => {
  const home = join(tempHome('cli'), 'home');

  it('history says what a command was given, not only its name', async () => {
    const own = tempHome('cli-history');
    const plan = join(ROOT, 'examples', 'sprint-plan.md');
    for (const args of [['session:start'], ['import', plan]]) expect((await fragmentsJson(own, args)).success).toBe(true);
    const history = await fragments(own, ['history']);
    expect(history.stdout.split('\n')).toContainEqual(expect.stringMatching(/^\d\d:\d\d import /));
    expect(history.stdout).toContain(` import ${plan}`);
  });

  beforeAll(async () => {
    for (const args of [
      ['sprint:create', 'SPRINT-AUTH', '--title', 'Accounts'],
      ['task:create', 'T-LOGIN', '--title', 'Log in', '--sprint', 'SPRINT-AUTH', '--priority', 'high'],
      ['task:create', 'T-LOGOUT', '--title', 'Log out', '--sprint', 'SPRINT-AUTH', '--depends', 'T-LOGIN'],
      ['task:create', 'T-SIGNUP', '--title', 'Sign up', '--sprint', 'SPRINT-AUTH', '--depends', 'T-LOGIN'],
    ]) {
      const run = await fragmentsJson(home, args);
      expect(run.success, `${args.join(' ')}: ${JSON.stringify(run.error)}`).toBe(true);
    }
  });

  describe('--json prints exactly one envelope on stdout', () => {
    it('on success: exit 0', async () => {
      const run = await fragments(home, ['task:create', 'T-RESET', '--title', 'Reset password', '--sprint', 'SPRINT-AUTH', '--json']);
      expect(run.code).toBe(0);
      const envelope = oneDocument(run);
      expect(envelope).toMatchObject({ success: true, command: 'task:create', schema_version: 1 });
      expect(envelope.data.task).toMatchObject({ code: 'T-RESET', title: 'Reset password', status: 'pending' });
      expect(envelope.error).toBeUndefined();
    });

    it('when the command fails: exit 1, an unknown code lists the closest codes', async () => {
      const run = await fragments(home, ['task:show', 'T-LOGN', '--json']);
      expect(run.code).toBe(1);
      const envelope = oneDocument(run);
      expect(envelope.success).toBe(false);
      expect(envelope.error.code).toBe('NOT_FOUND');
      expect(envelope.error.message).toContain('T-LOGN');
      expect(envelope.error.message).toContain('T-LOGIN');
    });

    it('on bad usage: exit 2, an unknown command suggests the close one', async () => {
      const run = await fragments(home, ['tsak:list', '--json']);
      expect(run.code).toBe(2);
      const envelope = oneDocument(run);
      expect(envelope.success).toBe(false);
      expect(envelope.error.code).toBe('UNKNOWN_COMMAND');
      expect(envelope.error.message).toContain('task:list');
    });

    it('on a missing required argument: exit 2 with the usage line', async () => {
      const run = await fragments(home, ['task:create', 'T-NOTITLE', '--json']);
      expect(run.code).toBe(2);
      const envelope = oneDocument(run);
      expect(envelope.success).toBe(false);
      expect(envelope.error.code).toBe('USAGE');
      expect(envelope.error.message).toContain('--title');
      expect(envelope.error.message).toContain('fragments task:create CODE --title TITLE');
      const list = await fragmentsJson(home, ['task:list']);
      expect(dataOf(list).tasks.map((t: Json) => t.code)).not.toContain('T-NOTITLE');
    });
  });

  describe('exit codes and messages without --json', () => {
    it('an unknown code: exit 1, the closest codes on stderr, nothing on stdout', async () => {
      const run = await fragments(home, ['task:show', 'T-LOGN']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('T-LOGIN');
    });

    it('an unknown command: exit 2, "task:list" suggested', async () => {
      const run = await fragments(home, ['tsak:list']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('task:list');
    });

    it('a missing --title: exit 2 with the usage line', async () => {
      const run = await fragments(home, ['task:create', 'T-NOTITLE']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--title');
      expect(run.stderr).toContain('Usage: fragments task:create CODE --title TITLE');
    });

    it('codes match whatever their case and are shown as written', async () => {
      const run = await fragmentsJson(home, ['task:show', 't-login']);
      expect(run.exit).toBe(0);
      expect(dataOf(run).task.code).toBe('T-LOGIN');
    });
  });

  describe('help and version', () => {
    it('`fragments help` lists the commands', async () => {
      const run = await fragments(home, ['help']);
      expect(run.code).toBe(0);
      for (const name of ['task:create', 'task:list', 'next', 'import', 'doctor']) expect(run.stdout).toContain(name);
    });

    it('`fragments help task:create` and `fragments task:create --help` show its usage', async () => {
      const before = dataOf(await fragmentsJson(home, ['task:list'])).tasks.length;
      const help = await fragments(home, ['help', 'task:create']);
      const flag = await fragments(home, ['task:create', '--help']);
      for (const run of [help, flag]) {
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('Usage: fragments task:create CODE --title TITLE');
        expect(run.stdout).toContain('--depends');
      }
      expect(flag.stdout).toBe(help.stdout);
      const after = dataOf(await fragmentsJson(home, ['task:list'])).tasks.length;
      expect(after).toBe(before); // --help ran nothing
    });

    it('`--version` prints the package version', async () => {
      const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      const run = await fragments(home, ['--version']);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(`fragments ${version}`);
    });
  });

  describe('next', () => {
    it('picks a ready task and says why; the slash form is accepted', async () => {
      for (const args of [['next'], ['/next']]) {
        const run = await fragmentsJson(home, args);
        expect(run.exit, args[0]).toBe(0);
        expect(run.command).toBe('next');
        // T-LOGIN is the only task without open dependencies and has the highest priority
        expect(dataOf(run).task.code).toBe('T-LOGIN');
        expect(dataOf(run).reason).toContain('T-LOGIN');
        const blocked = dataOf(run).blocked.map((b: Json) => b.code);
        expect(blocked).toEqual(expect.arrayContaining(['T-LOGOUT', 'T-SIGNUP']));
      }
      const human = await fragments(home, ['/next']);
      expect(human.code).toBe(0);
      expect(human.stdout).toContain('T-LOGIN');
    });
  });

  describe('dependency cycles', () => {
    it('an import that would close a cycle is refused, naming it, and changes nothing', async () => {
      const cycleHome = join(tempHome('cycle'), 'home');
      expect((await fragmentsJson(cycleHome, ['task:create', 'T-A', '--title', 'A'])).success).toBe(true);
      expect((await fragmentsJson(cycleHome, ['task:create', 'T-B', '--title', 'B', '--depends', 'T-A'])).success).toBe(true);
      // The plan as the store holds it, whichever store that is.
      const planOf = async () => dataOf(await fragmentsJson(cycleHome, ['export'])).plan;
      const planBefore = await planOf();

      const file = join(cycleHome, '..', 'cycle.json');
      writeFileSync(
        file,
        JSON.stringify({
          sprints: [
            {
              code: 'SPRINT-C',
              title: 'Cyclic',
              tasks: [
                { code: 'T-A', title: 'A', depends: ['T-B'] },
                { code: 'T-B', title: 'B', depends: ['T-A'] },
              ],
            },
          ],
        }),
      );
      const run = await fragmentsJson(cycleHome, ['import', file]);
      expect(run.exit).toBe(1);
      expect(run.success).toBe(false);
      expect(run.error?.code).toBe('DEPENDENCY_CYCLE');
      expect(run.error?.message).toMatch(/T-A → T-B → T-A|T-B → T-A → T-B/);

      expect(await planOf()).toEqual(planBefore);
      const sprints = await fragmentsJson(cycleHome, ['sprint:list']);
      expect(dataOf(sprints).sprints).toEqual([]);
      const a = await fragmentsJson(cycleHome, ['task:show', 'T-A']);
      expect(dataOf(a).task.depends).toEqual([]);
    });
  });

  describe('human output', () => {
    it('is short, and shows control sequences in a title escaped, never raw', async () => {
      const title = `Paint it ${ESC}[31mred${ESC}[0m and clear ${ESC}[2J`;
      const created = await fragments(home, ['task:create', 'T-EVIL', '--title', title, '--sprint', 'SPRINT-AUTH']);
      expect(created.code).toBe(0);
      expect(created.stdout).toContain('T-EVIL');
      expect(created.stdout).toContain('\\x1b[31mred');
      expect(created.stdout + created.stderr).not.toContain(ESC);
      expect(created.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(12);

      const list = await fragments(home, ['task:list']);
      expect(list.code).toBe(0);
      expect(list.stdout + list.stderr).not.toContain(ESC);
      const tasks = dataOf(await fragmentsJson(home, ['task:list'])).tasks as Json[];
      expect(list.stdout.trimEnd().split('\n')).toHaveLength(tasks.length); // one line a task
      expect(list.stdout).toContain('\\x1b[2J');

      // The stored title is kept as given: escaping is only for the screen.
      const shown = await fragmentsJson(home, ['task:show', 'T-EVIL']);
      expect(dataOf(shown).task.title).toBe(title);
    });

    it('never echoes control sequences from an unknown code or command', async () => {
      for (const args of [['task:show', `T-${ESC}[2J`], [`${ESC}[2Jlist`]]) {
        const run = await fragments(home, args);
        expect(run.code).not.toBe(0);
        expect(run.stdout + run.stderr, JSON.stringify(args)).not.toContain(ESC);
      }
    });
  });
});
