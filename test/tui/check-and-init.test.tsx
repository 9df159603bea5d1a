/**
 * What the TUI adds for agents: while `/done --check` runs, the check on the
 * status line with a spinner and its time, then its verdict; `/init` without
 * an agent asks which of the clients it found to set up.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/runner/define.js';
import { tempHome } from '../helpers/cli.js';
import { homeWith, KEY, openApp, type Screen, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const T1 = 'T-SESS-01-DB';

/** The TUI as `fragments` opens it: the developer types into it, so a check command may run. */
async function working(): Promise<Screen> {
  const { ctx: base } = await homeWith('example');
  const ctx: Ctx = { ...base, byDeveloper: true };
  await run(ctx, 'session:start', {});
  const screen = await openApp(ctx);
  await send(screen, `/task-start ${T1}`, /T-SESS-01-DB Database schema.*in_progress/);
  await send(screen, '/update Migration written', /last just now: Migration written/);
  return screen;
}

describe('a completion check in the TUI', () => {
  it('shows the check running with a spinner and the elapsed time, then the failure in the check dialog', async () => {
    const screen = await working();
    await send(screen, '/done Schema in place --check "sleep 1.5; exit 4"', /running `sleep 1\.5; exit 4` [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] \ds/);
    const frame = await screen.waitFor('the completion check failed', 10_000);
    expect(frame).toContain('`sleep 1.5; exit 4` exited 4');
    expect(frame).not.toContain('running `');
  });

  it('says the check passed when the task completes', async () => {
    const screen = await working();
    await send(screen, '/done Schema in place --check true', /T-SESS-01-DB completed · `true` passed in \ds/, 10_000);
  });
});

describe('/init in the TUI', () => {
  it('without an agent, offers the clients found in the folder as the next commands, and sets the chosen one up', async () => {
    const project = tempHome('tui-init');
    mkdirSync(join(project, '.cursor'));
    const { ctx } = await homeWith('empty');
    const screen = await openApp({ ...ctx, byDeveloper: true, cwd: project });
    await send(screen, '/init', /Found Cursor in/);
    await screen.waitFor('1 /init --agent cursor');
    screen.type('\x1b1');
    await screen.waitFor('› /init --agent cursor');
    screen.type(KEY.enter);
    await screen.waitFor(/created\s+\.cursor\/mcp\.json/);
    expect(existsSync(join(project, '.cursor', 'mcp.json'))).toBe(true);
    expect(existsSync(join(project, 'AGENTS.md'))).toBe(true);
  });
});
