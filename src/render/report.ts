import { MIN_SAMPLES, type Calibration } from '../core/calibration.js';
import type { Forecast } from '../core/forecast.js';
import type { SprintTime } from '../core/report.js';
import { formatEstimate, formatSeconds } from '../domain/duration.js';
import { STATUS_MARK, type Paint } from './lines.js';

/** `report`: each sprint's actual against estimated time, task by task, and how estimates have run. */
export function reportLines(sprints: SprintTime[], calibration: Calibration, paint: Paint): string[] {
  const lines: string[] = [];
  for (const s of sprints) {
    lines.push(`${paint('bold', s.code ?? '—')}  ${s.title}  ${formatSeconds(s.actual_seconds)} of ${formatSeconds(s.estimate_seconds)} estimated${s.running_ratio !== null ? ` · running ratio ${s.running_ratio}×` : ''}`);
    for (const t of s.tasks) {
      const ratio = t.ratio !== null && t.actual_seconds > 0 ? ` (${t.ratio}×)` : '';
      const check = t.last_check ? ` ${t.last_check.exit_code === 0 ? paint('green', '✓') : paint('red', '✗')} ${t.last_check.command}` : '';
      lines.push(`  ${STATUS_MARK[t.status] ?? '·'} ${t.code.padEnd(22)} ${formatSeconds(t.actual_seconds).padStart(8)} / ${formatEstimate(t.estimate).padEnd(8)}${ratio}${t.incomplete ? paint('yellow', ' incomplete') : ''}${check}`);
    }
  }
  lines.push(calibrationLine(calibration));
  return lines;
}

/** The report's last word: how estimates have run over every finished task, and per priority where known. */
function calibrationLine(c: Calibration): string {
  if (!c.overall) return `Calibration: ${c.samples} finished task(s) with an estimate and tracked time; ${MIN_SAMPLES} are needed.`;
  const per = Object.entries(c.by_priority).map(([p, s]) => `${p} ${s.ratio}×`);
  return `Calibration: tasks took ${c.overall.ratio}× their estimate (${c.overall.p25}–${c.overall.p75}×, ${c.samples} tasks)${per.length ? `; ${per.join(', ')}` : ''}.`;
}

/** `forecast` in a few sentences: what is left, how estimates have run, when it ends, or why nothing is said. */
export function forecastLines(d: Forecast, paint: Paint): string[] {
  const h = (n: number) => formatSeconds(n * 3600);
  const lines = [`${d.sprint_code ?? 'The plan'}: ${d.tasks_left} task(s) left, ${h(d.estimate_hours)} estimated${d.unestimated.length ? ` (${d.unestimated.length} without an estimate, left out)` : ''}.`];
  if (d.calibration_ratio !== null) {
    lines.push(`Estimates have run ${d.calibration_ratio}× (${d.calibration_range!.low}–${d.calibration_range!.high}×, over ${d.calibration_samples} finished tasks).`);
  }
  if (d.remaining_hours) lines.push(`Expected: ${h(d.remaining_hours.expected)} of work left (${h(d.remaining_hours.low)}–${h(d.remaining_hours.high)}).`);
  if (d.expected_finish) lines.push(`At ${h(d.hours_per_day!)} a working day: done by ${d.expected_finish} (between ${d.earliest_finish} and ${d.latest_finish}).`);
  // Why no number is given, when none is.
  if (d.reason) lines.push(paint('dim', d.reason));
  return lines;
}
