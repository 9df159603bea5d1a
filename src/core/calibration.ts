import { estimateSeconds, formatEstimate, formatSeconds } from '../domain/duration.js';
import { Priority, type PlanFile, type Task } from '../domain/plan.js';

/** Fewer finished tasks than this say more about luck than about how estimates run. */
export const MIN_SAMPLES = 5;

/** How actual time ran against estimates: the median ratio and the middle half of them. */
export interface Spread {
  ratio: number;
  p25: number;
  p75: number;
  samples: number;
}

export interface Calibration {
  /** Tasks learnt from: completed (not forced closed), with an estimate and tracked time. */
  samples: number;
  /** null below MIN_SAMPLES. */
  overall: Spread | null;
  /** Only the priorities with MIN_SAMPLES or more. */
  by_priority: Partial<Record<Priority, Spread>>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The q-quantile of sorted values, interpolated between neighbours. */
function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function spread(ratios: number[]): Spread | null {
  if (ratios.length < MIN_SAMPLES) return null;
  const sorted = [...ratios].sort((a, b) => a - b);
  return { ratio: round2(quantile(sorted, 0.5)), p25: round2(quantile(sorted, 0.25)), p75: round2(quantile(sorted, 0.75)), samples: sorted.length };
}

/** actual ÷ estimate of a task that really finished; null when it teaches nothing. */
function ratioOf(task: Task): number | null {
  if (task.status !== 'completed' || task.incomplete || !task.estimate || task.actual_seconds <= 0) return null;
  const estimate = estimateSeconds(task.estimate);
  return estimate > 0 ? task.actual_seconds / estimate : null;
}

/** What the home has learnt about its estimates, from every finished task. */
export function calibrate(plan: PlanFile): Calibration {
  const all: number[] = [];
  const byPriority = new Map<Priority, number[]>();
  for (const task of plan.tasks) {
    const r = ratioOf(task);
    if (r === null) continue;
    all.push(r);
    byPriority.set(task.priority, [...(byPriority.get(task.priority) ?? []), r]);
  }
  const by_priority: Calibration['by_priority'] = {};
  for (const p of Priority.options) {
    const s = spread(byPriority.get(p) ?? []);
    if (s) by_priority[p] = s;
  }
  return { samples: all.length, overall: spread(all), by_priority };
}

/** The spread that fits a task best: its priority's when known, else the overall one. */
export function spreadFor(calibration: Calibration, task: Task): { spread: Spread; basis: string } | null {
  const own = calibration.by_priority[task.priority];
  if (own) return { spread: own, basis: `${task.priority}-priority tasks` };
  return calibration.overall ? { spread: calibration.overall, basis: 'finished tasks' } : null;
}

/** Why there is no calibration yet, in words. */
export function tooLittleHistory(calibration: Calibration): string {
  const n = calibration.samples;
  return `${n === 0 ? 'No' : `Only ${n}`} finished task${n === 1 ? '' : 's'} with an estimate and tracked time; calibration needs ${MIN_SAMPLES}`;
}

/** Past this distance from 1×, the written estimate is worth a second look. */
const WORTH_SAYING = 0.25;

/**
 * A task's estimate as the home's history suggests it will run, and the
 * sentence that says so when it differs from the written one by more than
 * a quarter ("estimated 2h; tasks like this took 1.6× — plan for 3h 10m").
 */
export function calibratedEstimate(calibration: Calibration, task: Task) {
  const fit = spreadFor(calibration, task);
  if (!fit || !task.estimate) return null;
  const { spread, basis } = fit;
  const seconds = estimateSeconds(task.estimate) * spread.ratio;
  const differs = Math.abs(spread.ratio - 1) > WORTH_SAYING;
  return {
    ratio: spread.ratio,
    range: { low: spread.p25, high: spread.p75 },
    samples: spread.samples,
    basis,
    hours: Math.round((seconds / 3600) * 100) / 100,
    advice: differs ? `${task.code} is estimated ${formatEstimate(task.estimate)}; ${basis} like it took ${spread.ratio}× — plan for ${formatSeconds(seconds)}` : null,
  };
}
