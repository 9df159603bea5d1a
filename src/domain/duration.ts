import * as z from 'zod';

/** An estimate is kept as a range; a single value has low === high. */
export const Estimate = z.lazy(() => z.object({
  low_hours: z.number().nonnegative(),
  high_hours: z.number().nonnegative(),
}));
export type Estimate = z.infer<typeof Estimate>;

/** What a day means when no config says otherwise (config.json `hours_per_day`). */
export const HOURS_PER_DAY = 8;

/** What a story point of a plan means when no config says otherwise (config.json `hours_per_point`): half a day. */
export const HOURS_PER_POINT = 4;

/** Below a minute nothing is tracked, above 1,000 hours it is a typo: both bounds of an argument must fall inside. */
export const DURATION_LIMITS = { min_hours: 1 / 60, max_hours: 1000, text: 'from 1 minute to 1,000 hours' } as const;

/** Says why an estimate falls outside DURATION_LIMITS, or null when it fits. */
export function outsideLimits(estimate: Estimate): string | null {
  // Kept rounded to 4 decimals, 1m is 0.0167h, just above 1/60.
  if (estimate.low_hours < DURATION_LIMITS.min_hours) return 'under the 1 minute minimum';
  if (estimate.high_hours > DURATION_LIMITS.max_hours) return 'over the 1,000 hours maximum';
  return null;
}

/** Longer than any duration a person writes (`1.5 days - 2.25 days` is 21). */
const DURATION_MAX_CHARS = 64;

function unitOf(word: string | undefined): string | undefined {
  if (word === undefined || word === '') return undefined;
  const w = word.toLowerCase();
  if (w.startsWith('mi') || w === 'm') return 'm';
  if (w.startsWith('h')) return 'h';
  if (w.startsWith('d')) return 'd';
  return undefined;
}

/** One amount such as `90m`, `2h`, `1.5h`, `2h30m`, `1h 15m`, `2d`; a bare number is hours. */
function parseAmount(text: string, defaultUnit: string | undefined, hoursPerDay: number): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]*)/gi)];
  if (parts.length === 0) return undefined;
  const rebuilt = parts.map((p) => p[0]).join('').replace(/\s+/g, '');
  if (rebuilt !== text.replace(/\s+/g, '')) return undefined;
  let hours = 0;
  for (const [, num, word] of parts) {
    const unit = unitOf(word) ?? (word ? undefined : defaultUnit ?? 'h');
    if (unit === undefined) return undefined;
    hours += Number(num) * (unit === 'm' ? 1 / 60 : unit === 'd' ? hoursPerDay : 1);
  }
  return hours;
}

/**
 * Parses `90m`, `2h`, `1.5h`, `2h30m`, `2d` (days of `hoursPerDay`), a bare
 * number (hours), and ranges `2-3h`, `10-13 hours`, `30m-1h`.
 * Returns undefined when the text is not a duration.
 */
export function parseDuration(input: string, hoursPerDay: number = HOURS_PER_DAY): Estimate | undefined {
  const text = input.trim();
  // No duration is this long; its regexes are quadratic on long text, and one 64 KiB argument froze a server.
  if (text === '' || text.length > DURATION_MAX_CHARS) return undefined;
  const range = text.split(/\s*(?:-|–|to)\s*/);
  if (range.length === 2 && range[0] && range[1]) {
    const unitAfter = range[1].match(/[a-z]+\s*$/i)?.[0];
    const high = parseAmount(range[1], undefined, hoursPerDay);
    const low = parseAmount(range[0], /[a-z]/i.test(range[0]) ? undefined : unitOf(unitAfter), hoursPerDay);
    if (low === undefined || high === undefined || low > high) return undefined;
    return { low_hours: round(low), high_hours: round(high) };
  }
  if (range.length !== 1) return undefined;
  const hours = parseAmount(text, undefined, hoursPerDay);
  return hours === undefined ? undefined : { low_hours: round(hours), high_hours: round(hours) };
}

function round(hours: number): number {
  return Math.round(hours * 10_000) / 10_000;
}

/** Midpoint of an estimate, in seconds: what actual time is compared against. */
export function estimateSeconds(estimate: Estimate): number {
  return ((estimate.low_hours + estimate.high_hours) / 2) * 3600;
}

/** `2h`, `1.5h`, `45m`, `2-3h`: short, as people write estimates. */
export function formatEstimate(estimate: Estimate | null | undefined): string {
  if (!estimate) return 'none';
  const one = (h: number) => (h < 1 && h > 0 ? `${Math.round(h * 60)}m` : `${trim(h)}h`);
  if (estimate.low_hours === estimate.high_hours) return one(estimate.low_hours);
  if (estimate.low_hours >= 1 || estimate.low_hours === 0) return `${trim(estimate.low_hours)}-${trim(estimate.high_hours)}h`;
  return `${one(estimate.low_hours)}-${one(estimate.high_hours)}`;
}

function trim(h: number): string {
  return String(Math.round(h * 100) / 100);
}

/**
 * Elapsed time as `1h 15m`, `45m`, `1m 50s`, `30s`. One rounding rule for
 * every figure shown: whole units passed, never rounded up, so a clock and a
 * duration of the same time agree; seconds show while they still matter
 * (under ten minutes).
 */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h === 0) return s < 600 && s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/** A ratio of two durations to two significant digits, so a small one still says something: 0.031×, 0.5×, 1.8×. */
export function formatRatio(ratio: number): string {
  return `${Number(ratio.toPrecision(2))}×`;
}

/** Hours as a duration argument (`2.5h`, `45m`) that parseDuration reads back. */
export function hoursArg(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))}m`;
  return `${Math.round(hours * 4) / 4}h`;
}
