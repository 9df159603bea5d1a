/**
 * The task board (issue 23 item 1): /tasks or Ctrl+T opens the plan; it moves,
 * filters as you type, and Enter starts the task under the cursor through the
 * same command path as a typed /task-start.
 */
import { describe, expect, it } from 'vitest';
import { homeWith, KEY, openApp, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const SIZE = { columns: 100, rows: 30 };
const CTRL_T = '\x14';

/** The code on the board's cursor row (`▸ ○ CODE`). */
const cursorCode = (frame: string) => /▸ \S+ (\S+)/.exec(frame)?.[1];

describe('the task board', () => {
  it('shows every sprint with its tasks: status, priority, estimate and what each waits on', async () => {
    const { ctx } = await homeWith('example');
    const screen = await openApp(ctx, SIZE);
    const frame = await send(screen, '/tasks', '─ Tasks');
    expect(frame).toMatch(/SPRINT-SESS-1 {2}Core System & Context {2}planned · 9 tasks/);
    expect(frame).toMatch(/T-SESS-01-DB Database schema pending · critical · 1-1\.25h/);
    expect(frame).toMatch(/T-SESS-02-LIFECYCLE .* · waits on T-SESS-01-DB/);
    // It opens on the first open task, and says where the cursor is.
    expect(cursorCode(frame)).toBe('T-SESS-01-DB');
    expect(frame).toContain('1/21');
    expect(frame).toContain('ready to start: Enter starts it');
    // Four j typed at once move four rows; the last line names everything the chosen task waits on, however narrow the row.
    screen.type('jjjj');
    const lifecycle = await screen.waitFor((f) => cursorCode(f) === 'T-SESS-02-LIFECYCLE');
    expect(lifecycle).toContain('waits on T-SESS-01-DB, T-SESS-01-MODELS, T-SESS-01-MGR, T-SESS-01-STACK');
  });

  it('moves with j/k and the arrows, g/G and PgDn; Esc closes it', async () => {
    const { ctx } = await homeWith('example');
    const screen = await openApp(ctx, SIZE);
    screen.type(CTRL_T);
    await screen.waitFor('1/21');
    screen.type('j');
    await screen.waitFor((f) => cursorCode(f) === 'T-SESS-01-MODELS');
    screen.type(KEY.down);
    await screen.waitFor((f) => cursorCode(f) === 'T-SESS-01-MGR');
    screen.type('k');
    await screen.waitFor((f) => cursorCode(f) === 'T-SESS-01-MODELS');
    screen.type('G');
    await screen.waitFor('21/21');
    screen.type('g');
    await screen.waitFor('1/21');
    screen.type(KEY.pageDown);
    await screen.waitFor((f) => !f.includes('1/21') && /\d+\/21/.test(f));
    screen.type(KEY.esc);
    await screen.waitFor('─ Activity');
  });

  it('filters as you type on code, title and status, and Enter starts the task under the cursor', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    const screen = await openApp(ctx, SIZE);
    await send(screen, '/tasks', '1/21');
    screen.type('/');
    await screen.waitFor('filter: ▏');
    screen.type('mcp');
    const filtered = await screen.waitFor('filter: mcp▏');
    expect(filtered).toContain('1/2');
    expect(filtered).toContain('T-SESS-04-MCPTOOLS');
    expect(filtered).toContain('T-SESS-04-CTXTOOLS');
    expect(filtered).not.toContain('T-SESS-01-DB Database');
    // A filter that matches nothing says so; Backspace widens it again.
    screen.type('zz');
    await screen.waitFor('No task matches “mcpzz”');
    screen.type(KEY.backspace + KEY.backspace);
    await screen.waitFor('1/2');
    screen.type(KEY.down);
    await screen.waitFor((f) => cursorCode(f) === 'T-SESS-04-CTXTOOLS');
    screen.type(KEY.enter);
    await screen.waitFor(/T-SESS-04-CTXTOOLS MCP context tools\s+in_progress/);
    const shown = await run({ ...ctx, sessionKey: 'SESSION-001' }, 'task:show', { code: 'T-SESS-04-CTXTOOLS' });
    expect((shown.data.task as { status: string }).status).toBe('in_progress');
    // It went the way a typed line goes: the activity says the context switched to it.
    expect(screen.lastFrame()).toMatch(/tui context-switch\s+task T-SESS-04-CTXTOOLS/);
  });

  it('a filter kept with Enter stays; Esc in the filter drops it', async () => {
    const { ctx } = await homeWith('example');
    const screen = await openApp(ctx, SIZE);
    await send(screen, '/tasks', '1/21');
    screen.type('/done');
    await screen.waitFor('filter: done▏');
    screen.type(KEY.esc);
    const back = await screen.waitFor((f) => f.includes('1/21') && !f.includes('filter:'));
    expect(back).toContain('T-SESS-01-DB');
  });

  it('shows a blocked task’s reason, and what it is waiting on once its dependency is open', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    await run(ctx, 'task:activate', { code: 'T-SESS-01-DB' });
    await run(ctx, 'block', { reason: 'waiting for the DBA' });
    const screen = await openApp(ctx, SIZE);
    const frame = await send(screen, '/tasks', '─ Tasks');
    expect(frame).toMatch(/⊘ T-SESS-01-DB Database schema blocked · critical · .* · blocked: waiting for the DBA/);
  });

  it('scrolls 5,000 tasks: only the rows in view are drawn, G reaches the last, a filter finds one', async () => {
    const { ctx } = await homeWith('empty');
    const sprints = Array.from({ length: 50 }, (_, s) => ({
      code: `S-${s + 1}`,
      title: `Sprint ${s + 1}`,
      tasks: Array.from({ length: 100 }, (_, t) => ({ code: `T-${s + 1}-${t + 1}`, title: `Task ${t + 1} of sprint ${s + 1}`, estimate: '1h' })),
    }));
    const imported = await run(ctx, 'import', { content: JSON.stringify({ sprints }), file: 'big.json' });
    expect(imported.success).toBe(true);
    const screen = await openApp(ctx, SIZE);
    const opened = await send(screen, '/tasks', '1/5000', 20_000);
    // The frame is the terminal's height, not the plan's.
    expect(opened.split('\n').length).toBeLessThanOrEqual(SIZE.rows);
    screen.type('G');
    const end = await screen.waitFor('5000/5000');
    expect(cursorCode(end)).toBe('T-50-100');
    expect(end).not.toContain('T-1-1 Task');
    screen.type(KEY.pageUp);
    await screen.waitFor((f) => /\b49\d\d\/5000/.test(f));
    screen.type('/t-42-70');
    const found = await screen.waitFor('1/1 ');
    expect(cursorCode(found)).toBe('T-42-70');
  });
});
