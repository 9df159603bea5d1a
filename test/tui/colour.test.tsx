import { describe, expect, it, vi } from 'vitest';
import { palettes } from '../../src/tui/palettes.js';
import { homeWith, openApp } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

// Ink's colours are chalk's, which decides once, on loading, from FORCE_COLOR: set before anything loads, so frames carry what a colour terminal gets.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

/** SGR colour codes in a raw frame: foreground and background, 16, 256 and true colour (39/49, back to the default, are not a colour). */
const colourCodes = (frame: string) => [...frame.matchAll(/\x1b\[([\d;]*)m/g)].flatMap((m) => m[1]!.split(';')).filter((p) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(p));

async function screenWith(palette: keyof typeof palettes) {
  const { ctx } = await homeWith('example');
  await run(ctx, 'session:start', {});
  await run(ctx, 'task:activate', { code: 'T-SESS-01-DB' });
  await run(ctx, 'update', { text: 'migration written' });
  const screen = await openApp(ctx, { columns: 100, rows: 30 }, { palette: palettes[palette] });
  return screen.waitFor('migration written');
}

describe('colour that respects the terminal', () => {
  it('with NO_COLOR not one colour code is sent, while bold and the cursor still mark what matters', async () => {
    const frame = await screenWith('none');
    expect(colourCodes(frame)).toEqual([]);
    expect(frame).toContain('\x1b[1m');
    expect(frame).toContain('\x1b[7m');
  });

  it('the dark palette colours the screen (so the check above can fail)', async () => {
    const frame = await screenWith('dark');
    expect(colourCodes(frame).length).toBeGreaterThan(10);
    // Section titles in white, the accent cyan.
    expect(frame).toContain('\x1b[37m');
    expect(frame).toContain('\x1b[36m');
  });

  it('the light palette sends no white and no yellow, which vanish on a white background', async () => {
    const frame = await screenWith('light');
    const codes = colourCodes(frame);
    expect(codes.length).toBeGreaterThan(10);
    expect(codes).not.toContain('37');
    expect(codes).not.toContain('97');
    expect(codes).not.toContain('33');
    expect(codes).toContain('34');
    // Titles keep their weight in the terminal's own colour.
    expect(frame).toMatch(/\x1b\[1mTask/);
  });
});
