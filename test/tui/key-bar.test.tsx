import { describe, expect, it } from 'vitest';
import { homeWith, KEY, openApp, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const lastLine = (frame: string) => frame.trimEnd().split('\n').at(-1)!;

describe('the key bar', () => {
  it('says on the last line which keys work at the prompt, and fits 80 columns', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    const screen = await openApp(ctx, { columns: 80, rows: 24 });
    const frame = await screen.waitFor('? help');
    const bar = lastLine(frame);
    expect(bar).toMatch(/^\? help · Tab complete · \^R history · \/tasks board · \/sessions · /);
    expect(bar.length).toBeLessThanOrEqual(80);
    // What does not fit is left out whole, never cut in the middle.
    expect(bar).not.toContain('…');
  });

  it('changes with the view: help, the board, a check dialog, mission control, watching another session', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    await run(ctx, 'task:activate', { code: 'T-SESS-01-DB' });
    await run({ ...ctx, sessionKey: undefined, face: 'cli' }, 'session:start', { new: true, agent: 'claude' });
    const screen = await openApp(ctx, { columns: 100, rows: 30 });
    await screen.waitFor('? help · Tab complete');

    screen.type('?');
    expect(lastLine(await screen.waitFor((f) => lastLine(f).startsWith('↑↓')))).toBe('↑↓ PgUp PgDn scroll · Esc close');
    screen.type(KEY.esc);
    await screen.waitFor((f) => lastLine(f).startsWith('? help'));

    screen.type('/ta');
    await screen.waitFor('› /ta');
    screen.type(KEY.tab);
    expect(lastLine(await screen.waitFor((f) => lastLine(f).startsWith('↑↓')))).toBe('↑↓ choose · Tab next · Enter take · Esc close');
    screen.type(KEY.esc);
    screen.type(KEY.ctrlU);
    await screen.waitFor((f) => lastLine(f).startsWith('? help') && f.includes('›   type'));
    screen.type('\x12');
    expect(lastLine(await screen.waitFor((f) => lastLine(f).startsWith('type')))).toBe('type narrow · ^R older · Enter take · Esc leave');
    screen.type(KEY.esc);
    await screen.waitFor((f) => lastLine(f).startsWith('? help'));

    await send(screen, '/tasks', /─ Tasks/);
    expect(lastLine(screen.lastFrame()!)).toBe('↑↓ jk move · / filter · Enter start · g G first, last · Esc close');
    screen.type(KEY.esc);
    await screen.waitFor((f) => lastLine(f).startsWith('? help'));

    await send(screen, '/done', 'the completion check failed');
    expect(lastLine(screen.lastFrame()!)).toBe('1 add it now · 2 close anyway · 3 Esc keep working');
    screen.type('3');
    await screen.waitFor((f) => lastLine(f).startsWith('? help'));

    await send(screen, '/sessions', 'Sessions (2 open)');
    expect(lastLine(screen.lastFrame()!)).toBe('↑↓ select · Enter watch · Esc close');
    screen.type(KEY.down);
    screen.type(KEY.enter);
    const watching = await screen.waitFor('(watching, read-only)');
    expect(lastLine(watching)).toMatch(/^Esc back to yours · \/session-switch take it over/);
  });
});
