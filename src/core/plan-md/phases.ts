import { formatEstimate, parseDuration, type Estimate } from '../../domain/duration.js';
import { parseEstimate } from '../../domain/plan-estimate.js';
import type { TaskInput } from '../../domain/plan-input.js';

/** A phase of a sprint: its top-level tasks (subtasks neither order phases nor take a share). */
export interface Phase {
  title: string;
  estimate: string | undefined;
  /** `Phase 3.2` → [3, 2]: numbered phases run in their number's order. */
  order?: number[] | undefined;
  tasks: TaskInput[];
}

/** A group inside a sprint or phase (`### Backend`, an epic): its tasks share its estimate, but groups run in no order. */
export interface Group {
  title: string;
  estimate: string | undefined;
  tasks: TaskInput[];
}

/**
 * Beyond this many links from one phase to the next, the order is left to the
 * author: linking each task of a phase of 500 to each of the next would make a
 * quarter of a million dependencies that say less than the phase titles do.
 */
export const PHASE_LINKS_MAX = 10_000;

/** The order phases run in: by number where every phase has one, else as written. */
export function phaseOrder<P extends { order?: number[] | undefined }>(phases: P[]): P[] {
  if (phases.length < 2 || phases.some((p) => p.order === undefined)) return phases;
  return [...phases].sort((a, b) => compareOrder(a.order!, b.order!));
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Phases run in order: each task of a phase depends on every task of the phase
 * before it. A task without its own estimate gets an equal share of its group's,
 * else of its phase's. Returns what was guessed, as `T-1: 1-1.25h of Phase 1
 * (4-5h)`, and the phases too big to link task by task.
 */
export function sharePhases(phases: Phase[], groups: Group[], hoursPerDay: number): { guessed: string[]; unlinked: string[] } {
  const guessed: string[] = [];
  const unlinked: string[] = [];
  const shareOut = (container: Phase | Group) => {
    const total = container.estimate === undefined ? undefined : parseEstimate(container.estimate, hoursPerDay);
    if (!total || container.tasks.length === 0) return;
    const text = durationText(share(total, container.tasks.length));
    for (const task of container.tasks.filter((t) => t.estimate === undefined)) {
      task.estimate = text;
      guessed.push(`${task.code}: ${text} of ${container.title} (${container.estimate})`);
    }
  };
  groups.forEach(shareOut);
  phases.forEach(shareOut);
  let previous: Phase | undefined;
  for (const phase of phaseOrder(phases)) {
    if (phase.tasks.length === 0) continue;
    if (previous && previous.tasks.length * phase.tasks.length > PHASE_LINKS_MAX) {
      unlinked.push(`${phase.title} (${phase.tasks.length} tasks) comes after ${previous.title} (${previous.tasks.length} tasks): too many to link each to each, so no dependency says so`);
    } else if (previous) {
      const before = previous.tasks.map((t) => t.code);
      for (const task of phase.tasks) task.depends = unique([...before, ...(task.depends ?? [])]);
    }
    previous = phase;
  }
  return { guessed, unlinked };
}

/** The codes once each, in order, whatever their case. */
export function unique(codes: string[]): string[] {
  const seen = new Set<string>();
  return codes.filter((code) => {
    const key = code.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
