import { createContext } from 'react';
import type { Config } from '../domain/config.js';
import { colourWanted } from '../render/colour.js';
import { palettes, type Palette } from './palettes.js';
import { backgroundFromColorfgbg, type Background } from './terminal-background.js';

/** How this screen is drawn and how it may reach the person: from config and the terminal, fixed while it runs. */
export interface Settings {
  palette: Palette;
  /** Ring the terminal bell once for a new alert (config `tui.bell`). */
  bell: boolean;
  /** Whether the terminal was asked for mouse reports (config `tui.mouse`). */
  mouse: boolean;
}

export const ScreenSettings = createContext<Settings>({
  palette: palettes.dark,
  // A screen drawn without settings (a test) never rings: the real one always gives them, from config.
  bell: false,
  mouse: false,
});

/**
 * The settings a screen opens with: colour as the environment allows it
 * (NO_COLOR, FORCE_COLOR, as the CLI decides), the theme from config, where
 * `auto` takes what the terminal answers (`ask`), then COLORFGBG, then dark.
 */
export async function chooseSettings(tui: Config['tui'], env: NodeJS.ProcessEnv, ask: () => Promise<Background | null>, mouse: boolean): Promise<Settings> {
  const base = { bell: tui.bell, mouse: tui.mouse && mouse };
  // The screen is drawn on a terminal: only the environment can turn its colour off.
  if (!colourWanted(env, true)) return { ...base, palette: palettes.none };
  const theme = tui.theme !== 'auto' ? tui.theme : ((await ask()) ?? backgroundFromColorfgbg(env.COLORFGBG) ?? 'dark');
  return { ...base, palette: palettes[theme] };
}
