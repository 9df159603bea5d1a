import * as z from 'zod';
import { HOURS_PER_DAY, HOURS_PER_POINT } from './duration.js';

export const Config = z.lazy(() => z.object({
  schema_version: z.literal(1),
  checks: z
    .object({
      /** Context updates below this block completion. */
      min_updates: z.number().int().nonnegative().default(1),
      /** Context updates below this warn on completion. */
      recommended_updates: z.number().int().nonnegative().default(2),
      /** Actual time outside [low, high] × estimate warns and offers a new estimate. */
      estimate_low_ratio: z.number().positive().default(0.5),
      estimate_high_ratio: z.number().positive().default(1.5),
    })
    .prefault({}),
  /** A day in a duration (`2d`) and in a plan's estimates (`Estimate: 1.5 days`) is this many hours of work. */
  hours_per_day: z.number().positive().max(24).default(HOURS_PER_DAY),
  /** A story point in a plan's estimates (`(3 pts)`) is this many hours of work. */
  hours_per_point: z.number().positive().max(1000).default(HOURS_PER_POINT),
  /** No update on the active task for this long nudges the user. */
  stale_update_minutes: z.number().positive().default(25),
  /**
   * A session left active (never paused) is taken as interrupted when it is
   * taken up again only if its screen died (its heartbeat stopped) or it was
   * silent past the staleness nudge, or past this when it is longer: its
   * timer then stops at the last sign of life (SPEC 6). A shorter silence is
   * work between two commands. 0: the staleness nudge alone decides.
   */
  interruption_after_minutes: z.number().nonnegative().default(0),
  /** A command `done` runs before completing when no `--check` is given (e.g. "npm test"); the only one MCP and HTTP may run. */
  completion_check: z.string().trim().min(1).nullable().default(null),
  /** A check still running after this long is stopped, and fails. */
  check_timeout_seconds: z.number().positive().default(600),
  /** The full-screen TUI. */
  tui: z
    .object({
      /** Colours for a dark or a light background; `auto` asks the terminal (then COLORFGBG), else dark. NO_COLOR wins over any. */
      theme: z.enum(['auto', 'dark', 'light']).default('auto'),
      /** Ring the terminal bell once when an alert arrives (a failed check, a silent agent, two sessions on one task). */
      bell: z.boolean().default(true),
      /** Take the mouse (wheel scrolls, a click selects); Shift+drag still selects text. Off leaves the mouse to the terminal. */
      mouse: z.boolean().default(true),
    })
    .prefault({}),
}));
export type Config = z.infer<typeof Config>;
