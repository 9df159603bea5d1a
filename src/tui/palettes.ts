/**
 * The colours the screen uses, by meaning. Components take them from here
 * (`useTheme()`), never as literals, so one choice (dark, light, none) holds
 * everywhere. `undefined` is the terminal's own foreground: no colour sent.
 */
export interface Palette {
  accent: string | undefined;
  ok: string | undefined;
  warn: string | undefined;
  error: string | undefined;
  dim: string | undefined;
  /** Section titles and names to type: the strongest text on the background. */
  strong: string | undefined;
  /** The face that recorded an activity. */
  source: Record<string, string | undefined>;
}

export type ThemeName = 'dark' | 'light' | 'none';

export const palettes: Record<ThemeName, Palette> = {
  dark: {
    accent: 'cyan',
    ok: 'green',
    warn: 'yellow',
    error: 'red',
    dim: 'gray',
    strong: 'white',
    source: { tui: 'cyan', cli: 'green', mcp: 'magenta', api: 'blue' },
  },
  // On white, yellow and cyan all but vanish and white does: darker hues, and the terminal's own (dark) text for titles.
  light: {
    accent: 'blue',
    ok: 'green',
    warn: '#af5f00',
    error: 'red',
    dim: 'gray',
    strong: undefined,
    source: { tui: 'blue', cli: 'green', mcp: 'magenta', api: '#005f87' },
  },
  // NO_COLOR: bold and inverse still mark what matters; not one colour is sent.
  none: { accent: undefined, ok: undefined, warn: undefined, error: undefined, dim: undefined, strong: undefined, source: {} },
};
