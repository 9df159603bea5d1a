import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table } from 'mdast';
import { sameCode } from '../../domain/codes.js';
import type { SprintStatus } from '../../domain/plan.js';
import type { PlanInput, SprintInput, TaskInput } from '../../domain/plan-input.js';
import { isCode, slugCode } from './codes.js';
import { inlineText, restore } from './literal.js';
import { sharePhases, type Phase } from './phases.js';
import { goalLine, headingShape, isCodedItem, itemLine, itemShape, phaseLine, tableRows, type HeadingShape, type ItemShape } from './shapes.js';
import { readDependencyLine, readField, type Head, type Link, type Tail } from './task-line.js';

/** What a Markdown plan holds, and what the reading made of the rest. */
export interface MarkdownPlan {
  plan: PlanInput;
  /** Something the author likely meant otherwise: a code outside any sprint, a task defined twice. */
  warnings: string[];
  /** Prose passed over, line by line, for `--verbose`. */
  skipped: { line: number; text: string }[];
  lines_skipped: number;
  generated_codes: string[];
  /** Estimates that are a share of their phase's, as `T-1: 1-1.25h of Phase 1 (4-5h)`. */
  estimates_guessed: string[];
  /** Headings and list items seen: what a "no task found" error can tell the author. */
  seen: { headings: number; items: number };
}

interface OpenSprint {
  input: SprintInput;
  depth: number;
  phases: Phase[];
}

const SPRINT_STATUS: Partial<Record<string, SprintStatus>> = { completed: 'completed', cancelled: 'cancelled', in_progress: 'in_progress' };

/**
 * Walks the document's blocks in order, keeping where it stands (sprint, phase,
 * task heading, dependencies section), and hands each block to the shape that
 * reads it. A plan without a sprint heading is one sprint named after the file.
 */
export function planFromTree(root: Root, source: string, options: { fileName: string; hoursPerDay: number }): MarkdownPlan {
  return new PlanWalk(root, source, options).run();
}

class PlanWalk {
  private readonly shapes = new Map<Heading, HeadingShape>();
  private readonly sprintCodes = new Set<string>();
  /** Where a plan's tasks carry codes, checklist items without one are criteria, not tasks. */
  private coded = false;
  private readonly sprints: OpenSprint[] = [];
  private sprint: OpenSprint | null = null;
  private phase: Phase | null = null;
  private taskHeads: { task: TaskInput; depth: number }[] = [];
  private dependencies: number | null = null;
  /** The document's title (its only top-level heading, first): a section even where sections are phases. */
  private title: Heading | undefined;
  private readonly defined = new Map<string, { line: number; title: string }>();
  private readonly byNumber = new Map<string, TaskInput>();
  private readonly outside: { code: string; line: number }[] = [];
  private readonly links: (Link & { line: number })[] = [];
  private readonly result: Omit<MarkdownPlan, 'plan'> = {
    warnings: [],
    skipped: [],
    lines_skipped: 0,
    generated_codes: [],
    estimates_guessed: [],
    seen: { headings: 0, items: 0 },
  };

  constructor(
    private readonly root: Root,
    private readonly source: string,
    private readonly options: { fileName: string; hoursPerDay: number },
  ) {}

  run(): MarkdownPlan {
    this.classify();
    if (this.sprintCodes.size === 0) {
      const name = this.options.fileName.replace(/\.[^.]*$/, '') || 'plan';
      this.openSprint({ kind: 'sprint', code: slugCode(name), title: name, tail: {} }, 0, 0);
    }
    for (const block of this.root.children) this.block(block);
    return this.finish();
  }

  /** Headings first: whether a heading is a sprint or a task depends on what follows it. */
  private classify(): void {
    const blocks = this.root.children;
    const headings = blocks.filter((b): b is Heading => b.type === 'heading');
    if (headings[0]?.depth === 1 && headings.filter((h) => h.depth === 1).length === 1) this.title = headings[0];
    blocks.forEach((block, i) => {
      if (block.type !== 'heading') return;
      const shape = headingShape(block, this.source, (code) => this.holdsTasks(blocks, i, code));
      this.shapes.set(block, shape);
      if (shape.kind === 'sprint') this.sprintCodes.add(shape.code.toLowerCase());
      if (shape.kind === 'task' && shape.head.code !== undefined) this.coded = true;
    });
    const lists = (nodes: RootContent[]): ListItem[] =>
      nodes.flatMap((n) => (n.type === 'list' ? n.children.flatMap((item) => [item, ...lists(item.children)]) : []));
    this.coded ||= lists(blocks).some((item) => isCodedItem(itemShape(item, this.source), this.sprintCodes));
    this.result.seen.headings = this.shapes.size;
    this.result.seen.items = lists(blocks).length;
  }

  /**
   * Whether list items with codes (two at least: one may be a note such as
   * "T-1 must come first") or a table of tasks follow a heading before the next
   * heading of its level. Codes extending the heading's own (`T-12.1` under
   * `T-12`) are its subtasks, and do not count.
   */
  private holdsTasks(blocks: RootContent[], at: number, code: string): boolean {
    const depth = (blocks[at] as Heading).depth;
    const own = (c: string | undefined) => c !== undefined && c.toLowerCase().startsWith(code.toLowerCase());
    let coded = 0;
    for (const block of blocks.slice(at + 1)) {
      if (block.type === 'heading' && block.depth <= depth) break;
      if (block.type === 'list') {
        coded += block.children.map((item) => itemShape(item, this.source)).filter((item) => isCodedItem(item, new Set()) && !own(item.head.code)).length;
      }
      if (block.type === 'table' && tableRows(block, this.source)?.some((row) => row.code !== undefined && !own(row.code))) return true;
    }
    return coded >= 2;
  }

  private block(block: RootContent): void {
    switch (block.type) {
      case 'heading':
        return this.heading(block, this.shapes.get(block)!);
      case 'paragraph':
        return this.paragraph(block);
      case 'list':
        return this.list(block);
      case 'table':
        return this.table(block);
      default:
      // Code fences, block quotes, HTML and rules are never plan.
    }
  }

  private heading(heading: Heading, shape: HeadingShape): void {
    const depth = heading.depth;
    const line = heading.position?.start.line ?? 0;
    while ((this.taskHeads.at(-1)?.depth ?? 0) >= depth) this.taskHeads.pop();
    if (this.dependencies !== null && depth <= this.dependencies) this.dependencies = null;
    const owner = this.taskHeads.at(-1)?.task;
    if (owner && shape.kind !== 'task') return describe(owner, inlineText(heading.children, this.source));
    switch (shape.kind) {
      case 'sprint':
        return this.openSprint(shape, depth, line);
      case 'dependencies':
        this.dependencies = depth;
        return;
      case 'task': {
        const task = this.addTask(shape.head, line, owner, shape.head.number, shape.head.code !== undefined);
        if (task) this.taskHeads.push({ task, depth });
        return;
      }
      case 'phase':
        if (this.sprint) this.openPhase(shape.title, shape.estimate);
        return;
      case 'section':
        if (heading === this.title) return;
        if (this.sprint && depth > this.sprint.depth) this.openPhase(inlineText(heading.children, this.source).trim(), undefined);
        else if (this.sprint) {
          // A heading without a code at the sprint's level or above ends the sprint ("## Notes").
          this.sprint = null;
          this.phase = null;
        }
    }
  }

  private openSprint(shape: Extract<HeadingShape, { kind: 'sprint' }>, depth: number, line: number): void {
    this.phase = null;
    this.taskHeads = [];
    const existing = this.sprints.find((s) => sameCode(s.input.code, shape.code));
    if (existing) {
      this.result.warnings.push(`line ${line}: sprint ${shape.code} appears again; its tasks join the first`);
      this.sprint = { ...existing, depth };
      return;
    }
    const input: SprintInput = { code: shape.code, title: restore(shape.title) || shape.code, tasks: [] };
    if (shape.tail.estimate !== undefined) input.estimate = shape.tail.estimate;
    const status = SPRINT_STATUS[shape.tail.status ?? ''];
    if (status) input.status = status;
    this.sprint = { input, depth, phases: [] };
    this.sprints.push(this.sprint);
  }

  private openPhase(title: string, estimate: string | undefined): void {
    this.phase = { title: restore(title), estimate, tasks: [] };
    this.sprint!.phases.push(this.phase);
  }

  private paragraph(paragraph: Paragraph): void {
    const lines = inlineText(paragraph.children, this.source).split('\n');
    const owner = this.taskHeads.at(-1)?.task;
    const first = paragraph.position?.start.line ?? 0;
    if (owner) return lines.forEach((text, i) => this.detail(owner, text, first + i));
    if (this.dependencies !== null) return lines.forEach((text, i) => this.dependencyLine(text, first + i));
    if (this.sprint) {
      const phase = phaseLine(paragraph, this.source);
      if (phase) return this.openPhase(phase.title, phase.estimate);
      const goal = lines.length === 1 ? goalLine(lines[0]!) : undefined;
      if (goal !== undefined && this.sprint.input.goal === undefined) {
        this.sprint.input.goal = restore(goal.trim());
        return;
      }
    }
    lines.forEach((text, i) => this.skip(first + i, text));
  }

  private list(list: List): void {
    for (const item of list.children) {
      const shape = itemShape(item, this.source);
      const owner = this.taskHeads.at(-1)?.task;
      if (this.dependencies !== null) this.dependencyLine(itemLine(item, this.source).slice(2), shape.line);
      // Under a task heading only coded items are tasks (subtasks); a checklist there is its criteria.
      else if (owner ? isCodedItem(shape, this.sprintCodes) : this.isTask(shape) && this.sprint) this.itemTask(item, shape, owner);
      else if (owner) this.itemDetail(owner, item, shape);
      else {
        const code = shape.head.code;
        if (code !== undefined && this.isTask(shape)) this.outside.push({ code, line: shape.line });
        this.skipNode(item);
      }
    }
  }

  private isTask(item: ItemShape): boolean {
    if (isCodedItem(item, this.sprintCodes)) return true;
    return item.checked !== null && !this.coded && item.head.code === undefined && item.head.title !== '';
  }

  /** A list item that is a task: its nested items are subtasks when they are tasks, else its description. */
  private itemTask(item: ListItem, shape: ItemShape, parent: TaskInput | undefined): void {
    const tail: Tail = { ...shape.head.tail };
    if (shape.checked === true && tail.status === undefined) tail.status = 'completed';
    const task = this.addTask({ ...shape.head, tail }, shape.line, parent, shape.head.number, shape.head.code !== undefined);
    if (!task) return this.skipNode(item);
    shape.moreLines.forEach((text, i) => this.detail(task, text, shape.line + i + 1));
    if (tail.aside) describe(task, tail.aside);
    for (const block of shape.rest) {
      if (block.type === 'paragraph') {
        const first = block.position?.start.line ?? 0;
        inlineText(block.children, this.source).split('\n').forEach((text, i) => this.detail(task, text, first + i));
      } else if (block.type === 'list') {
        for (const child of block.children) {
          const childShape = itemShape(child, this.source);
          if (this.isTask(childShape)) this.itemTask(child, childShape, task);
          else this.itemDetail(task, child, childShape);
        }
      }
    }
  }

  /** A non-task item under a task: a field line (`Estimate: 2h`), else a line of its description. */
  private itemDetail(task: TaskInput, item: ListItem, shape: ItemShape): void {
    const line = itemLine(item, this.source);
    const field = item.checked === null && shape.moreLines.length === 0 ? readField(line.slice(2)) : undefined;
    if (field) return this.detail(task, line.slice(2), shape.line);
    describe(task, line);
    const nested = (nodes: RootContent[], pad: string): void => {
      for (const node of nodes) {
        if (node.type !== 'list') continue;
        for (const child of node.children) {
          describe(task, `${pad}${itemLine(child, this.source)}`);
          nested(child.children, `${pad}  `);
        }
      }
    };
    nested(item.children, '  ');
  }

  /** A line under a task: a field (`**Estimated Effort:** 1-2 hours`, `Blocks: T-5`), else description. */
  private detail(task: TaskInput, text: string, line: number): void {
    const field = readField(text);
    if (!field) return describe(task, text);
    switch (field.kind) {
      case 'estimate':
        task.estimate ??= field.value;
        return;
      case 'depends':
        if (field.value.length) task.depends = unique([...(task.depends ?? []), ...field.value]);
        return;
      case 'blocks':
        for (const code of field.value) this.links.push({ task: code, after: task.code, line });
        return;
      case 'priority':
        task.priority ??= field.value;
        return;
      case 'status':
        task.status ??= field.value;
    }
  }

  private dependencyLine(text: string, line: number): void {
    const links = readDependencyLine(text);
    if (links) this.links.push(...links.map((l) => ({ ...l, line })));
    else this.skip(line, text);
  }

  private table(table: Table): void {
    const rows = tableRows(table, this.source);
    const sprint = this.sprint;
    if (!rows || !sprint) return this.skipNode(table);
    for (const row of rows) {
      if (row.code === undefined && this.coded) this.skip(row.line, row.title);
      else if (row.title !== '' || row.code !== undefined) this.addTask({ code: row.code, tags: [], title: row.title, tail: row.tail }, row.line, undefined, undefined, row.code !== undefined);
    }
  }

  /**
   * Adds a task to the current sprint, or says why not: a code already defined adds
   * nothing (a summary repeating it), and a different definition is warned about.
   */
  private addTask(head: Omit<Head, 'code'> & { code?: string | undefined }, line: number, parent: TaskInput | undefined, number: string | undefined, written: boolean): TaskInput | undefined {
    const sprint = this.sprint;
    if (!sprint) {
      if (head.code) this.outside.push({ code: head.code, line });
      return undefined;
    }
    const title = restore(head.title.trim());
    const code = head.code ?? this.generateCode(sprint, number, title);
    const first = this.defined.get(code.toLowerCase());
    if (first) {
      if (written && title !== '' && title !== first.title) {
        this.result.warnings.push(`line ${line}: ${code} is already defined on line ${first.line} ("${first.title}"); this one adds nothing`);
      }
      return undefined;
    }
    this.defined.set(code.toLowerCase(), { line, title });
    const task: TaskInput = { code, title: title || code };
    const { estimate, priority, depends, status } = head.tail;
    if (head.tags.length) task.tags = head.tags.map(restore);
    if (estimate !== undefined) task.estimate = estimate;
    if (priority !== undefined) task.priority = priority;
    if (depends?.length) task.depends = unique(depends);
    if (status !== undefined) task.status = status;
    const owner = parent ?? (number?.includes('.') ? this.byNumber.get(`${sprint.input.code}:${number.replace(/\.\d+$/, '')}`) : undefined);
    if (owner) task.parent = owner.code;
    if (this.phase) {
      task.phase = this.phase.title;
      if (!owner) this.phase.tasks.push(task);
    }
    if (number !== undefined) this.byNumber.set(`${sprint.input.code}:${number}`, task);
    sprint.input.tasks.push(task);
    return task;
  }

  /** A stable code for a task written without one: the same file gives the same codes on every import. */
  private generateCode(sprint: OpenSprint, number: string | undefined, title: string): string {
    const base = `${sprint.input.code.slice(0, 20)}-${number ?? slugCode(title)}`.slice(0, 60);
    let code = base;
    for (let n = 2; this.defined.has(code.toLowerCase()) || !isCode(code); n++) code = `${base}-${n}`;
    this.result.generated_codes.push(code);
    return code;
  }

  private skipNode(node: RootContent | ListItem): void {
    const first = node.position?.start.line ?? 0;
    const text = this.source.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
    text.split('\n').forEach((t, i) => this.skip(first + i, t));
  }

  private skip(line: number, text: string): void {
    const shown = restore(text).trim();
    if (shown === '') return;
    this.result.lines_skipped += 1;
    this.result.skipped.push({ line, text: shown.length > 80 ? `${shown.slice(0, 79)}…` : shown });
  }

  private finish(): MarkdownPlan {
    const tasks = this.sprints.flatMap((s) => s.input.tasks);
    const find = (code: string) => tasks.find((t) => sameCode(t.code, code));
    for (const link of this.links) {
      const task = find(link.task);
      if (task) task.depends = unique([...(task.depends ?? []), link.after]);
      else this.result.warnings.push(`line ${link.line}: ${link.task} is not a task of this plan; its dependency on ${link.after} is left out`);
    }
    for (const { code, line } of this.outside) {
      if (!find(code)) this.result.warnings.push(`line ${line}: ${code} is not under a sprint heading; skipped`);
    }
    for (const sprint of this.sprints) this.result.estimates_guessed.push(...sharePhases(sprint.phases, this.options.hoursPerDay));
    for (const task of tasks) if (task.description !== undefined) task.description = restore(task.description.trim());
    return { plan: { sprints: this.sprints.map((s) => s.input) }, ...this.result };
  }
}

function describe(task: TaskInput, line: string): void {
  task.description = task.description === undefined ? line : `${task.description}\n${line}`;
}

function unique(codes: string[]): string[] {
  return codes.filter((code, i) => codes.findIndex((c) => sameCode(c, code)) === i);
}
