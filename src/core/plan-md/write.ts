import { sameCode } from '../../domain/codes.js';
import type { Estimate } from '../../domain/duration.js';
import { Priority, type Evidence, type Sprint, type Task } from '../../domain/plan.js';
import { codeList, isBareTaskCode, isSprintForm } from './codes.js';
import { escapeLine, escapeLines, escapeWord } from './escape.js';
import { durationText, sameEstimate, share, shareHours } from './phases.js';
import { statusWord } from './task-line.js';

/*
 * Writes a plan in the shape the Markdown reader takes, so `export --format md`
 * imports back to the same plan, statuses included:
 *
 *   ### SPRINT-1: Title (10-13h)
 *   Goal: …
 *   **Phase 1: Setup (4-5h)**
 *   - [x] `T-1` [P] - Title (2h) [high] after T-0     (completed)
 *   - `T-2` - Title [medium] [blocked]                  (pending has no mark)
 *     Description lines
 *     > check `npm test` passed · 12s · 2026-11-25 18:40
 *     - `T-2A` - A subtask [low]
 *
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
    let previous = new Set<string>();
    for (const group of phaseGroups(tasks.filter((t) => !this.hasParent(t)))) {
      const total = group.phase === null ? undefined : phaseEstimate(group.tasks);
      if (group.phase !== null) lines.push(`**${escapeLine(group.phase)}${total ? ` (${durationText(total)})` : ''}**`, '');
      const portion = total && share(total, group.tasks.length);
      for (const task of group.tasks) lines.push(...this.task(task, 0, previous, portion));
      lines.push('');
      if (group.phase !== null) previous = new Set(group.tasks.map((t) => t.code.toLowerCase()));
    }
    return lines.join('\n');
  }

  private task(task: Task, depth: number, implied: Set<string>, portion: Estimate | undefined): string[] {
    const pad = '  '.repeat(depth);
    const box = task.status === 'completed' ? '[x] ' : '';
    const tags = (task.tags ?? []).map((t) => `[${escapeWord(t, reservedInBrackets)}] `).join('');
    const parts = [`${pad}- ${box}\`${task.code}\` ${tags}- ${escapeLine(task.title)}`];
    if (task.estimate && !sameEstimate(task.estimate, portion)) parts.push(`(${durationText(task.estimate)})`);
    parts.push(`[${task.priority}]${STATUS_MARK[task.status] ?? ''}`);
    const after = task.depends.filter((d) => !implied.has(d.toLowerCase()));
    if (after.length > 0) parts.push(`after ${after.map(codeText).join(', ')}`);
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
  return Priority.safeParse(word.toLowerCase()).success || statusWord(word) !== undefined;
}

/** Tasks without a phase first (the reader reads them before any phase line), then phases by first appearance. */
function phaseGroups(tasks: Task[]): { phase: string | null; tasks: Task[] }[] {
  const groups = [{ phase: null as string | null, tasks: [] as Task[] }];
  for (const task of tasks) {
    const phase = task.phase || null;
    let group = groups.find((g) => g.phase === phase);
    if (!group) groups.push((group = { phase, tasks: [] }));
    group.tasks.push(task);
  }
  return groups.filter((g) => g.tasks.length > 0);
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
