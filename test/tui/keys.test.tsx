/**
 * Keys do what they say (issue 18, items 4–7 and 9): a suggestion never
 * replaces a draft, Enter hands the line over at once, every key of a burst
 * does its job, dialogs leave nothing behind in the prompt, Delete deletes
 * forward.
 */
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/runner/define.js';
import { agent, homeWith, KEY, openApp, type Screen, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const T1 = 'T-SESS-01-DB';

/** The screen as `fragments` opens it, on a session with T1 active and one update; a check command may run. */
async function working(size?: { columns: number; rows: number }): Promise<{ ctx: Ctx; screen: Screen }> {
  const { ctx: base } = await homeWith('example');
  const ctx: Ctx = { ...base, byDeveloper: true };
  const screen = await openApp(ctx, size);
  await send(screen, `/task-start ${T1}`, /T-SESS-01-DB Database schema.*in_progress/);
  await send(screen, '/update Migration written', /last just now: Migration written/);
  return { ctx, screen };
}

const texts = async (ctx: Ctx) =>
  ((await run({ ...ctx, sessionKey: 'SESSION-001' }, 'history', { limit: 50 })).data.activities as { kind: string; text: string | null }[]).map((a) => `${a.kind} ${a.text ?? ''}`);

describe('a suggested command never replaces a draft', () => {
  it('Esc, then a digit later than a moment, is just a digit: the draft stays', async () => {
    const { screen } = await working();
    screen.type('/note the failing tests:');
    await screen.waitFor('› /note the failing tests:');
    screen.type(KEY.esc);
    // The window for Esc-then-digit is a second; this waits it out on purpose.
    await new Promise((r) => setTimeout(r, 1200));
    // Key by key, as a person types: the digit arrives alone.
    screen.type('2');
    screen.type(' fail');
    const frame = await screen.waitFor('› /note the failing tests:2 fail');
    expect(frame).not.toContain('› /done');
  });

  it('Esc then a digit at once on a draft types the digit; on an empty prompt it picks the suggestion', async () => {
    const { screen } = await working();
    await screen.waitFor('2 /done "…"');
    screen.type('/note draft');
    await screen.waitFor('› /note draft');
    // Two keystrokes, two reads: Ink hands a lone Esc over on the next turn of the event loop.
    const apart = () => new Promise((r) => setImmediate(r));
    screen.type(KEY.esc);
    await apart();
    screen.type('2');
    await screen.waitFor('› /note draft2');
    screen.type(KEY.ctrlU);
    await screen.waitFor('type / and Tab');
    screen.type(KEY.esc);
    await apart();
    screen.type('2');
    await screen.waitFor('› /done');
  });

  it('Esc then a digit after the window, on an empty prompt, is just a digit', async () => {
    const { screen } = await working();
    screen.type(KEY.esc);
    await new Promise((r) => setTimeout(r, 1200));
    screen.type('2');
    const frame = await screen.waitFor('› 2');
    expect(frame).not.toContain('› /done');
  });

  it('Alt+digit on a draft keeps the draft and says how to get the suggestion; Ctrl+U then Ctrl+Y gives the draft back', async () => {
    const { screen } = await working();
    screen.type('/note keep me');
    await screen.waitFor('› /note keep me');
    screen.type('\x1b2');
    const frame = await screen.waitFor('Alt+2 fills an empty prompt only');
    expect(frame).toContain('› /note keep me');
    screen.type(KEY.ctrlU);
    await screen.waitFor('type / and Tab');
    screen.type(KEY.ctrlY);
    await screen.waitFor('› /note keep me');
  });
});

describe('type-ahead', () => {
  it('Enter clears the prompt at once; a line typed while the command runs is the next line, not part of it', async () => {
    const { ctx, screen } = await working();
    screen.type('/done Schema in place --check "sleep 1"');
    await screen.waitFor('--check "sleep 1"');
    screen.type(KEY.enter);
    await screen.waitFor((f) => f.includes('running `sleep 1`') && f.includes('› ') && !f.includes('› /done'));
    screen.type('/log typed while it ran');
    await screen.waitFor('› /log typed while it ran');
    screen.type(KEY.enter);
    await screen.waitFor(/tui log\s+typed while it ran/, 10_000);
    const history = await texts(ctx);
    expect(history.findIndex((t) => t.startsWith('command Schema in place'))).toBeLessThan(history.indexOf('log typed while it ran'));
    expect(history).not.toContainEqual(expect.stringContaining('in place/log'));
  });

  it('a command that fails while something else is typed leaves the prompt alone and says where its line is', async () => {
    const { ctx, screen } = await working({ columns: 160, rows: 30 });
    screen.type('/done Schema in place --check "sleep 1"');
    await screen.waitFor('--check "sleep 1"');
    screen.type(KEY.enter);
    await screen.waitFor('running `sleep 1`');
    // Meanwhile an agent closes the task from its own session.
    const other = agent(ctx.store.home);
    await run(other, 'session:start', { new: true, agent: 'claude' });
    await run({ ...other, sessionKey: 'SESSION-002' }, 'tasks:bulk-complete', { codes: T1, summary: 'done by claude', force: true });
    screen.type('/note half typed');
    const frame = await screen.waitFor(/✗ “\/done Schema in place --check…” failed \(↑ brings it back\): T-SESS-01-DB, active in SESSION-001, was completed by SESSION-002/, 10_000);
    expect(frame).toContain('› /note half typed');
  });
});

describe('several keys in one read', () => {
  it('three lines with their Enter in one burst are three commands, in order', async () => {
    const { ctx, screen } = await working();
    screen.type('/log one\r/log two\r/log three\r');
    await screen.waitFor(/tui log\s+three/);
    const history = await texts(ctx);
    expect(history.filter((t) => t.startsWith('log '))).toEqual(['log one', 'log two', 'log three']);
  });

  it('Ctrl+U inside a burst clears the line, it does not become text', async () => {
    const { ctx, screen } = await working();
    screen.type('/log wrong\x15/log right\r');
    await screen.waitFor(/tui log\s+right/);
    expect((await texts(ctx)).filter((t) => t.startsWith('log '))).toEqual(['log right']);
  });

  it('Ctrl+C inside a burst quits', async () => {
    const { screen } = await working({ columns: 100, rows: 30 });
    screen.type('/log never sent\x03');
    await screen.exited;
  });

  it('only a bracketed paste is text: its newlines send nothing, and stay in the line as line breaks', async () => {
    const { ctx, screen } = await working();
    screen.type(`${KEY.pasteStart}/log pasted\r/log still pasted${KEY.pasteEnd}`);
    await screen.waitFor('› /log pasted↵/log still pasted');
    expect((await texts(ctx)).filter((t) => t.startsWith('log '))).toEqual([]);
  });
});

describe('dialogs leave nothing behind', () => {
  it('Esc out of the summary prompt leaves the command prompt as it was; Ctrl+Y brings the half-typed summary back', async () => {
    const { screen } = await working();
    await send(screen, '/done', 'the completion check failed');
    screen.type('1');
    await screen.waitFor('Summary (Esc cancels) ›');
    screen.type('half a summ');
    await screen.waitFor('Summary (Esc cancels) › half a summ');
    screen.type(KEY.esc);
    const frame = await screen.waitFor('Kept working');
    expect(frame).not.toContain('half a summ');
    expect(frame).toMatch(/› {3}type \/ and Tab/);
    screen.type('/done ');
    screen.type(KEY.ctrlY);
    await screen.waitFor('› /done half a summ');
  });

  it('3 (keep working) leaves an empty prompt: the next /done is /done, not /done/done', async () => {
    const { screen } = await working();
    await send(screen, '/done', 'the completion check failed');
    screen.type('3');
    const frame = await screen.waitFor('Kept working');
    expect(frame).toMatch(/› {3}type \/ and Tab/);
    await send(screen, '/done', 'the completion check failed');
    expect(screen.lastFrame()).not.toContain('/done/done');
  });

  it('a digit typed into a line while the check dialog is up is text, never an answer', async () => {
    const { ctx, screen } = await working();
    await send(screen, '/done', 'the completion check failed');
    screen.type('/note 2 tests fail');
    await screen.waitFor('› /note 2 tests fail');
    expect((await run({ ...ctx, sessionKey: 'SESSION-001' }, 'task:show', { code: T1 })).data.task).toMatchObject({ status: 'in_progress' });
  });
});

describe('line editing', () => {
  it('Delete removes the character under the cursor, Backspace the one before it', async () => {
    const { screen } = await working();
    screen.type('abcd');
    await screen.waitFor('› abcd');
    screen.type(KEY.left);
    screen.type(KEY.left);
    screen.type(KEY.delete);
    await screen.waitFor('› abd');
    screen.type(KEY.backspace);
    await screen.waitFor('› ad');
  });
});
