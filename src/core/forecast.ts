import { addDays } from 'date-fns/addDays';
import { sameCode } from '../domain/codes.js';
import { estimateSeconds } from '../domain/duration.js';
import type { PlanFile, Task } from '../domain/plan.js';
import type { SessionsFile } from '../domain/session.js';
import { spreadFor, tooLittleHistory, type Calibration } from './calibration.js';
import { lastSignOfLife } from './clock.js';
import { secondsBetween, taskSeconds } from './timer.js';

/** The pace is learnt from this many days back. */
export const PACE_DAYS = 14;

const round1 = (n: number) => Math.round(n * 10) / 10;
const day = (d: Date) => d.toISOString().slice(0, 10);
const weekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** Hours of tracked work per UTC day, over the last PACE_DAYS days, from every session's time entries. */
function hoursByDay(sessions: SessionsFile, now: Date): Map<string, number> {
  const since = day(addDays(now, -PACE_DAYS));
  const hours = new Map<string, number>();
  for (const s of sessions.sessions) {
    for (const e of s.time_entries) {
      const d = e.start.slice(0, 10);
      if (d < since) continue;
      // An open entry counts up to the session's last sign of life: a crashed session is no pace.
      const end = e.end ?? (s.status === 'active' ? lastSignOfLife(s) : e.start);
      hours.set(d, (hours.get(d) ?? 0) + secondsBetween(e.start, end) / 3600);
    }
  }
  return hours;
}

/**
 * The day the remaining hours run out at `pace` hours per working day
 * (Monday to Friday, UTC). Today counts only for what is left of its pace
 * after the hours already worked today.
 */
function finishDate(remaining: number, pace: number, workedToday: number, now: Date): string {
  let left = remaining;
  let d = now;
  let capacity = weekend(d) ? 0 : Math.max(0, pace - workedToday);
  // A year of working days bounds the walk, whatever the numbers.
  for (let i = 0; i < 370 && left > capacity; i++) {
    left -= capacity;
    d = addDays(d, 1);
    capacity = weekend(d) ? 0 : pace;
  }
  return day(d);
}

function openTasks(plan: PlanFile, sprint: string | null): Task[] {
  return plan.tasks.filter(
    (t) => (sprint === null || (t.sprint !== null && sameCode(t.sprint, sprint))) && (t.status === 'pending' || t.status === 'in_progress' || t.status === 'blocked'),
  );
}

/**
 * The rest of a sprint (or of the plan when `sprint` is null), calibrated:
 * each open task's estimate × the ratio learnt for tasks like it, less the
 * time already spent on it; low and high from the middle half of the ratios.
 */
export function forecast(plan: PlanFile, sessions: SessionsFile, calibration: Calibration, sprint: string | null, now: Date) {
  const tasks = openTasks(plan, sprint);
  const estimated = tasks.filter((t) => t.estimate);
  const unestimated = tasks.filter((t) => !t.estimate).map((t) => t.code);
  const estimateHours = estimated.reduce((sum, t) => sum + estimateSeconds(t.estimate!) / 3600, 0);
  const hours = hoursByDay(sessions, now);
  const worked = [...hours.values()].filter((h) => h > 0);
  const pace = worked.length ? worked.reduce((a, b) => a + b, 0) / worked.length : null;
  const base = {
    sprint_code: sprint,
    tasks_left: tasks.length,
    unestimated,
    estimate_hours: round1(estimateHours),
    calibration_ratio: calibration.overall?.ratio ?? null,
    calibration_range: calibration.overall ? { low: calibration.overall.p25, high: calibration.overall.p75 } : null,
    calibration_samples: calibration.samples,
    hours_per_day: pace === null ? null : round1(pace),
    days_worked: worked.length,
  };
  if (!calibration.overall) {
    return { ...base, remaining_hours: null, expected_finish: null, reason: `${tooLittleHistory(calibration)}: no forecast yet.` };
  }
  const remaining = { low: 0, expected: 0, high: 0 };
  for (const t of estimated) {
    const { spread } = spreadFor(calibration, t)!;
    const est = estimateSeconds(t.estimate!) / 3600;
    const spent = taskSeconds(t, sessions, now) / 3600;
    remaining.low += Math.max(0, est * spread.p25 - spent);
    remaining.expected += Math.max(0, est * spread.ratio - spent);
    remaining.high += Math.max(0, est * spread.p75 - spent);
  }
  const remaining_hours = { low: round1(remaining.low), expected: round1(remaining.expected), high: round1(remaining.high) };
  if (pace === null) {
    return { ...base, remaining_hours, expected_finish: null, reason: `No work tracked in the last ${PACE_DAYS} days to learn a pace from: no finish date yet.` };
  }
  const expected_finish = finishDate(remaining.expected, pace, hours.get(day(now)) ?? 0, now);
  return {
    ...base,
    remaining_hours,
    expected_finish,
    earliest_finish: finishDate(remaining.low, pace, hours.get(day(now)) ?? 0, now),
    latest_finish: finishDate(remaining.high, pace, hours.get(day(now)) ?? 0, now),
    reason: null,
  };
}

export type Forecast = ReturnType<typeof forecast>;
