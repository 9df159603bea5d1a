import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colourWanted } from '../../src/render/colour.js';
import { mouseEventsOf } from '../../src/tui/mouse.js';
import { palettes } from '../../src/tui/palettes.js';
import { chooseSettings } from '../../src/tui/settings.js';
import { backgroundFromColorfgbg, backgroundFromReply } from '../../src/tui/terminal-background.js';
import { Config } from '../../src/domain/config.js';

const tui = (over: Partial<Config['tui']> = {}) => ({ ...Config.parse({ schema_version: 1 }).tui, ...over });

describe('whether to colour', () => {
  it('follows the terminal when nothing is said', () => {
    expect(colourWanted({}, true)).toBe(true);
    expect(colourWanted({}, false)).toBe(false);
  });

  it('NO_COLOR turns it off; an empty NO_COLOR does not', () => {
    expect(colourWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colourWanted({ NO_COLOR: '' }, true)).toBe(true);
  });

  it('FORCE_COLOR wins either way: on into a pipe and over NO_COLOR, off with 0 or false', () => {
    expect(colourWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '', NO_COLOR: '1' }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });

  it('a dumb terminal gets none', () => {
    expect(colourWanted({ TERM: 'dumb' }, true)).toBe(false);
  });
});

describe("the terminal's background", () => {
  it('reads OSC 11 answers of every channel width, with either terminator', () => {
    expect(backgroundFromReply('\x1b]11;rgb:ffff/ffff/ffff\x1b\\')).toBe('light');
    expect(backgroundFromReply('\x1b]11;rgb:0000/0000/0000\x07')).toBe('dark');
    expect(backgroundFromReply('\x1b]11;rgb:fd/f6/e3\x1b\\')).toBe('light');
    expect(backgroundFromReply('\x1b]11;rgb:2/2/3\x07')).toBe('dark');
    // Solarized dark: blue-ish but dark.
    expect(backgroundFromReply('\x1b]11;rgb:0000/2b2b/3636\x1b\\')).toBe('dark');
    expect(backgroundFromReply('\x1b[?62;22c')).toBeNull();
  });

  it('any answer of one width is judged by brightness, never by width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.boolean(), (digits, light) => {
        const hex = (light ? 'f' : '0').repeat(digits);
        return backgroundFromReply(`\x1b]11;rgb:${hex}/${hex}/${hex}\x07`) === (light ? 'light' : 'dark');
      }),
    );
  });

  it('reads COLORFGBG, whose last field is the background', () => {
    expect(backgroundFromColorfgbg('15;0')).toBe('dark');
    expect(backgroundFromColorfgbg('0;15')).toBe('light');
    expect(backgroundFromColorfgbg('0;default;7')).toBe('light');
    expect(backgroundFromColorfgbg('7;8')).toBe('dark');
    expect(backgroundFromColorfgbg('default')).toBeNull();
    expect(backgroundFromColorfgbg(undefined)).toBeNull();
  });
});

describe('the settings a screen opens with', () => {
  const never = () => {
    throw new Error('asked the terminal');
  };

  it('auto takes what the terminal answers, then COLORFGBG, then dark', async () => {
    expect((await chooseSettings(tui(), {}, async () => 'light', true)).palette).toBe(palettes.light);
    expect((await chooseSettings(tui(), { COLORFGBG: '0;15' }, async () => null, true)).palette).toBe(palettes.light);
    expect((await chooseSettings(tui(), {}, async () => null, true)).palette).toBe(palettes.dark);
  });

  it('a theme set in config is taken without asking', async () => {
    expect((await chooseSettings(tui({ theme: 'light' }), {}, never, true)).palette).toBe(palettes.light);
    expect((await chooseSettings(tui({ theme: 'dark' }), { COLORFGBG: '0;15' }, never, true)).palette).toBe(palettes.dark);
  });

  it('NO_COLOR (or FORCE_COLOR=0) gives the palette without colours, whatever the theme, without asking', async () => {
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }]) {
      const { palette } = await chooseSettings(tui({ theme: 'light' }), env, never, true);
      expect(palette).toBe(palettes.none);
    }
    expect(Object.values(palettes.none).filter((c) => typeof c === 'string')).toEqual([]);
    expect(palettes.none.source).toEqual({});
  });

  it('bell and mouse come from config; the mouse only where input is a terminal', async () => {
    expect(await chooseSettings(tui({ bell: false, theme: 'dark' }), {}, never, true)).toMatchObject({ bell: false, mouse: true });
    expect(await chooseSettings(tui({ mouse: false, theme: 'dark' }), {}, never, true)).toMatchObject({ bell: true, mouse: false });
    expect(await chooseSettings(tui({ theme: 'dark' }), {}, never, false)).toMatchObject({ mouse: false });
  });
});

describe('mouse reports', () => {
  it('reads wheel notches (with modifiers) and left clicks; ignores releases, drags and other buttons', () => {
    expect(mouseEventsOf('\x1b[<64;10;5M')).toEqual([{ kind: 'wheel', by: -1, x: 10, y: 5 }]);
    expect(mouseEventsOf('\x1b[<65;1;2M\x1b[<65;1;2M')).toEqual([
      { kind: 'wheel', by: 1, x: 1, y: 2 },
      { kind: 'wheel', by: 1, x: 1, y: 2 },
    ]);
    expect(mouseEventsOf('\x1b[<80;3;4M')).toEqual([{ kind: 'wheel', by: -1, x: 3, y: 4 }]);
    expect(mouseEventsOf('\x1b[<0;150;7M')).toEqual([{ kind: 'click', x: 150, y: 7 }]);
    expect(mouseEventsOf('\x1b[<0;150;7m')).toEqual([]);
    expect(mouseEventsOf('\x1b[<32;150;7M')).toEqual([]);
    expect(mouseEventsOf('\x1b[<2;150;7M')).toEqual([]);
    expect(mouseEventsOf('\x1b[A')).toEqual([]);
  });
});
