import { z } from 'zod';

/** An estimate is kept as a range; a single value has low === high. */
export const Estimate = z.object({
  low_hours: z.number().nonnegative(),
  high_hours: z.number().nonnegative(),
});
export type Estimate = z.infer<typeof Estimate>;

const UNIT_HOURS: Record<string, number> = { m: 1 / 60, h: 1, d: 8 };

function unitOf(word: string | undefined): string | undefined {
  if (word === undefined || word === '') return undefined;
  const w = word.toLowerCase();
  if (w.startsWith('mi') || w === 'm') return 'm';
  if (w.startsWith('h')) return 'h';
  if (w.startsWith('d')) return 'd';
  return undefined;
}

/** One amount such as `90m`, `2h`, `1.5h`, `2h30m`, `1h 15m`; a bare number is hours. */
function parseAmount(text: string, defaultUnit: string | undefined): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]*)/gi)];
  if (parts.length === 0) return undefined;
  const rebuilt = parts.map((p) => p[0]).join('').replace(/\s+/g, '');
  if (rebuilt !== text.replace(/\s+/g, '')) return undefined;
  let hours = 0;
  for (const [, num, word] of parts) {
    const unit = unitOf(word) ?? (word ? undefined : defaultUnit ?? 'h');
    if (unit === undefined) return undefined;
    hours += Number(num) * UNIT_HOURS[unit]!;
  }
  return hours;
}

/**
 * Parses `90m`, `2h`, `1.5h`, `2h30m`, and ranges `2-3h`, `10-13 hours`, `30m-1h`.
 * Returns undefined when the text is not a duration.
 */
export function parseDuration(input: string): Estimate | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  const range = text.split(/\s*(?:-|–|to)\s*/);
  if (range.length === 2 && range[0] && range[1]) {
    const unitAfter = range[1].match(/[a-z]+\s*$/i)?.[0];
    const high = parseAmount(range[1], undefined);
    const low = parseAmount(range[0], /[a-z]/i.test(range[0]) ? undefined : unitOf(unitAfter));
    if (low === undefined || high === undefined || low > high) return undefined;
    return { low_hours: round(low), high_hours: round(high) };
  }
  if (range.length !== 1) return undefined;
  const hours = parseAmount(text, undefined);
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

/** Elapsed time as `1h 15m`, `45m`, `30s`. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/** Hours as a duration argument (`2.5h`, `45m`) that parseDuration reads back. */
export function hoursArg(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))}m`;
  return `${Math.round(hours * 4) / 4}h`;
}
