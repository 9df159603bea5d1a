import { sameCode } from '../domain/codes.js';
import { formatEstimate, parseDuration, type Estimate } from '../domain/duration.js';
import { Code, Priority, type Sprint, type Task } from '../domain/plan.js';
import type { PlanInput, SprintInput, TaskInput } from '../domain/plan-input.js';

/*
 * Markdown plans, in the shape people already write them:
 *
 *   ### SPRINT-SESS-1: Core System & Context (10-13 hours)
 *   Goal: a session survives a restart
 *   **Phase 1: Core Session System (4-5h)**
 *   - `T-SESS-01-DB` - Database schema (2h) [high] after T-X, T-Y
 *     Indented text is the task's description.
 *     - `T-SESS-01-DB-IDX` - Indexes        (a subtask)
 *
 * Phases run in order within a sprint, and a task without its own estimate gets a
 * share of its phase's estimate.
 */

/** Hyphenated codes are recognised bare; any other code must be in backticks. */
const PLAIN_CODE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/i;
const DEP = '(?:`[^`]+`|[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)';
const AFTER = new RegExp(`(?:^|\\s)after\\s+(${DEP}(?:\\s*,\\s*${DEP})*)$`, 'i');
const HEADING = /^(#{1,6})\s+(.*?)(?:\s+#+)?$/;
const BULLET = /^(?:[-*+]|\d+[.)])\s+(.*)$/;
const TASK_BULLET = /^`([^`]+)`\s*(?:[-–—:]\s*)?(.*)$/;
const BOLD_LINE = /^\*\*(.+?)\*\*\s*(\([^()]*\))?$/;
const GOAL = /^(?:\*\*)?goal(?::\*\*|\*\*:|:)\s*(.+?)(?:\*\*)?$/i;
const HEADING_SEPARATOR = /:|\s[-–—]\s/;
const TRAILING_PARENS = /\s*\(([^()]*)\)$/;

interface Phase {
  title: string;
  estimateText: string | undefined;
  /** Top-level tasks only: subtasks neither order phases nor take a share. */
  tasks: TaskInput[];
}

interface OpenSprint {
  input: SprintInput;
  level: number;
  phases: Phase[];
}

/** A bullet whose indented lines belong to it; `task` is undefined for a skipped bullet. */
interface OpenBullet {
  indent: number;
  task: TaskInput | undefined;
}

export function parseMarkdownPlan(text: string): { plan: PlanInput; notes: string[] } {
  const reader = new PlanReader();
  text.split(/\r?\n/).forEach((line, i) => reader.read(line.replace(/\t/g, '    '), i + 1));
  return reader.finish();
}

class PlanReader {
  private readonly sprints: OpenSprint[] = [];
  private readonly notes: string[] = [];
  /** First line of each task code, lower-cased because codes match case-insensitively. */
  private readonly taskLines = new Map<string, number>();
  private sprint: OpenSprint | undefined;
  private phase: Phase | undefined;
  private bullets: OpenBullet[] = [];

  read(line: string, n: number): void {
    const content = line.trim();
    if (content === '') return;
    const indent = line.length - line.trimStart().length;
    const bullet = BULLET.exec(content);
    if (bullet) return this.readBullet(indent, bullet[1]!, content, n);
    const owner = this.bullets.findLast((b) => b.indent < indent);
    if (owner) return addDescription(owner.task, content);
    this.bullets = [];
    const heading = HEADING.exec(content);
    if (heading) return this.readHeading(heading[1]!.length, heading[2]!, n);
    if (!this.sprint) return;
    const goal = GOAL.exec(content);
    if (goal) {
      this.sprint.input.goal ??= goal[1]!;
      return;
    }
    const bold = BOLD_LINE.exec(content);
    if (bold) this.openPhase(`${bold[1]!} ${bold[2] ?? ''}`.trim());
  }

  finish(): { plan: PlanInput; notes: string[] } {
    for (const sprint of this.sprints) this.orderPhases(sprint);
    return { plan: { sprints: this.sprints.map((s) => s.input) }, notes: this.notes };
  }

  private readHeading(level: number, text: string, n: number): void {
    const sprint = parseSprintHeading(text);
    if (sprint) return this.openSprint(sprint, level, n);
    if (this.sprint && (level > this.sprint.level || /^phase\b/i.test(text))) return this.openPhase(text);
    // A heading without a code at the sprint's level or above closes the sprint.
    this.sprint = undefined;
    this.phase = undefined;
  }

  private openSprint(heading: SprintInput, level: number, n: number): void {
    this.phase = undefined;
    const existing = this.sprints.find((s) => sameCode(s.input.code, heading.code));
    if (existing) {
      this.notes.push(`line ${n}: ${heading.code} appears again; its tasks join the first`);
      this.sprint = existing;
      return;
    }
    if (heading.title === '') {
      heading.title = heading.code;
      this.notes.push(`line ${n}: ${heading.code} has no title, used its code`);
    }
    this.sprint = { input: heading, level, phases: [] };
    this.sprints.push(this.sprint);
  }

  private openPhase(text: string): void {
    const { rest, estimate } = splitEstimate(text);
    this.phase = { title: rest, estimateText: estimate, tasks: [] };
    this.sprint!.phases.push(this.phase);
  }

  private readBullet(indent: number, body: string, content: string, n: number): void {
    while ((this.bullets.at(-1)?.indent ?? -Infinity) + 2 > indent) this.bullets.pop();
    const match = TASK_BULLET.exec(body);
    const code = match?.[1]?.trim();
    if (!match || code === undefined || !Code.safeParse(code).success) {
      const owner = this.bullets.at(-1);
      if (owner) addDescription(owner.task, content);
      else this.notes.push(`line ${n} skipped: a bullet without a code in backticks`);
      return;
    }
    const skip = this.skipReason(code);
    if (skip) {
      this.notes.push(`line ${n} skipped: ${skip}`);
      this.bullets.push({ indent, task: undefined });
      return;
    }
    this.taskLines.set(code.toLowerCase(), n);
    const task = readTask(code, match[2]!);
    if (task.title === '') {
      task.title = code;
      this.notes.push(`line ${n}: ${code} has no title, used its code`);
    }
    const parent = this.bullets.findLast((b) => b.task)?.task;
    if (parent) task.parent = parent.code;
    else this.phase?.tasks.push(task);
    if (this.phase) task.phase = this.phase.title;
    this.sprint!.input.tasks.push(task);
    this.bullets.push({ indent, task });
  }

  private skipReason(code: string): string | undefined {
    if (!this.sprint) return `${code} is not under a sprint heading`;
    const first = this.taskLines.get(code.toLowerCase());
    return first === undefined ? undefined : `${code} is already defined on line ${first}`;
  }

  private orderPhases(sprint: OpenSprint): void {
    let previous: string[] = [];
    for (const phase of sprint.phases) {
      if (phase.tasks.length === 0) continue;
      for (const task of phase.tasks) {
        const depends = unique([...previous, ...(task.depends ?? [])]);
        if (depends.length > 0) task.depends = depends;
      }
      this.shareEstimate(phase);
      previous = phase.tasks.map((t) => t.code);
    }
  }

  private shareEstimate(phase: Phase): void {
    const total = phase.estimateText === undefined ? undefined : parseDuration(phase.estimateText);
    if (!total) return;
    const text = durationText(share(total, phase.tasks.length));
    for (const task of phase.tasks) {
      if (task.estimate !== undefined) continue;
      task.estimate = text;
      this.notes.push(`${task.code}: estimate ${text} is a share of ${phase.title} (${phase.estimateText})`);
    }
  }
}

function addDescription(task: TaskInput | undefined, line: string): void {
  if (!task) return;
  task.description = task.description === undefined ? line : `${task.description}\n${line}`;
}

function parseSprintHeading(text: string): SprintInput | undefined {
  const separator = HEADING_SEPARATOR.exec(text);
  let code: string | undefined;
  let title: string;
  if (separator) {
    code = text.slice(0, separator.index).split(/\s+/).map(codeToken).find((c) => c !== undefined);
    title = text.slice(separator.index + separator[0].length);
  } else {
    // Without a separator only a leading code counts, so prose headings that mention a code stay prose.
    const [first = '', ...rest] = text.split(/\s+/);
    code = codeToken(first);
    title = rest.join(' ');
  }
  if (code === undefined) return undefined;
  const { rest, estimate } = splitEstimate(title.trim());
  const sprint: SprintInput = { code, title: rest, tasks: [] };
  if (estimate !== undefined) sprint.estimate = estimate;
  return sprint;
}

function codeToken(token: string): string | undefined {
  const ticked = /^`([^`]+)`$/.exec(token)?.[1];
  if (ticked !== undefined) return Code.safeParse(ticked).success ? ticked : undefined;
  const bare = token.replace(/^[*_]+|[*_]+$/g, '');
  return PLAIN_CODE.test(bare) ? bare : undefined;
}

/** Splits a trailing `(10-13 hours)` off a title; other parentheses stay part of it. */
function splitEstimate(text: string): { rest: string; estimate: string | undefined } {
  const match = TRAILING_PARENS.exec(text);
  if (!match || !parseDuration(match[1]!)) return { rest: text, estimate: undefined };
  return { rest: text.slice(0, match.index).trim(), estimate: match[1]!.trim() };
}

/** Reads `Title (2h) [high] after T-X, T-Y`, the trailing parts in any order. */
function readTask(code: string, text: string): TaskInput {
  const task: TaskInput = { code, title: '' };
  let rest = text.trim();
  for (;;) {
    const { rest: before, estimate } = splitEstimate(rest);
    const priority = /\s*\[(\w+)\]$/.exec(rest);
    const after = AFTER.exec(rest);
    if (estimate !== undefined && task.estimate === undefined) {
      task.estimate = estimate;
      rest = before;
    } else if (priority && task.priority === undefined && Priority.safeParse(priority[1]!.toLowerCase()).success) {
      task.priority = Priority.parse(priority[1]!.toLowerCase());
      rest = rest.slice(0, priority.index);
    } else if (after && task.depends === undefined) {
      task.depends = unique(after[1]!.split(',').map((d) => d.trim().replace(/^`|`$/g, '')));
      rest = rest.slice(0, after.index).trimEnd();
    } else break;
  }
  task.title = rest;
  return task;
}

function unique(codes: string[]): string[] {
  return codes.filter((code, i) => codes.findIndex((c) => sameCode(c, code)) === i);
}

/** Each task's part of a phase estimate; the formatter uses it too, so round trips agree. */
function share(total: Estimate, count: number): Estimate {
  return { low_hours: shareHours(total.low_hours, count), high_hours: shareHours(total.high_hours, count) };
}

function shareHours(hours: number, count: number): number {
  return Math.round((hours / count) * 100) / 100;
}

/** The short form (`45m`, `1-1.25h`) when it reads back exactly, else plain hours (`0.67-1h`). */
function durationText(estimate: Estimate): string {
  const short = formatEstimate(estimate);
  if (sameEstimate(parseDuration(short), estimate)) return short;
  const hours = (h: number) => String(Math.round(h * 10_000) / 10_000);
  if (estimate.low_hours === estimate.high_hours) return `${hours(estimate.low_hours)}h`;
  return `${hours(estimate.low_hours)}-${hours(estimate.high_hours)}h`;
}

function sameEstimate(a: Estimate | null | undefined, b: Estimate | null | undefined): boolean {
  return !!a && !!b && a.low_hours === b.low_hours && a.high_hours === b.high_hours;
}

/**
 * Writes a plan in the shape parseMarkdownPlan reads. Dependencies implied by phase
 * order and estimates equal to the phase share are left out, as a person would.
 * Tasks without a known sprint go under a final `### \`BACKLOG\`: Unplanned` heading,
 * only if there are any: the Markdown shape has no place for sprint-less tasks, so a
 * re-import files them in a BACKLOG sprint (in backticks because it has no hyphen).
 * Subtasks are written under their parent, whatever their own sprint.
 */
export function formatMarkdownPlan(sprints: Sprint[], tasks: Task[]): string {
  const writer = new PlanWriter(tasks);
  const blocks = sprints.map((s) =>
    writer.sprint(sprintHeading(s), s.goal, tasks.filter((t) => t.sprint !== null && sameCode(t.sprint, s.code))),
  );
  const planned = (t: Task) => t.sprint !== null && sprints.some((s) => sameCode(s.code, t.sprint!));
  const unplanned = tasks.filter((t) => !planned(t) && !writer.hasParent(t));
  if (unplanned.length > 0) blocks.push(writer.sprint('### `BACKLOG`: Unplanned', null, unplanned));
  return blocks.join('\n');
}

function sprintHeading(sprint: Sprint): string {
  const estimate = sprint.estimate ? ` (${durationText(sprint.estimate)})` : '';
  return `### ${codeText(sprint.code)}: ${oneLine(sprint.title)}${estimate}`;
}

class PlanWriter {
  constructor(private readonly all: Task[]) {}

  sprint(heading: string, goal: string | null, tasks: Task[]): string {
    const lines = [heading, ''];
    if (goal) lines.push(`Goal: ${oneLine(goal)}`, '');
    let previous = new Set<string>();
    for (const group of phaseGroups(tasks.filter((t) => !this.hasParent(t)))) {
      const total = group.phase === null ? undefined : phaseEstimate(group.tasks);
      if (group.phase !== null) lines.push(`**${group.phase}${total ? ` (${durationText(total)})` : ''}**`, '');
      const portion = total && share(total, group.tasks.length);
      for (const task of group.tasks) lines.push(...this.task(task, 0, previous, portion));
      lines.push('');
      if (group.phase !== null) previous = new Set(group.tasks.map((t) => t.code.toLowerCase()));
    }
    return lines.join('\n');
  }

  private task(task: Task, depth: number, implied: Set<string>, portion: Estimate | undefined): string[] {
    const pad = '  '.repeat(depth);
    const parts = [`${pad}- \`${task.code}\` - ${oneLine(task.title)}`];
    if (task.estimate && !sameEstimate(task.estimate, portion)) parts.push(`(${durationText(task.estimate)})`);
    parts.push(`[${task.priority}]`);
    const after = task.depends.filter((d) => !implied.has(d.toLowerCase()));
    if (after.length > 0) parts.push(`after ${after.map(codeText).join(', ')}`);
    const description = (task.description ?? '').split('\n').filter((l) => l.trim() !== '');
    return [
      parts.join(' '),
      ...description.map((l) => `${pad}  ${l.trim()}`),
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

/** Tasks without a phase first (the parser reads them before any phase line), then phases by first appearance. */
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
  const sum = (pick: (e: Estimate) => number) =>
    roundKeepingShare(tasks.reduce((acc, t) => acc + pick(t.estimate!), 0), tasks.length);
  return { low_hours: sum((e) => e.low_hours), high_hours: sum((e) => e.high_hours) };
}

/** Three shares of 0.67h add up to 2.01h; `(2-3h)` reads better and shares back the same. */
function roundKeepingShare(hours: number, count: number): number {
  const part = shareHours(hours, count);
  const rounder = [Math.round(hours), Math.round(hours * 4) / 4].find((h) => shareHours(h, count) === part);
  return rounder ?? Math.round(hours * 10_000) / 10_000;
}

function codeText(code: string): string {
  return PLAIN_CODE.test(code) ? code : `\`${code}\``;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
