/**
 * `/import FILE` in the TUI: the tree its dry run would make, then Enter
 * imports and Esc leaves the plan as it was.
 */
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/runner/define.js';
import { ROOT } from '../helpers/cli.js';
import { homeWith, KEY, openApp } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const PLAN = `${ROOT}examples/sprint-plan.md`;

async function tasks(ctx: Ctx): Promise<string[]> {
  const envelope = await run(ctx, 'task:list', {});
  return (envelope.data.tasks as { code: string }[]).map((t) => t.code);
}

describe('/import in the TUI', () => {
  it('shows what it would make and asks: Esc cancels, Enter imports', async () => {
    const { ctx: base } = await homeWith('empty');
    const ctx: Ctx = { ...base, byDeveloper: true };
    await run(ctx, 'session:start', {});
    const screen = await openApp(ctx, { columns: 120, rows: 40 });

    screen.type(`/import ${PLAN}`);
    await screen.waitFor('sprint-plan.md');
    screen.type(KEY.enter);
    const preview = await screen.waitFor('Enter imports');
    expect(preview).toContain('import would do this');
    expect(preview).toContain('+ SPRINT-SESS-1  Core System & Context');
    expect(preview).toMatch(/\+ ○ T-SESS-01-DB\s+Database schema\s+pending · critical · 1-1\.25h/);
    expect(await tasks(ctx)).toEqual([]);

    screen.type(KEY.esc);
    await screen.waitFor('import cancelled: nothing changed.');
    expect(await tasks(ctx)).toEqual([]);

    // The line is in the history: ↑ brings it back.
    screen.type(KEY.up);
    await screen.waitFor(`/import ${PLAN}`);
    screen.type(KEY.enter);
    await screen.waitFor('Enter imports');
    screen.type(KEY.pageDown);
    await screen.waitFor('SPRINT-SESS-2');
    screen.type(KEY.enter);
    await screen.waitFor((f) => !f.includes('Enter imports'));
    await expect.poll(() => tasks(ctx)).toHaveLength(21);
  });
});
