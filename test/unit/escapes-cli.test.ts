/**
 * Stored text that would drive a terminal (issue 11, Hardening: Escapes) — an
 * OSC title, a clear-screen CSI, a bell, a C1 CSI — in every text field, then
 * every view in human output: nothing reaches the screen raw. `--json` keeps
 * the text exactly as given. Run in process (as the CLI prints) to cover many
 * views quickly; test/e2e/cli.test.ts and edges.test.ts check CSI through the
 * real executable.
 */
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import type { DataOf } from '../../src/commands/catalogue.js';

const EVIL = '\x1b]0;pwned\x07clear\x1b[2J bell\x07 c1\x9b31m';
const SHOWN = '\\x1b]0;pwned\\x07clear\\x1b[2J bell\\x07 c1\\x9b31m';
/** Any control character but the newline that ends a line. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe('escape sequences in stored text, in the CLI', () => {
  const env = { FRAGMENTS_HOME: tempHome('escapes-cli') };
  const run = (...argv: string[]) => runInProcess(argv, env);

  it('are shown inert in every view, and kept intact in --json', async () => {
    const writes = [
      ['sprint:create', 'S-EVIL', '--title', `S ${EVIL}`, '--goal', EVIL],
      ['task:create', 'T-EVIL', '--title', `T ${EVIL}`, '--sprint', 'S-EVIL', '--description', EVIL],
      ['session:start', '--agent', `agent${EVIL}`],
      ['task:activate', 'T-EVIL'],
      ['update', `U ${EVIL}`],
      ['note', `N ${EVIL}`],
      ['sprint-note', EVIL],
      ['log', EVIL],
      ['artifact', `ref${EVIL}`, EVIL],
      ['block', `B ${EVIL}`],
      ['unblock'],
      ['session:pause', EVIL],
    ];
    for (const argv of writes) {
      const { exit, err } = await run(...argv, '--json');
      expect(exit, `${argv[0]}: ${err}`).toBe(0);
    }
    const views = [
      ['session:status'], ['session:list'], ['history'], ['context'], ['task:show', 'T-EVIL'], ['task:list'], ['sprint:show', 'S-EVIL'],
      ['sprint:list'], ['next'], ['report'], ['session:resume'], ['board'], ['codes'], ['export', '--format', 'md'],
      // Failures that quote what was typed.
      ['task:show', `T-${EVIL}`], ['sprint:show', EVIL], [`no${EVIL}`], ['update', '--title', EVIL], ['estimate', EVIL],
      ['session:end', '--summary', `Z ${EVIL}`],
    ];
    for (const argv of views) {
      const { out, err } = await run(...argv);
      expect(out + err, argv.join(' ')).not.toMatch(CONTROL);
    }
    expect((await run('task:show', 'T-EVIL')).out).toContain(`T ${SHOWN}`);
    expect((await run('history')).out).toContain(`U ${SHOWN}`);

    const { task } = (await run('task:show', 'T-EVIL', '--json')).envelope!.data as DataOf<'task:show'>;
    expect(task.title).toBe(`T ${EVIL}`);
    const { sprint } = (await run('sprint:show', 'S-EVIL', '--json')).envelope!.data as DataOf<'sprint:show'>;
    expect([sprint.title, sprint.goal]).toEqual([`S ${EVIL}`, EVIL]);
    const history = (await run('history', '--json')).out;
    const texts = (JSON.parse(history) as { data: { activities: { text?: string }[] } }).data.activities.map((a) => a.text);
    expect(texts).toEqual(expect.arrayContaining([`U ${EVIL}`, `N ${EVIL}`, EVIL, `B ${EVIL}`]));
  });
});
