/**
 * The prompt (issue 23 items 2–5): plain text is an update, completion shows
 * its candidates, the line edits like the prompts people know, and a feed line
 * opens whole.
 */
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/runner/define.js';
import { homeWith, KEY, openApp, type Screen, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const T1 = 'T-SESS-01-DB';
const SIZE = { columns: 100, rows: 30 };
const KEYS = { altEnter: '\x1b\r', ctrlJ: '\n', ctrlR: '\x12', ctrlZ: '\x1a', ctrlK: '\x0b', altB: '\x1bb', altF: '\x1bf', ctrlLeft: '\x1b[1;5D', shiftTab: '\x1b[Z' };

async function opened(task: boolean): Promise<{ ctx: Ctx; screen: Screen }> {
  const { ctx: base } = await homeWith('example');
  const ctx: Ctx = { ...base, byDeveloper: true };
  const screen = await openApp(ctx, SIZE);
  if (task) await send(screen, `/task-start ${T1}`, /T-SESS-01-DB Database schema.*in_progress/);
  return { ctx, screen };
}

const activities = async (ctx: Ctx) =>
  ((await run({ ...ctx, sessionKey: 'SESSION-001' }, 'history', { limit: 50 })).data.activities as { kind: string; text: string | null; task: string | null }[]);

describe('plain text', () => {
  it('with a task active is an update of it, and the placeholder says so', async () => {
    const { ctx, screen } = await opened(true);
    await screen.waitFor(`plain text is an update of ${T1}`);
    await send(screen, 'Schema drafted, migrations next', /tui update\s+Schema drafted, migrations next/);
    const task = (await run(ctx, 'task:show', { code: T1 })).data.task as { updates: { text: string }[] };
    expect(task.updates.map((u) => u.text)).toEqual(['Schema drafted, migrations next']);
  });

  it('without a task is a note on the session, and the placeholder says so', async () => {
    const { ctx, screen } = await opened(false);
    await screen.waitFor('plain text is a note on SESSION-001');
    await send(screen, 'reading the codebase first', /tui log\s+reading the codebase first/);
    expect((await activities(ctx)).filter((a) => a.kind === 'log').map((a) => a.text)).toEqual(['reading the codebase first']);
  });
});

describe('a multi-line update', () => {
  it('Alt+Enter and Ctrl+J put line breaks in the text, and the update keeps them', async () => {
    const { ctx, screen } = await opened(true);
    screen.type('first');
    await screen.waitFor('› first');
    screen.type(KEYS.altEnter);
    screen.type('second');
    screen.type(KEYS.ctrlJ);
    screen.type('third');
    await screen.waitFor('› first↵second↵third');
    expect(screen.lastFrame()).not.toMatch(/tui update/);
    screen.type(KEY.enter);
    await screen.waitFor(/tui update\s+first\\nsecond\\nthird/);
    const task = (await run(ctx, 'task:show', { code: T1 })).data.task as { updates: { text: string }[] };
    expect(task.updates.at(-1)!.text).toBe('first\nsecond\nthird');
  });

  it('a /update typed on several lines keeps them too', async () => {
    const { ctx, screen } = await opened(true);
    screen.type('/update one');
    await screen.waitFor('› /update one');
    screen.type(KEYS.altEnter + 'two');
    await screen.waitFor('› /update one↵two');
    screen.type(KEY.enter);
    await screen.waitFor(/tui update\s+one\\ntwo/);
    const task = (await run(ctx, 'task:show', { code: T1 })).data.task as { updates: { text: string }[] };
    expect(task.updates.at(-1)!.text).toBe('one\ntwo');
  });
});

describe('editing the line', () => {
  it('Ctrl+R finds an older line: typing narrows, Ctrl+R again goes older, Enter takes it, Esc leaves the line as it was', async () => {
    const { screen } = await opened(true);
    await send(screen, '/log alpha one', /tui log\s+alpha one/);
    await send(screen, '/log beta', /tui log\s+beta/);
    await send(screen, '/log alpha two', /tui log\s+alpha two/);
    screen.type('draft');
    await screen.waitFor('› draft');
    screen.type(KEYS.ctrlR);
    await screen.waitFor('history ›');
    screen.type('alpha');
    await screen.waitFor('history › alpha   /log alpha two');
    screen.type(KEYS.ctrlR);
    await screen.waitFor('history › alpha   /log alpha one');
    screen.type('zzz');
    await screen.waitFor('no match');
    screen.type(KEY.esc);
    await screen.waitFor('› draft');
    screen.type(KEY.ctrlU + KEYS.ctrlR + 'beta');
    await screen.waitFor('history › beta   /log beta');
    screen.type(KEY.enter);
    const frame = await screen.waitFor('› /log beta');
    // Enter takes the line to edit; it is not sent until Enter again.
    expect(frame).not.toContain('history ›');
  });

  it('Ctrl+Z takes back the last edit: a typed word, a cut, a completion', async () => {
    const { screen } = await opened(true);
    screen.type('/log one');
    await screen.waitFor('› /log one');
    screen.type(' two');
    await screen.waitFor('› /log one two');
    screen.type(KEYS.ctrlZ);
    await screen.waitFor((f) => f.includes('› /log one') && !f.includes('one two'));
    screen.type(KEY.home + KEYS.ctrlK);
    await screen.waitFor(/› {3}type \//);
    screen.type(KEYS.ctrlZ);
    await screen.waitFor('› /log one');
  });

  it('moves by word with Alt+B, Alt+F and Ctrl+←, and forward Delete deletes under the cursor', async () => {
    const { screen } = await opened(true);
    screen.type('/log alpha beta');
    await screen.waitFor('› /log alpha beta');
    screen.type(KEYS.altB + KEYS.altB);
    screen.type(KEY.delete);
    await screen.waitFor('› /log lpha beta');
    screen.type(KEYS.altF + 'X');
    await screen.waitFor('› /log lphaX beta');
    screen.type(KEYS.ctrlLeft + KEY.delete);
    await screen.waitFor('› /log phaX beta');
  });
});

describe('completion shows its candidates', () => {
  it('Tab opens a menu of commands with their summaries; ↑/↓ choose, Enter takes it without sending', async () => {
    const { screen } = await opened(true);
    screen.type('/task');
    await screen.waitFor('› /task');
    screen.type(KEY.tab);
    const menu = await screen.waitFor('↑↓ choose');
    const first = /▸ (\/\S+)/.exec(menu)![1]!;
    expect(menu).toMatch(/\/task-start\s+Work on a task/);
    expect(menu).toMatch(/\/task:create\s+Create a task/);
    screen.type(KEY.down);
    await screen.waitFor((f) => /▸ (\/\S+)/.exec(f)?.[1] !== first && f.includes('2 of '));
    screen.type(KEY.up + KEY.enter);
    const taken = await screen.waitFor((f) => !f.includes('↑↓ choose'));
    expect(taken).toContain(`› ${first}`);
    expect(taken).not.toMatch(/✗/);
  });

  it('task codes come with their titles, open tasks first and closed ones marked; Esc closes the menu', async () => {
    const { ctx, screen } = await opened(false);
    await run({ ...ctx, sessionKey: 'SESSION-001' }, 'task:activate', { code: 'T-SESS-01-MODELS' });
    await run({ ...ctx, sessionKey: 'SESSION-001' }, 'done', { summary: 'models in', force: true });
    await screen.waitFor(/tui done\s/);
    screen.type('/task-start T-SESS-01-M');
    await screen.waitFor('› /task-start T-SESS-01-M');
    screen.type(KEY.tab);
    const menu = await screen.waitFor('↑↓ choose');
    expect(menu).toMatch(/▸ T-SESS-01-MGR\s+SessionManager service/);
    expect(menu).toMatch(/T-SESS-01-MODELS\s+Models \(completed\)/);
    expect(menu.search(/T-SESS-01-MGR\s+SessionManager/)).toBeLessThan(menu.search(/T-SESS-01-MODELS\s+Models \(completed\)/));
    screen.type(KEY.esc);
    await screen.waitFor((f) => !f.includes('↑↓ choose') && f.includes('› /task-start T-SESS-01-MGR'));
  });

  it('a task another process renames is offered under its new title', async () => {
    const { ctx, screen } = await opened(false);
    await run({ ...ctx, sessionKey: 'SESSION-001', face: 'cli', byDeveloper: false }, 'task:edit', { code: 'T-SESS-01-MGR', title: 'Sessions, renamed by the agent' });
    await screen.waitFor(/cli task:edit/);
    screen.type('/task-start T-SESS-01-M');
    await screen.waitFor('› /task-start T-SESS-01-M');
    screen.type(KEY.tab);
    const menu = await screen.waitFor('↑↓ choose');
    expect(menu).toMatch(/T-SESS-01-MGR\s+Sessions, renamed by the agent/);
  });

  it('a task another process creates is offered as soon as the screen shows the write, and keys typed after Tab land after the completion', async () => {
    const { ctx, screen } = await opened(false);
    await run({ ...ctx, sessionKey: 'SESSION-001', face: 'cli', byDeveloper: false }, 'task:create', { title: 'Made by the agent', code: 'T-AGENT-01', sprint: 'SPRINT-SESS-1' });
    await screen.waitFor(/cli task:create/);
    screen.type('/task-start T-AGE');
    await screen.waitFor('› /task-start T-AGE');
    screen.type(KEY.tab + 'x');
    await screen.waitFor('› /task-start T-AGENT-01 x');
  });

  it('the screen’s own commands are offered with the catalogue’s', async () => {
    const { screen } = await opened(false);
    screen.type('/tas');
    await screen.waitFor('› /tas');
    screen.type(KEY.tab);
    const menu = await screen.waitFor('↑↓ choose');
    expect(menu).toMatch(/\/tasks\s+the plan as a board/);
  });
});

describe('a feed line whole', () => {
  it('Shift+Tab chooses a feed line, Enter opens it with its line breaks, Esc goes back', async () => {
    const { screen } = await opened(true);
    const long = 'a long update that the feed cuts at the width of the screen, '.repeat(3).trim();
    screen.type(long);
    screen.type(KEYS.altEnter + 'and its second line');
    await screen.waitFor('and its second line');
    screen.type(KEY.enter);
    await screen.waitFor(/tui update\s+a long update/);
    screen.type(KEYS.shiftTab);
    await screen.waitFor('Enter opens');
    screen.type(KEY.enter);
    const detail = await screen.waitFor('─ update · tui');
    expect(detail).toContain(`task ${T1}`);
    expect(detail).toContain('and its second line');
    expect(detail).toMatch(/of the screen, a long update that the feed cuts at the width of the screen,/);
    screen.type(KEY.esc);
    await screen.waitFor('Enter opens');
    screen.type(KEY.esc);
    await screen.waitFor((f) => f.includes('─ Activity') && !f.includes('Enter opens'));
  });
});
