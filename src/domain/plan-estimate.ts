import { parseDuration, type Estimate } from './duration.js';

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const DAYS = String.raw`\s*d(?:ays?)?\b`;
// `\u2013` is the en dash (–), escaped for the ASCII bundle (scripts/ascii-bundle.mjs).
const DAY_RANGE = new RegExp(String.raw`(${NUMBER})(\s*(?:-|\u2013|to)\s*)(${NUMBER})${DAYS}`, 'gi');
const DAY_AMOUNT = new RegExp(`(${NUMBER})${DAYS}`, 'gi');

/**
 * A plan's estimate, where a day is the config's `hours_per_day` (a working day,
 * 8 hours by default) rather than the fixed 8 hours of a command-line duration.
 */
export function parseEstimate(text: string, hoursPerDay: number): Estimate | undefined {
  const hours = (n: string) => `${Math.round(Number(n) * hoursPerDay * 10_000) / 10_000}h`;
  const inHours = text
    .replace(DAY_RANGE, (_, low: string, dash: string, high: string) => `${hours(low)}${dash}${hours(high)}`)
    .replace(DAY_AMOUNT, (_, n: string) => hours(n));
  return parseDuration(inHours);
}
