import { describe, expect, it } from 'vitest';
import { agent, homeWith, KEY, openApp, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const WIDE = { columns: 170, rows: 45 };
const wheel = (up: boolean, x = 10, y = 20) => `\x1b[<${up ? 64 : 65};${x};${y}M`;
const click = (x: number, y: number) => `\x1b[<0;${x};${y}M\x1b[<0;${x};${y}m`;

/** The developer's session with a task, and an agent's session of its own (SESSION-002). */
async function twoSessions() {
  const { ctx } = await homeWith('example');
  await run(ctx, 'session:start', {});
  await run(ctx, 'task:activate', { code: 'T-SESS-01-DB' });
  const claude = { ...agent(ctx.store.home), sessionKey: 'SESSION-002' };
  await run({ ...claude, sessionKey: undefined }, 'session:start', { new: true, agent: 'claude' });
  return { ctx, claude };
}

describe('mission control beside the work', () => {
  it('at 170 columns every open session stands right of the task and feed, live', async () => {
    const { ctx, claude } = await twoSessions();
    const screen = await openApp(ctx, WIDE);
    const frame = await screen.waitFor('Sessions (2 open)');
    const lines = frame.split('\n');
    expect(lines.find((l) => l.includes('─ Sprint'))).toMatch(/─ Sprint ─+ +│ ─ Sessions \(2 open\)/);
    expect(lines.find((l) => l.includes('─ Task'))).toMatch(/│ +T-SESS-01-DB \d+s · last just now/);
    expect(frame).toMatch(/T-SESS-01-DB Database schema .*in_progress · critical │/);
    expect(frame).toMatch(/│ ▸ SESSION-001 \(this screen\) tui active/);
    expect(frame).toMatch(/│ {3}SESSION-002 claude · cli active/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(WIDE.columns);

    // The agent takes the same task: the panel says so without a keystroke, on both sessions.
    await run(claude, 'task:activate', { code: 'T-SESS-01-DB' });
    const shared = await screen.waitFor(/│ +⚠ same task as SESSION-001/);
    expect(shared).toMatch(/│ +⚠ same task as SESSION-002/);
  });

  it('a narrower terminal keeps the overlay; growing and shrinking the terminal brings the panel and takes it away', async () => {
    const { ctx } = await twoSessions();
    const screen = await openApp(ctx, { columns: 139, rows: 40 });
    const narrow = await screen.waitFor('T-SESS-01-DB Database schema');
    expect(narrow).not.toContain('Sessions (2 open)');
    screen.resize!(170, 45);
    await screen.waitFor('│ ─ Sessions (2 open)');
    screen.resize!(120, 40);
    const back = await screen.waitFor((f) => !f.includes('Sessions (2 open)'));
    for (const line of back.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });

  it('a click on a session in the panel watches it; a click on the own one comes back', async () => {
    const { ctx } = await twoSessions();
    const screen = await openApp(ctx, WIDE);
    await screen.waitFor('Sessions (2 open)');
    // Header on row 1, the panel's title on row 2, SESSION-001's two lines, a gap, then SESSION-002 on row 6.
    screen.type(click(150, 6));
    const watching = await screen.waitFor('SESSION-002 (watching, read-only)');
    expect(watching).toMatch(/│ ▸ SESSION-002 \(watching\)/);
    screen.type(click(150, 3));
    await screen.waitFor((f) => f.includes('Back on SESSION-001') && !f.includes('(watching, read-only)'));
    // A click on the work beside does nothing.
    screen.type(click(20, 6));
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.lastFrame()).not.toContain('(watching, read-only)');
  });
});

describe('the mouse wheel', () => {
  it('scrolls the activity back and forth, three lines a notch', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    for (let i = 0; i < 40; i++) await run(ctx, 'log', { text: `step ${i}` });
    const screen = await openApp(ctx, { columns: 100, rows: 30 });
    await screen.waitFor('step 39');
    screen.type(wheel(true));
    const back = await screen.waitFor('↓ 3 newer (PgDn)');
    expect(back).not.toContain('step 39');
    expect(back).toContain('step 36');
    screen.type(wheel(true) + wheel(true));
    await screen.waitFor('↓ 9 newer (PgDn)');
    screen.type(wheel(false));
    await screen.waitFor('↓ 6 newer (PgDn)');
    screen.type(wheel(false) + wheel(false) + wheel(false));
    await screen.waitFor((f) => f.includes('step 39') && !f.includes('newer'));
  });

  it('moves the task board three tasks a notch, and a dialog asking a question takes no wheel', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    const screen = await openApp(ctx, { columns: 100, rows: 30 });
    await screen.waitFor('? help');
    await send(screen, '/tasks', /─ Tasks .* 1\/21 ·/);
    screen.type(wheel(false));
    await screen.waitFor(/─ Tasks .* 4\/21 ·/);
    screen.type(wheel(false) + wheel(true) + wheel(true));
    await screen.waitFor(/─ Tasks .* 1\/21 ·/);
    screen.type(KEY.esc);
    await screen.waitFor((f) => !f.includes('─ Tasks'));

    await send(screen, '/task-start T-SESS-01-DB', /in_progress/);
    await send(screen, '/done', 'the completion check failed');
    screen.type(wheel(true) + wheel(false));
    await new Promise((r) => setTimeout(r, 100));
    // Still asking, and the prompt's history was not walked into the line.
    expect(screen.lastFrame()).toContain('the completion check failed');
    expect(screen.lastFrame()).toMatch(/› {3}/);
  });

  it('scrolls help while it is open, and leaves the prompt alone', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    const screen = await openApp(ctx, { columns: 100, rows: 30 });
    await screen.waitFor('? help');
    screen.type('?');
    await screen.waitFor(/─ Help .* 1-\d+ of/);
    screen.type(wheel(false));
    await screen.waitFor(/─ Help .* 4-\d+ of/);
    screen.type(KEY.esc);
    const closed = await screen.waitFor((f) => !f.includes('─ Help'));
    expect(closed).toMatch(/› {3}type \/ and Tab/);
  });
});
