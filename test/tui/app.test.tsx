import { format } from 'date-fns/format';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/runner/define.js';
import { agent, homeWith, KEY, openApp, type Screen, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const T1 = 'T-SESS-01-DB';

async function taskOf(ctx: Ctx, code: string) {
  const envelope = await run(ctx, 'task:show', { code });
  return envelope.data.task as { status: string; incomplete: boolean; summary: string | null; estimate: { low_hours: number } | null };
}

/** A session with T1 active and one update, ready to be completed. */
async function working(): Promise<{ ctx: Ctx; screen: Screen; later: (minutes: number) => void }> {
  const { ctx } = await homeWith('example');
  // The screen's clock, moved on by `later`: a task closed seconds after it started has no estimate worth offering.
  let shift = 0;
  ctx.now = () => new Date(Date.now() + shift);
  await run(ctx, 'session:start', {});
  const screen = await openApp(ctx);
  await send(screen, `/task-start ${T1}`, /T-SESS-01-DB Database schema.*in_progress/);
  await send(screen, '/update Migration written', /last just now: Migration written/);
  return { ctx, screen, later: (minutes) => void (shift += minutes * 60_000) };
}

describe('the prompt runs commands', () => {
  it('shows what a command did, and clears the line', async () => {
    const { screen } = await working();
    const frame = screen.lastFrame()!;
    expect(frame).toMatch(/tui update\s+Migration written/);
    expect(frame).toContain('1 update');
    expect(frame).toMatch(/› {3}type \/ and Tab/);
  });

  it('keeps the typed text when a command fails, with the error under it', async () => {
    const { screen } = await working();
    const frame = await send(screen, '/task-start T-NOPE', /✗ .*T-NOPE/);
    expect(frame).toContain('› /task-start T-NOPE');
  });

  it('shows what another process writes, without a keystroke', async () => {
    const { ctx, screen } = await working();
    await run(agent(ctx.store.home), 'note', { text: 'from agent' });
    const frame = await screen.waitFor(/cli note\s+from agent/, 2000);
    expect(frame).toContain('tui update');
  });

  it('writes a heartbeat while the task timer runs, recording no activity for it', async () => {
    const { ctx } = await working();
    const session = async () => (await run(ctx, 'session:status', {})).data.session as { activity_count: number };
    const count = (await session()).activity_count;
    await expect.poll(() => JSON.parse(readFileSync(join(ctx.store.home, 'sessions.json'), 'utf8')).sessions[0].heartbeat_at).not.toBeNull();
    expect((await session()).activity_count).toBe(count);
  });

  it('keeps its own session when another process starts one: the new session is a line of the feed, and typed lines stay here', async () => {
    const { ctx, screen } = await working();
    await run(agent(ctx.store.home), 'session:start', { new: true, agent: 'claude' });
    const frame = await screen.waitFor(/cli SESSION-002\s+started · claude/);
    expect(frame).toMatch(/◆ Fragments {2}SESSION-001 · work · active/);
    expect(frame).toMatch(/T-SESS-01-DB Database schema.*in_progress/);
    await send(screen, '/update still mine', /tui update\s+still mine/);
    const history = await run({ ...ctx, sessionKey: 'SESSION-001' }, 'history', {});
    expect((history.data.activities as { text: string | null }[]).map((a) => a.text)).toContain('still mine');
  });
});

describe('Tab completion', () => {
  it('completes a command name, then a task code', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    const screen = await openApp(ctx);
    screen.type('/upd');
    await screen.waitFor('› /upd');
    screen.type(KEY.tab);
    screen.type('x');
    await screen.waitFor('› /update x');
    screen.type(KEY.ctrlU);
    screen.type('/task-start T-SESS-01-D');
    await screen.waitFor('› /task-start T-SESS-01-D');
    screen.type(KEY.tab);
    screen.type('x');
    await screen.waitFor(`› /task-start ${T1} x`);
  });

  it('cycles through several matches on repeated Tab, and shows the usage as a hint', async () => {
    const { ctx } = await homeWith('example');
    const screen = await openApp(ctx);
    screen.type('/task-start T-SESS-01');
    const hinted = await screen.waitFor('› /task-start T-SESS-01');
    expect(hinted).toContain('/task-start [CODE]');
    screen.type(KEY.tab);
    const first = (await screen.waitFor(/› \/task-start T-SESS-01-\w+/)).match(/› \/task-start (T-SESS-01-\w+)/)![1];
    screen.type(KEY.tab);
    const second = (await screen.waitFor((f) => !f.includes(`› /task-start ${first}`))).match(/› \/task-start (T-SESS-01-\w+)/)![1];
    expect(second).not.toBe(first);
  });
});

describe('the next commands', () => {
  it('Alt+1 and Esc then 2 put a suggested command in the prompt, placeholder gone, to edit and send', async () => {
    const { screen } = await working();
    await screen.waitFor('1 /update "…"   2 /done "…"');
    screen.type('\x1b1');
    await screen.waitFor('› /update');
    screen.type('more progress');
    await screen.waitFor('› /update more progress');
    screen.type(KEY.enter);
    await screen.waitFor(/tui update\s+more progress/);
    screen.type(KEY.esc);
    await new Promise((r) => setTimeout(r, 50));
    screen.type('2');
    await screen.waitFor('› /done');
  });
});

describe('reads and the session end', () => {
  it('a read command shows its answer in a panel that Esc closes', async () => {
    const { screen } = await working();
    await send(screen, '/task:list --sprint SPRINT-SESS-2', '─ task:list');
    expect(screen.lastFrame()).toContain('T-SESS-04-MCPTOOLS');
    expect(screen.lastFrame()).toContain('1 /update');
    screen.type(KEY.esc);
    await screen.waitFor('─ Activity');
  });

  it('/session-end shows what the session did, and n starts a new one', async () => {
    const { screen, later } = await working();
    later(3);
    await send(screen, '/done Schema in place', '[y/N]');
    screen.type('n');
    await send(screen, '/session-end --summary "Phase 1 begun"', 'SESSION-001 ended');
    const frame = screen.lastFrame()!;
    expect(frame).toMatch(/Duration 3m(?: \d+s)? · 1 update · 0 artifacts · 0 interruptions/);
    expect(frame).toMatch(/● T-SESS-01-DB/);
    expect(frame).toContain('“Phase 1 begun”');
    screen.type('n');
    await screen.waitFor('Started SESSION-002');
  });

  it('once its own session ended, the screen follows the home’s current one read-only, says so, and starts a new one of its own', async () => {
    const { ctx, screen, later } = await working();
    await run(agent(ctx.store.home), 'session:start', { new: true, agent: 'claude' });
    later(3);
    await send(screen, '/done Schema in place', '[y/N]');
    screen.type('n');
    await send(screen, '/session-end --summary Phase 1 begun', 'SESSION-001 ended');
    screen.type(KEY.esc);
    // The agent's session is the home's current one (it started after the screen's).
    await screen.waitFor((f) => f.includes('SESSION-002 (following, read-only)') && f.includes('this screen follows SESSION-002'));
    await run({ ...agent(ctx.store.home), sessionKey: 'SESSION-002' }, 'log', { text: 'claude carries on' });
    // What the screen said stays while the followed session moves on.
    const moved = await screen.waitFor(/cli log\s+claude carries on/);
    expect(moved).toContain('this screen follows SESSION-002');
    await send(screen, '/update for nobody', /SESSION-002 is not yours: \/session-start starts yours, \/session-switch SESSION-002 takes it over/);
    screen.type(KEY.ctrlU);
    await send(screen, '/session-start', 'Started SESSION-003');
    await screen.waitFor(/SESSION-003 · work · active/);
  });

  it('when its own session ended and no other is current, it says so, and keeps saying so as the home changes', async () => {
    const { ctx, screen } = await working();
    await send(screen, '/session-end --force', 'SESSION-001 ended');
    screen.type(KEY.esc);
    await screen.waitFor((f) => f.includes('no session open') && f.includes('Your session ended and no other is current'));
    await run(agent(ctx.store.home), 'task:create', { code: 'T-NEW', title: 'Added meanwhile' });
    await screen.waitFor((f) => f.includes('1 /session-start') && f.includes('Your session ended and no other is current'));
    await run(agent(ctx.store.home), 'task:create', { code: 'T-NEWER', title: 'And another' });
    // Nothing on screen shows a new task: this waits for the home's watch to bring the change, then checks the word stayed.
    await new Promise((r) => setTimeout(r, 300));
    expect(screen.lastFrame()).toContain('Your session ended and no other is current');
  });

  it('Enter with a line typed over an answer panel closes it and sends the line', async () => {
    const { screen } = await working();
    await send(screen, '/context', '─ context');
    screen.type('/note second');
    await screen.waitFor('› /note second');
    screen.type(KEY.enter);
    await screen.waitFor(/tui note\s+second/);
  });
});

describe('mission control', () => {
  it('/sessions lists every open session live, marks a shared task, and Enter watches one read-only', async () => {
    const { ctx, screen: first } = await working();
    first.type(KEY.ctrlU);
    const pinned: Ctx = { ...ctx, sessionKey: 'SESSION-001' };
    const screen = await openApp(pinned);
    const other = agent(ctx.store.home);
    await run(other, 'session:start', { new: true, agent: 'claude' });
    await run({ ...other, sessionKey: 'SESSION-002' }, 'task:activate', { code: T1 });
    await send(screen, '/sessions', 'Sessions (2 open)');
    const list = await screen.waitFor('same task as SESSION-001');
    expect(list).toMatch(/SESSION-001 \(this screen\)/);
    expect(list).toMatch(/SESSION-002 claude · cli active T-SESS-01-DB/);
    await run({ ...other, sessionKey: 'SESSION-002' }, 'update', { text: 'agent progress' });
    screen.type(KEY.down);
    screen.type(KEY.enter);
    const watched = await screen.waitFor(/SESSION-002 \(watching, read-only\)/);
    expect(watched).toMatch(/cli update\s+agent progress/);
    screen.type(KEY.esc);
    await screen.waitFor((f) => f.includes('Back on SESSION-001') && !f.includes('watching, read-only'));
  });
});

describe('history', () => {
  it('walks back with ↑, gives the draft back on ↓, and is kept in the home across runs', async () => {
    const { ctx, screen } = await working();
    screen.type('half-typed draft');
    await screen.waitFor('› half-typed draft');
    screen.type(KEY.up);
    await screen.waitFor('› /update Migration written');
    screen.type(KEY.up);
    await screen.waitFor(`› /task-start ${T1}`);
    screen.type(KEY.down);
    await screen.waitFor('› /update Migration written');
    screen.type(KEY.down);
    await screen.waitFor('› half-typed draft');

    const file = join(ctx.store.home, 'history');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toEqual([`/task-start ${T1}`, '/update Migration written']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await openApp(ctx);
    again.type(KEY.up);
    await again.waitFor('› /update Migration written');
  });

  it('keeps the history file at its cap, whatever earlier runs left', async () => {
    const { ctx } = await homeWith('example');
    const file = join(ctx.store.home, 'history');
    writeFileSync(file, Array.from({ length: 700 }, (_, i) => `/log old ${i}`).join('\n'));
    const screen = await openApp(ctx);
    await send(screen, '/session-start', 'Started SESSION-001');
    await expect.poll(() => readFileSync(file, 'utf8').trim().split('\n').length).toBe(500);
    expect(readFileSync(file, 'utf8').trim().split('\n').at(-1)).toBe('/session-start');
  });
});

describe('line editing', () => {
  it('Ctrl+W deletes a word, Ctrl+U clears, Home and End move the cursor', async () => {
    const { ctx } = await homeWith('example');
    const screen = await openApp(ctx);
    screen.type('/note one two');
    await screen.waitFor('› /note one two');
    screen.type(KEY.ctrlW);
    screen.type('!');
    await screen.waitFor('› /note one !');
    screen.type(KEY.home);
    screen.type('X');
    await screen.waitFor('› X/note one !');
    screen.type(KEY.end);
    screen.type('Y');
    await screen.waitFor('› X/note one !Y');
    screen.type(KEY.ctrlU);
    await screen.waitFor('type / and Tab for commands');
  });

  it('a pasted multi-line text (bracketed paste) sends nothing until Enter, and keeps its lines', async () => {
    const { ctx, screen } = await working();
    screen.type('\x1b[200~/note first line\rsecond line\r\x1b[201~');
    const frame = await screen.waitFor('› /note first line↵second line↵');
    expect(frame).not.toMatch(/tui note/);
    screen.type(KEY.enter);
    await screen.waitFor(/tui note\s+first line\\nsecond line/);
    expect((await taskOf(ctx, T1)).status).toBe('in_progress');
    const task = (await run(ctx, 'task:show', { code: T1 })).data.task as { notes: { text: string }[] };
    expect(task.notes.at(-1)!.text).toBe('first line\nsecond line');
  });
});

describe('keys that arrive together', () => {
  it('each key of a chunk does its job: Tab completes, Backspace deletes, Ctrl+U clears, Enter at the end sends', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    const screen = await openApp(ctx);
    screen.type('/upd\t');
    screen.type('x');
    await screen.waitFor('› /update x');
    screen.type('yz\x7f\x7f');
    await screen.waitFor((f) => f.includes('› /update x') && !f.includes('xy'));
    screen.type('\x15/log one\r');
    await screen.waitFor(/tui log\s+one/);
  });

  it("an apostrophe in free text is text: /note it's done", async () => {
    const { screen } = await working();
    await send(screen, "/note it's done, don't worry", /tui note\s+it's done, don't worry/);
  });
});

describe('the completion check dialog', () => {
  it('1 asks for the summary in the prompt, then completes the task', async () => {
    const { ctx, screen } = await working();
    await send(screen, '/done', 'the completion check failed');
    expect(screen.lastFrame()).toContain('has no summary');
    screen.type('1');
    await screen.waitFor('Summary (Esc cancels) ›');
    screen.type('Schema and migrations in place');
    await screen.waitFor('Schema and migrations in place');
    screen.type(KEY.enter);
    await screen.waitFor(/Update estimate to|T-SESS-01-DB completed/);
    const task = await taskOf(ctx, T1);
    expect(task).toMatchObject({ status: 'completed', incomplete: false, summary: 'Schema and migrations in place' });
  });

  it('2 closes it anyway, marked incomplete', async () => {
    const { ctx, screen } = await working();
    await send(screen, '/done', 'the completion check failed');
    screen.type('2');
    await screen.waitFor('No task active');
    expect(await taskOf(ctx, T1)).toMatchObject({ status: 'completed', incomplete: true });
  });

  it('3 keeps working: nothing changes', async () => {
    const { ctx, screen } = await working();
    await send(screen, '/done', 'the completion check failed');
    screen.type('3');
    const frame = await screen.waitFor('Kept working');
    expect(frame).toMatch(/T-SESS-01-DB Database schema.*in_progress/);
    expect(await taskOf(ctx, T1)).toMatchObject({ status: 'in_progress', incomplete: false, summary: null });
  });

  it('offers no summary prompt where a summary would fix nothing: /session-end with a task active', async () => {
    const { ctx, screen } = await working();
    await send(screen, '/session-end', 'the completion check failed');
    const frame = screen.lastFrame()!;
    expect(frame).toContain('is still active');
    expect(frame).not.toContain('1 add a');
    screen.type('1');
    screen.type('3');
    await screen.waitFor('Kept working');
    expect((await run(ctx, 'session:status', {})).data.session).toMatchObject({ status: 'active' });
  });
});

describe('the estimate prompt', () => {
  it('y takes the suggested estimate when a task closes far from it', async () => {
    const { ctx, screen, later } = await working();
    // Finished in 3 minutes against 1-1.25h: far under half the estimate.
    later(3);
    await send(screen, '/done Quicker than planned', /Update estimate to 3m\? \[y\/N\]/);
    screen.type('y');
    await screen.waitFor((f) => !f.includes('[y/N]'));
    await expect.poll(async () => (await taskOf(ctx, T1)).estimate).toEqual({ low_hours: 0.05, high_hours: 0.05 });
  });

  it('no estimate is offered for a task closed seconds after it started: that time was not tracked', async () => {
    const { ctx, screen } = await working();
    await send(screen, '/done Quicker than planned', 'T-SESS-01-DB completed');
    expect(screen.lastFrame()).not.toContain('[y/N]');
    expect((await taskOf(ctx, T1)).estimate).toEqual({ low_hours: 1, high_hours: 1.25 });
  });

  it('any other key keeps the estimate', async () => {
    const { ctx, screen, later } = await working();
    later(3);
    await send(screen, '/done Quicker than planned', '[y/N]');
    screen.type('n');
    await screen.waitFor('Estimate of T-SESS-01-DB kept');
    expect((await taskOf(ctx, T1)).estimate).toEqual({ low_hours: 1, high_hours: 1.25 });
  });
});

describe('what the screen says when there is nothing yet', () => {
  it('an empty home says to import a plan', async () => {
    const { ctx } = await homeWith('empty');
    await run(ctx, 'session:start', {});
    const frame = (await openApp(ctx)).lastFrame()!;
    expect(frame).toContain('No plan yet: /import FILE');
    expect(frame).toContain('No task active');
    expect(frame).toContain('SESSION-001');
  });

  it('? opens the help with the keys and every command', async () => {
    const { ctx } = await homeWith('example');
    const screen = await openApp(ctx);
    screen.type('?');
    const frame = await screen.waitFor('Keys');
    expect(frame).toContain('Tab');
    screen.type(KEY.esc);
    await screen.waitFor('Activity');
  });
});

describe('layout', () => {
  const panels = ['◆ Fragments', 'SESSION-001', '─ Sprint', '─ Task', '─ Activity', '─ Next', '›'];

  for (const size of [
    { columns: 80, rows: 24 },
    { columns: 160, rows: 48 },
  ]) {
    it(`fits ${size.columns}×${size.rows} with every panel present`, async () => {
      const { ctx } = await homeWith('example');
      await run(ctx, 'session:start', {});
      await run(ctx, 'task:activate', { code: T1 });
      for (let i = 0; i < 60; i++) await run(ctx, 'log', { text: `step ${i} ${'of a long log line '.repeat(8)}` });
      const screen = await openApp(ctx, size);
      const frame = await screen.waitFor('step 59');
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
      expect(lines.length).toBeGreaterThanOrEqual(size.rows - 2);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(size.columns);
      for (const panel of panels) expect(frame).toContain(panel);
      // The activity uses the room there is: more lines on the bigger screen.
      const shown = lines.filter((l) => /tui log\s+step/.test(l)).length;
      expect(shown).toBe(size.rows - 1 - 13 - 1);
      expect(frame).toContain('…');
    });
  }

  it('a short terminal keeps the header, the task and the prompt; a tiny one says what it needs', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    await run(ctx, 'task:activate', { code: T1 });
    const short = await openApp(ctx, { columns: 60, rows: 12 });
    const frame = await short.waitFor('T-SESS-01-DB Database schema');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(11);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(frame).toContain('◆ Fragments');
    expect(frame).toContain('›');
    const tiny = await openApp(ctx, { columns: 25, rows: 6 });
    expect((await tiny.waitFor('needs')).replace(/\s+/g, ' ')).toContain('this terminal is 25×6');
  });

  it('a feed reaching back past today gives each line its day', async () => {
    const { ctx } = await homeWith('example');
    const yesterday = new Date(Date.now() - 86_400_000);
    const then = { ...ctx, now: () => yesterday };
    await run(then, 'session:start', {});
    await run(then, 'log', { text: 'before the night' });
    const frame = await (await openApp(ctx)).waitFor('before the night');
    expect(frame).toContain(`${format(yesterday, 'EEE HH:mm')} tui log`);
  });

  it('PgUp scrolls the activity back, PgDn forward', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    for (let i = 0; i < 30; i++) await run(ctx, 'log', { text: `step ${i}` });
    const screen = await openApp(ctx, { columns: 80, rows: 24 });
    await screen.waitFor('step 29');
    screen.type(KEY.pageUp);
    const back = await screen.waitFor('newer (PgDn)');
    expect(back).not.toContain('step 29');
    screen.type(KEY.pageDown);
    await screen.waitFor('step 29');
  });

  it('shows stored escape sequences inert', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    await run(ctx, 'log', { text: 'evil \x1b[2J\x07 text' });
    const frame = (await openApp(ctx)).lastFrame()!;
    expect(frame).toContain('evil \\x1b[2J\\x07 text');
  });
});
