import type { SprintStatus } from '../../domain/plan.js';
import type { PlanInput, SprintInput, TaskInput } from '../../domain/plan-input.js';
import { lineRanges } from '../line-ranges.js';
import type { Item } from './blocks.js';
import { isCode, slugCode } from './codes.js';
import type { HeadingShape, Traits } from './headings.js';
import { restore } from './literal.js';
import { headingText, type Outline } from './outline.js';
import { sharePhases, unique, type Group, type Phase } from './phases.js';
import type { Link } from './field-line.js';
import { pointsInHours, type Head } from './task-line.js';

/** An item that looks like work and was not made a task, and why: the line and a reason, never the text. */
export interface NotImported {
  line: number;
  reason: 'outside' | 'reference' | 'criteria' | 'untitled' | 'plain';
  /** The line of the heading that made it so. */
  heading?: number;
}

/** What a Markdown plan holds, and what the reading made of the rest. */
export interface MarkdownPlan {
  plan: PlanInput;
  /** Something the author likely meant otherwise: a task defined twice, a link to a task the plan lacks. */
  warnings: string[];
  /** Items that look like work and are no task, each with its line. */
  not_imported: NotImported[];
  /** Prose passed over, line by line, for `--verbose`. */
  skipped: { line: number; text: string }[];
  lines_skipped: number;
  generated_codes: string[];
  /** Estimates that are a share of their phase's, as `T-1: 1-1.25h of Phase 1 (4-5h)`. */
  estimates_guessed: string[];
  /** Codes of tasks whose estimate was given in story points. */
  estimates_in_points: string[];
  /** Headings and list items seen: what a "no task found" error can tell the author. */
  seen: { headings: number; items: number };
  /** The document's title (its only top-level heading), as written. */
  title?: string;
}

export interface ReadOptions {
  fileName: string;
  hoursPerDay: number;
  hoursPerPoint: number;
}

export interface OpenSprint {
  input: SprintInput;
  depth: number;
  phases: Phase[];
  groups: Group[];
}

/** Where the walk stands when it meets a task. */
export interface Place {
  sprint: OpenSprint;
  phase: Phase | null;
  group: Group | null;
}

const DEPENDS_PREFIX = '#';
const SPRINT_STATUS: Partial<Record<string, SprintStatus>> = { completed: 'completed', cancelled: 'cancelled', in_progress: 'in_progress' };

/**
 * The plan as the walk writes it down: its sprints and tasks, each code once,
 * the links to resolve at the end, and what was passed over and why.
 */
export class PlanRecord {
  readonly sprints: OpenSprint[] = [];
  private readonly defined = new Map<string, { line: number; title: string; task: TaskInput }>();
  private readonly byNumber = new Map<string, TaskInput>();
  /** Coded items outside the plan's sprints: no warning when the code is defined elsewhere (a summary repeating it). */
  readonly mentioned: (NotImported & { code: string })[] = [];
  readonly links: (Link & { line: number })[] = [];
  private readonly lines: string[];
  readonly result: Omit<MarkdownPlan, 'plan' | 'seen'> = {
    warnings: [],
    not_imported: [],
    skipped: [],
    lines_skipped: 0,
    generated_codes: [],
    estimates_guessed: [],
    estimates_in_points: [],
  };

  constructor(
    source: string,
    private readonly options: ReadOptions,
  ) {
    this.lines = source.split('\n');
  }

  /**
   * What looks like work and was not made a task. One with a code waits in
   * `mentioned`: a code the plan defines elsewhere is no loss. Outside every
   * sprint no heading is to blame, so none is named.
   */
  notImported(line: number, reason: NotImported['reason'], heading: number | undefined, code: string | undefined): void {
    const entry: NotImported = { line, reason, ...(heading !== undefined && reason !== 'outside' ? { heading } : {}) };
    if (code !== undefined) this.mentioned.push({ ...entry, code });
    else this.result.not_imported.push(entry);
  }

  /** The sprint a heading opens: a code already opened joins the first (and says so), else a new sprint; `status` is its section's. */
  openSprint(shape: Extract<HeadingShape, { kind: 'sprint' }>, depth: number, line: number, status: string | undefined): OpenSprint {
    const existing = this.sprints.find((s) => s.input.code.toLowerCase() === shape.code.toLowerCase());
    if (existing) {
      this.result.warnings.push(`line ${line}: sprint ${shape.code} appears again; its tasks join the first`);
      return { ...existing, depth };
    }
    const input: SprintInput = { code: shape.code, title: restore(shape.title) || shape.code, tasks: [] };
    if (shape.tail.estimate !== undefined) input.estimate = this.estimate(shape.tail.estimate);
    const closed = SPRINT_STATUS[shape.tail.status ?? status ?? ''];
    if (closed) input.status = closed;
    const sprint: OpenSprint = { input, depth, phases: [], groups: [] };
    this.sprints.push(sprint);
    return sprint;
  }

  /**
   * Adds a task to the current sprint, or says why not: a code already defined adds
   * nothing (a summary repeating it), and a different definition is warned about.
   */
  addTask(place: Place, head: Omit<Head, 'code'> & { code?: string | undefined }, line: number, parent: TaskInput | undefined, number: string | undefined, written: boolean, traits: Traits): TaskInput | undefined {
    const { sprint, phase, group } = place;
    const title = restore(head.title.trim());
    const code = head.code ?? this.generateCode(sprint, number, title);
    const first = this.defined.get(code.toLowerCase());
    if (first) {
      if (written && title !== '' && title !== first.title) {
        this.result.warnings.push(`line ${line}: ${code} is already defined on line ${first.line}; this one adds nothing`);
      }
      return undefined;
    }
    const task: TaskInput = { code, title: title || code };
    this.defined.set(code.toLowerCase(), { line, title, task });
    const { estimate, priority, depends } = head.tail;
    const status = head.tail.status ?? traits.status;
    if (head.tags.length) task.tags = head.tags.map(restore);
    if (estimate !== undefined) task.estimate = this.estimate(estimate, code);
    if (priority ?? traits.priority) task.priority = priority ?? traits.priority;
    if (depends?.length) task.depends = unique(depends);
    if (status !== undefined) task.status = status;
    const numbered = number?.includes('.') ? this.byNumber.get(`${sprint.input.code}:${number.replace(/\.\d+$/, '')}`) : undefined;
    const owner = parent ?? (numbered && numbered !== task ? numbered : undefined);
    if (owner) task.parent = owner.code;
    if (phase) task.phase = phase.title;
    if (group) task.group = group.title;
    if (!owner) {
      phase?.tasks.push(task);
      group?.tasks.push(task);
    }
    if (number !== undefined) {
      // `1.0` is task 1, as ai-dev-tasks numbers its parents.
      const key = number.replace(/\.0$/, '');
      this.byNumber.set(`${sprint.input.code}:${key}`, task);
      if (!this.byNumber.has(`*:${key}`)) this.byNumber.set(`*:${key}`, task);
    }
    sprint.input.tasks.push(task);
    return task;
  }

  /** An estimate as import keeps it: points become hours at the config's `hours_per_point`. */
  estimate(text: string, code?: string): string {
    const hours = pointsInHours(text, this.options.hoursPerPoint);
    if (hours === undefined) return text;
    if (code) this.result.estimates_in_points.push(code);
    return hours;
  }

  /** A stable code for a task written without one: the same file gives the same codes on every import. */
  private generateCode(sprint: OpenSprint, number: string | undefined, title: string): string {
    const base = `${sprint.input.code.slice(0, 20)}-${number?.replace(/\.0$/, '') ?? slugCode(title)}`.slice(0, 60).replace(/-+$/, '');
    let code = base;
    for (let n = 2; this.defined.has(code.toLowerCase()) || !isCode(code); n++) code = `${base}-${n}`;
    this.result.generated_codes.push(code);
    return code;
  }

  skipItem(item: Item): void {
    this.skipLines(item.line, item.end);
  }

  skipLines(from: number, to: number): void {
    for (let line = from; line < to; line++) this.skip(line);
  }

  skip(line: number): void {
    const shown = (this.lines[line - 1] ?? '').trim();
    if (shown === '') return;
    this.result.lines_skipped += 1;
    this.result.skipped.push({ line, text: shown.length > 80 ? `${shown.slice(0, 79)}…` : shown });
  }

  /** The plan as read: links and numbered dependencies resolved, phases' estimates shared out, what was left out said. */
  finish(outline: Pick<Outline, 'sprintCodes' | 'title' | 'seen'>): MarkdownPlan {
    const find = (code: string) => this.defined.get(code.toLowerCase())?.task;
    for (const sprint of this.sprints) {
      for (const task of sprint.input.tasks) {
        if (!task.depends?.some((d) => d.startsWith(DEPENDS_PREFIX))) continue;
        task.depends = unique(task.depends.flatMap((d) => (d.startsWith(DEPENDS_PREFIX) ? this.numbered(d.slice(1), sprint, task) : [d])));
      }
    }
    for (const link of this.links) {
      const task = find(link.task);
      if (task) task.depends = unique([...(task.depends ?? []), link.after]);
      else this.result.warnings.push(`line ${link.line}: ${link.task} is not a task of this plan; its dependency on ${link.after} is left out`);
    }
    for (const item of this.mentioned) {
      if (!find(item.code) && !outline.sprintCodes.has(item.code.toLowerCase())) this.result.not_imported.push({ line: item.line, reason: item.reason, ...(item.heading ? { heading: item.heading } : {}) });
    }
    this.result.not_imported.sort((a, b) => a.line - b.line);
    this.result.warnings.push(...notImportedWarnings(this.result.not_imported));
    for (const sprint of this.sprints) {
      const { guessed, unlinked } = sharePhases(sprint.phases, sprint.groups, this.options.hoursPerDay);
      this.result.estimates_guessed.push(...guessed);
      this.result.warnings.push(...unlinked.map((u) => `${sprint.input.code}: ${restore(u)}`));
    }
    for (const sprint of this.sprints) {
      for (const task of sprint.input.tasks) if (task.description !== undefined) task.description = restore(task.description.trim());
    }
    const title = outline.title ? restore(headingText(outline.title)) : undefined;
    return { plan: { sprints: this.sprints.map((s) => s.input) }, ...this.result, seen: outline.seen, ...(title ? { title } : {}) };
  }

  /** The task a `Task 1.1` dependency names: numbered in the same sprint, else anywhere in the plan. */
  private numbered(number: string, sprint: OpenSprint, task: TaskInput): string[] {
    const key = number.replace(/\.0$/, '');
    const found = this.byNumber.get(`${sprint.input.code}:${key}`) ?? this.byNumber.get(`*:${key}`);
    if (found && found !== task) return [found.code];
    this.result.warnings.push(`${task.code}: its dependency on task ${number} names no numbered task of this plan; left out`);
    return [];
  }
}

const REASONS: Record<NotImported['reason'], (heading: number | undefined) => string> = {
  outside: () => 'outside every sprint heading',
  reference: (h) => `under a heading of notes or references${h ? ` (line ${h})` : ''}, which are not plan`,
  criteria: (h) => `criteria under the heading on line ${h ?? '?'}, not tasks`,
  untitled: () => 'with no title',
  plain: () => 'plain bullets beside the checklist or coded items of their section, read as notes (give them a box or a code to import them)',
};

/** One warning per reason, naming every line: `3 item(s) that look like work not imported, outside every sprint heading: lines 40–42`. */
export function notImportedWarnings(items: NotImported[]): string[] {
  const groups = new Map<string, { reason: NotImported['reason']; heading: number | undefined; lines: number[] }>();
  for (const item of items) {
    const key = `${item.reason}:${item.heading ?? ''}`;
    const group = groups.get(key) ?? { reason: item.reason, heading: item.heading, lines: [] };
    group.lines.push(item.line);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${g.lines.length} item(s) that look like work not imported, ${REASONS[g.reason](g.heading)}: ${lineRanges(g.lines)}`);
}

