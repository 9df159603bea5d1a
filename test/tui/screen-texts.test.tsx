/**
 * What the screen says (issue 18, items 10–13): the failed check's own
 * output, advice that follows what agents did, one rounding rule, a forced
 * task that does not look done, dates on old lines, a running line for a
 * long command (in the tmux suite: it needs the real command thread), and
 * errors that point at /help.
 */
import { format } from 'date-fns/format';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/runner/define.js';
import { agent, homeWith, KEY, openApp, type Screen, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const T1 = 'T-SESS-01-DB';

/** The screen on a session with T1 active and one update; `later` moves the screen's clock on. */
async function working(size?: { columns: number; rows: number }): Promise<{ ctx: Ctx; screen: Screen; later: (seconds: number) => void }> {
  const { ctx: base } = await homeWith('example');
  let shift = 0;
  const ctx: Ctx = { ...base, byDeveloper: true, now: () => new Date(Date.now() + shift) };
  const screen = await openApp(ctx, size);
  await send(screen, `/task-start ${T1}`, /T-SESS-01-DB Database schema.*in_progress/);
  await send(screen, '/update Migration written', /last just now: Migration written/);
  return { ctx, screen, later: (seconds) => void (shift += seconds * 1000) };
}

describe('the check dialog', () => {
  it('shows the end of the failed check’s output, not only that it failed', async () => {
    const { screen } = await working({ columns: 100, rows: 30 });
    const frame = await send(screen, '/done Schema in place --check "echo first-line; echo assertion failed: 2 != 3; exit 4"', 'the completion check failed', 10_000);
    expect(frame).toContain('exited 4');
    expect(frame).toContain('│ first-line');
    expect(frame).toContain('│ assertion failed: 2 != 3');
    expect(frame).toContain('3 keep working');
  });
});

describe('advice that follows what others did', () => {
  it('an agent closing the screen’s task from its own session takes the stale hint and the /update, /done suggestions away', async () => {
    const { ctx } = await homeWith('example');
    const other = agent(ctx.store.home);
    await run(ctx, 'session:start', {});
    await run(other, 'session:start', { new: true, agent: 'claude' });
    // Pinned, as `fragments --session SESSION-001`: the agent's session is current in the home.
    const screen = await openApp({ ...ctx, sessionKey: 'SESSION-001' });
    await send(screen, `/task-start ${T1}`, /T-SESS-01-DB Database schema.*in_progress/);
    await send(screen, '/update Migration written', 'Keep T-SESS-01-DB current');
    await run({ ...other, sessionKey: 'SESSION-002' }, 'tasks:bulk-complete', { codes: T1, summary: 'done by claude', force: true });
    const frame = await screen.waitFor((f) => f.includes('No task active') && !f.includes('Keep T-SESS-01-DB current') && !f.includes('/done "…"'));
    expect(frame).toMatch(/1 \/task-start T-SESS-01-MODELS/);
  });
});

describe('one rounding rule', () => {
  it('a task done in 110 s against an hour took 1m 50s (0.027×), and the estimate offered is of that time', async () => {
    const { screen, later } = await working();
    later(110);
    const frame = await send(screen, '/done Quick after all', /Update estimate to 2m\? \[y\/N\]/);
    expect(frame).toContain('took 1m 50s against 1-1.25h estimated (0.027×)');
  });

  it('the task and its sprint show the same time when the task is all the sprint’s time', async () => {
    const { screen, later } = await working();
    later(47.6);
    await send(screen, '/note a moment later', /tui note\s+a moment later/);
    const frame = screen.lastFrame()!;
    const task = /⏱ 0:00:(\d\d)/.exec(frame)![1];
    expect(frame).toMatch(new RegExp(`0/9 {2}${Number(task)}s / 10-13h`));
  });
});

describe('the session summary', () => {
  it('marks a task closed by force apart from a completed one, and counts in words that agree with the number', async () => {
    const { screen } = await working({ columns: 100, rows: 30 });
    await send(screen, '/done', 'the completion check failed');
    screen.type('2');
    await screen.waitFor('No task active');
    await send(screen, '/session-pause lunch', /paused/);
    await send(screen, '/session-resume', /SESSION-001 · work · active/);
    const frame = await send(screen, '/session-end --summary Half a day', 'SESSION-001 ended');
    expect(frame).toContain('1 update · 0 artifacts · 1 interruption');
    expect(frame).toMatch(/◌ T-SESS-01-DB \d+s incomplete \(closed by force\)/);
    expect(frame).not.toMatch(/● T-SESS-01-DB/);
  });
});

describe('dates in the feed', () => {
  it('a line older than six days shows its date, not a weekday that reads as this week', async () => {
    const { ctx } = await homeWith('example');
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    const then = { ...ctx, now: () => tenDaysAgo };
    await run(then, 'session:start', {});
    await run(then, 'log', { text: 'long ago' });
    await run(ctx, 'log', { text: 'today' });
    const frame = await (await openApp(ctx)).waitFor('long ago');
    expect(frame).toContain(`${format(tenDaysAgo, 'd MMM HH:mm')} tui log`);
    expect(frame).not.toContain(`${format(tenDaysAgo, 'EEE HH:mm')} tui log`);
  });
});

describe('errors on the screen', () => {
  it('point at /help and show usage in slash form, not at `fragments help`', async () => {
    const { screen } = await working({ columns: 120, rows: 30 });
    const unknown = await send(screen, '/frobnicate now', /✗ Unknown command/);
    expect(unknown).toContain('See /help.');
    expect(unknown).not.toContain('fragments help');
    screen.type(KEY.ctrlU);
    const usage = await send(screen, '/task-start T-1 T-2', /✗ task:activate: unexpected argument/);
    expect(usage).toContain('Usage: /task-start [CODE]');
  });
});
