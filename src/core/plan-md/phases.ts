import { sameCode } from '../../domain/codes.js';
import { formatEstimate, parseDuration, type Estimate } from '../../domain/duration.js';
import { parseEstimate } from '../../domain/plan-estimate.js';
import type { TaskInput } from '../../domain/plan-input.js';

/** A phase of a sprint: its top-level tasks (subtasks neither order phases nor take a share). */
export interface Phase {
  title: string;
  estimate: string | undefined;
  tasks: TaskInput[];
}

/**
 * Phases run in order: each task of a phase depends on every task of the phase
 * before it. A task without its own estimate gets an equal share of its phase's.
 * Returns what was guessed, as `T-1: 1-1.25h of Phase 1 (4-5h)`.
 */
export function sharePhases(phases: Phase[], hoursPerDay: number): string[] {
  const guessed: string[] = [];
  let previous: string[] = [];
  for (const phase of phases) {
    if (phase.tasks.length === 0) continue;
    for (const task of phase.tasks) {
      const depends = unique([...previous, ...(task.depends ?? [])]);
      if (depends.length > 0) task.depends = depends;
    }
    const total = phase.estimate === undefined ? undefined : parseEstimate(phase.estimate, hoursPerDay);
    if (total) {
      const text = durationText(share(total, phase.tasks.length));
      for (const task of phase.tasks.filter((t) => t.estimate === undefined)) {
        task.estimate = text;
        guessed.push(`${task.code}: ${text} of ${phase.title} (${phase.estimate})`);
      }
    }
    previous = phase.tasks.map((t) => t.code);
  }
  return guessed;
}

function unique(codes: string[]): string[] {
  return codes.filter((code, i) => codes.findIndex((c) => sameCode(c, code)) === i);
}

/** Each task's part of a phase estimate; the writer uses it too, so round trips agree. */
export function share(total: Estimate, count: number): Estimate {
  return { low_hours: shareHours(total.low_hours, count), high_hours: shareHours(total.high_hours, count) };
}

export function shareHours(hours: number, count: number): number {
  return Math.round((hours / count) * 100) / 100;
}

/** The short form (`45m`, `1-1.25h`) when it reads back exactly, else plain hours (`0.67-1h`). */
export function durationText(estimate: Estimate): string {
  const short = formatEstimate(estimate);
  if (sameEstimate(parseDuration(short), estimate)) return short;
  const hours = (h: number) => String(Math.round(h * 10_000) / 10_000);
  if (estimate.low_hours === estimate.high_hours) return `${hours(estimate.low_hours)}h`;
  return `${hours(estimate.low_hours)}-${hours(estimate.high_hours)}h`;
}

export function sameEstimate(a: Estimate | null | undefined, b: Estimate | null | undefined): boolean {
  return !!a && !!b && a.low_hours === b.low_hours && a.high_hours === b.high_hours;
}
