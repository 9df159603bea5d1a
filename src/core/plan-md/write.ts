import { sameCode } from '../../domain/codes.js';
import type { Estimate } from '../../domain/duration.js';
import type { Evidence, Sprint, Task } from '../../domain/plan.js';
import { codeList, isBareTaskCode, isSprintForm } from './codes.js';
import { escapeLine, escapeLines, escapeWord } from './escape.js';
import { groupLabel, headingShape, phaseLabel } from './headings.js';
import { durationText, PHASE_LINKS_MAX, phaseOrder, sameEstimate, share, shareHours } from './phases.js';
import { priorityWord, statusWord } from './task-line.js';

/*
 * Writes a plan in the shape the Markdown reader takes, so `export --format md`
 * imports back to the same plan, statuses included:
 *
 *   ### SPRINT-1: Title (10-13h)
 *   Goal: …
 *   **Phase 1: Setup (4-5h)**
 *   **Backend**                                          (a group inside the phase)
 *   - [x] `T-1` [P] - Title (2h) after T-0 [high]     (completed)
 *   - [ ] `T-2` - Title [medium] [blocked]
 *     Description lines
 *     > check `npm test` passed · 12s · 2026-11-25 18:40
 *     - [ ] `T-2A` - A subtask [low]
 *
 * A phase or group whose name the reader would take for something else is
 * labelled (`**Phase: Setup**`, `**Group: Notes**`).
 * A task's completion checks are written as block quotes: the reader skips
 * them (evidence is a record of the work, not plan), and a person sees them.
 * Dependencies implied by phase order and estimates equal to the phase share are
 * left out, as a person would. Tasks without a known sprint go under a final
 * `Sprint \`BACKLOG\`` heading (the Markdown shape has no place for sprint-less tasks).
 */
export function formatMarkdownPlan(sprints: Sprint[], tasks: Task[]): string {
  const writer = new PlanWriter(tasks);
  const blocks = sprints.map((s) => writer.sprint(sprintHeading(s), s.goal, tasks.filter((t) => t.sprint !== null && sameCode(t.sprint, s.code))));
  const planned = (t: Task) => t.sprint !== null && sprints.some((s) => sameCode(s.code, t.sprint!));
  const unplanned = tasks.filter((t) => !planned(t) && !writer.hasParent(t));
  if (unplanned.length > 0) blocks.push(writer.sprint('### Sprint `BACKLOG`: Unplanned', null, unplanned));
  return blocks.join('\n');
}

const STATUS_MARK: Partial<Record<string, string>> = { in_progress: ' [in progress]', blocked: ' [blocked]', cancelled: ' [cancelled]' };

function sprintHeading(sprint: Sprint): string {
  const code = isBareTaskCode(sprint.code) && isSprintForm(sprint.code) ? sprint.code : `Sprint \`${sprint.code}\``;
  const estimate = sprint.estimate ? ` (${durationText(sprint.estimate)})` : '';
  const status = sprint.status === 'completed' ? ' [completed]' : (STATUS_MARK[sprint.status] ?? '');
  return `### ${code}: ${escapeLine(sprint.title)}${estimate}${status}`;
}

class PlanWriter {
  constructor(private readonly all: Task[]) {}

  sprint(heading: string, goal: string | null, tasks: Task[]): string {
    const lines = [heading, ''];
    if (goal) lines.push(`Goal: ${escapeLine(goal)}`, '');
    const clusters = phaseClusters(tasks.filter((t) => !this.hasParent(t)));
    const implied = impliedByOrder(clusters);
    // Numbered phases are written in the order the reader runs them.
    const ordered = [...clusters.filter((c) => c.phase === null), ...phaseOrder(clusters.filter((c) => c.phase !== null).map((c) => ({ c, order: orderOf(c) }))).map((p) => p.c)];
    for (const cluster of ordered) {
      const all = cluster.groups.flatMap((g) => g.tasks);
      const total = cluster.phase === null ? undefined : phaseEstimate(all);
      if (cluster.phase !== null) lines.push(`**${phaseLabel(cluster.phase)}${escapeLine(cluster.phase)}${total ? ` (${durationText(total)})` : ''}**`, '');
      const portion = total && share(total, all.length);
      for (const group of cluster.groups) {
        if (group.group !== null) lines.push(`**${groupLabel(group.group)}${escapeLine(group.group)}**`, '');
        for (const task of group.tasks) lines.push(...this.task(task, 0, implied.get(cluster) ?? new Set(), portion));
        lines.push('');
      }
    }
    return lines.join('\n');
  }

  private task(task: Task, depth: number, implied: Set<string>, portion: Estimate | undefined): string[] {
    const pad = '  '.repeat(depth);
    // Every task has its box: under a closed sprint, a line without one would be read as closed too.
    const box = task.status === 'completed' ? '[x] ' : '[ ] ';
    const tags = (task.tags ?? []).map((t) => `[${escapeWord(t, reservedInBrackets)}] `).join('');
    const parts = [`${pad}- ${box}\`${task.code}\` ${tags}- ${escapeLine(task.title)}`];
    if (task.estimate && !sameEstimate(task.estimate, portion)) parts.push(`(${durationText(task.estimate)})`);
    const after = task.depends.filter((d) => !implied.has(d.toLowerCase()));
    if (after.length > 0) parts.push(`after ${after.map(codeText).join(', ')}`);
    // The line ends with a bracket, so a description line after it never reads as the title carried on.
    parts.push(`[${task.priority}]${STATUS_MARK[task.status] ?? ''}`);
    const description = task.description ? escapeLines(task.description) : [];
    return [
      parts.join(' '),
      ...description.map((l) => `${pad}  ${l}`),
      ...task.evidence.map((e) => `${pad}  > ${evidenceLine(e)}`),
      ...this.children(task).flatMap((c) => this.task(c, depth + 1, new Set(), undefined)),
    ];
  }

  hasParent(task: Task): boolean {
    return task.parent !== null && this.all.some((t) => sameCode(t.code, task.parent!));
  }

  private children(task: Task): Task[] {
    return this.all.filter((t) => t.parent !== null && sameCode(t.parent, task.code));
  }
}

/** One line, whatever the command holds: a line break in it must not end the quote and become plan. */
function evidenceLine(e: Evidence): string {
  const verdict = e.exit_code === 0 ? 'passed' : e.timed_out ? 'was stopped at the time limit' : e.exit_code === null ? 'could not run' : `exited ${e.exit_code}`;
  return `check ${escapeLine(`\`${e.command}\` ${verdict}`)} · ${e.seconds}s · ${e.at.slice(0, 16).replace('T', ' ')}`;
}

function reservedInBrackets(word: string): boolean {
  return priorityWord(word) !== undefined || statusWord(word) !== undefined;
}

interface Cluster {
  phase: string | null;
  groups: { group: string | null; tasks: Task[] }[];
}

/**
 * Tasks by phase, then by group inside it: those without a phase first (the
 * reader reads them before any phase line), and inside each phase those without
 * a group first (a group line holds until the next); else by first appearance.
 */
function phaseClusters(tasks: Task[]): Cluster[] {
  const clusters: Cluster[] = [{ phase: null, groups: [] }];
  const byPhase = new Map<string | null, Cluster>([[null, clusters[0]!]]);
  for (const task of tasks) {
    const phase = task.phase || null;
    let cluster = byPhase.get(phase);
    if (!cluster) {
      cluster = { phase, groups: [] };
      byPhase.set(phase, cluster);
      clusters.push(cluster);
    }
    const group = task.group || null;
    let entry = cluster.groups.find((g) => g.group === group);
    if (!entry) {
      entry = { group, tasks: [] };
      if (group === null) cluster.groups.unshift(entry);
      else cluster.groups.push(entry);
    }
    entry.tasks.push(task);
  }
  return clusters.filter((c) => c.groups.length > 0);
}

/** `Phase 3.2` → [3, 2], as the reader numbers the phase line the writer writes. */
function orderOf(cluster: Cluster): number[] | undefined {
  const shape = headingShape(`${phaseLabel(cluster.phase!)}${cluster.phase}`, () => false);
  return shape.kind === 'phase' ? shape.order : undefined;
}

/** The dependencies the reader will add from phase order (by number where every phase has one), so they are left unwritten. */
function impliedByOrder(clusters: Cluster[]): Map<Cluster, Set<string>> {
  const phases = clusters.filter((c) => c.phase !== null).map((c) => ({ cluster: c, order: orderOf(c), tasks: c.groups.flatMap((g) => g.tasks) }));
  const implied = new Map<Cluster, Set<string>>();
  let previous: (typeof phases)[number] | undefined;
  for (const phase of phaseOrder(phases)) {
    if (previous && previous.tasks.length * phase.tasks.length <= PHASE_LINKS_MAX) implied.set(phase.cluster, new Set(previous.tasks.map((t) => t.code.toLowerCase())));
    previous = phase;
  }
  return implied;
}

/** The sum of the tasks' estimates, when every task has one. */
function phaseEstimate(tasks: Task[]): Estimate | undefined {
  if (tasks.some((t) => !t.estimate)) return undefined;
  const sum = (pick: (e: Estimate) => number) => roundKeepingShare(tasks.reduce((acc, t) => acc + pick(t.estimate!), 0), tasks.length);
  return { low_hours: sum((e) => e.low_hours), high_hours: sum((e) => e.high_hours) };
}

/** Three shares of 0.67h add up to 2.01h; `(2-3h)` reads better and shares back the same. */
function roundKeepingShare(hours: number, count: number): number {
  const part = shareHours(hours, count);
  const rounder = [Math.round(hours), Math.round(hours * 4) / 4].find((h) => shareHours(h, count) === part);
  return rounder ?? Math.round(hours * 10_000) / 10_000;
}

/** Bare when the reader reads it back as itself (not as a range like `A00-10`), else in backticks. */
function codeText(code: string): string {
  const read = codeList(code);
  return read?.length === 1 && read[0] === code ? code : `\`${code}\``;
}
