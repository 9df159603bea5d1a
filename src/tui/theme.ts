import { useContext } from 'react';
import type { Palette } from './palettes.js';
import { ScreenSettings } from './settings.js';

/** The palette of the screen being drawn: every component takes its colours here, never as literals. */
export function useTheme(): Palette {
  return useContext(ScreenSettings).palette;
}
