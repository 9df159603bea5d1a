import type { SprintStatus } from '../../domain/plan.js';
import type { PlanInput, SprintInput, TaskInput } from '../../domain/plan-input.js';
import type { Block, Item } from './blocks.js';
import { lineRanges } from '../line-ranges.js';
import { isClosedStatus } from '../plan.js';
import { isCode, isFileName, isSprintForm, slugCode } from './codes.js';
import { fileSprintCode, headingShape, namesNoGroup, NO_TRAITS, readsAsGroup, traitsOf, workFile, type HeadingShape, type Traits } from './headings.js';
import { restore } from './literal.js';
import { sharePhases, unique, type Group, type Phase } from './phases.js';
import { goalLine, isCodedItem, itemLine, itemShape, type ItemShape } from './shapes.js';
import { taskTable } from './tables.js';
import { pointsInHours, readDependencyLine, readField, readHead, type Head, type Link, type Tail } from './task-line.js';

/** An item that looks like work and was not made a task, and why: the line and a reason, never the text. */
export interface NotImported {
  line: number;
  reason: 'outside' | 'reference' | 'criteria' | 'untitled';
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

interface OpenSprint {
  input: SprintInput;
  depth: number;
  phases: Phase[];
  groups: Group[];
}

/** A heading's section, or a bold line's (half a level below the heading it sits under). */
interface Section {
  depth: number;
  line: number;
  traits: Traits;
  /** What the section's own lines hold, up to the next heading: codes, checkboxes. */
  evidence: Evidence;
  /** The last task made directly in this section: codeless checkboxes after a coded task are its criteria. */
  lastTask?: { task: TaskInput; coded: boolean };
}

interface Evidence {
  /** A list item or table row starts with a task code. */
  coded: boolean;
  /** Items say they are tasks themselves (codes, checkboxes): plain bullets beside them are notes. */
  explicit: boolean;
  /** How many items say so, and how many plain bullets stand beside them. */
  items: number;
  plain: number;
}

const SPRINT_STATUS: Partial<Record<string, SprintStatus>> = { completed: 'completed', cancelled: 'cancelled', in_progress: 'in_progress' };
const DEPENDS_PREFIX = '#';

/**
 * Walks the document's blocks in order, keeping where it stands (sprint,
 * phase, group, task heading, the sections and what each one's words and
 * lines say), and hands each block to the shape that reads it. A plan without
 * a sprint heading is one sprint named after the file. The walk and every
 * lookup in it cost the length of the plan, whatever its size.
 */
export function planFromBlocks(blocks: Block[], source: string, options: ReadOptions): MarkdownPlan {
  return new PlanWalk(blocks, source, options).run();
}

class PlanWalk {
  private readonly shapes = new Map<Block, HeadingShape>();
  private readonly sprintCodes = new Set<string>();
  private readonly sprints: OpenSprint[] = [];
  private sprint: OpenSprint | null = null;
  private fileSprint = false;
  private phase: (Phase & { depth: number }) | null = null;
  private group: (Group & { depth: number }) | null = null;
  private sections: Section[] = [];
  private taskHeads: { task: TaskInput; depth: number; coded: boolean }[] = [];
  /** The document's title (its only top-level heading, first): a section, never a task. */
  private title: Block | undefined;
  private readonly defined = new Map<string, { line: number; title: string; task: TaskInput }>();
  private readonly byNumber = new Map<string, TaskInput>();
  /** Coded items outside the plan's sprints: no warning when the code is defined elsewhere (a summary repeating it). */
  private readonly mentioned: (NotImported & { code: string })[] = [];
  private readonly links: (Link & { line: number })[] = [];
  private readonly lines: string[];
  private readonly evidence = new Map<Block | null, Evidence>();
  /** The shallowest sprint heading: a heading as high that holds work and is no sprint is made one. */
  private sprintDepth = Infinity;
  private readonly holds = new Map<Block, number>();
  /** Each top-level item read once, by the first pass and by the walk. */
  private readonly itemShapes = new Map<Item, ItemShape>();
  private readonly result: Omit<MarkdownPlan, 'plan'> = {
    warnings: [],
    not_imported: [],
    skipped: [],
    lines_skipped: 0,
    generated_codes: [],
    estimates_guessed: [],
    estimates_in_points: [],
    seen: { headings: 0, items: 0 },
  };

  constructor(
    private readonly blocks: Block[],
    source: string,
    private readonly options: ReadOptions,
  ) {
    this.lines = source.split('\n');
  }

  run(): MarkdownPlan {
    this.classify();
    const root: Section = { depth: 0, line: 0, traits: { ...NO_TRAITS, work: workFile(this.options.fileName) }, evidence: this.evidence.get(null)! };
    this.sections = [root];
    if (this.sprintCodes.size === 0) {
      const titleText = this.title ? this.headingText(this.title) : undefined;
      const titleCode = titleText === undefined ? undefined : readHead(titleText, { numbered: false }).code;
      const { code, title } = fileSprintCode(this.options.fileName, titleText === undefined ? undefined : { code: titleCode, text: restore(titleText) });
      this.openSprint({ kind: 'sprint', code, title, tail: {} }, 0, 0);
      this.fileSprint = true;
    }
    for (const block of this.blocks) this.block(block);
    return this.finish();
  }

  private headingText(block: Block): string {
    return block.type === 'heading' ? block.inline.text.trim() : '';
  }

  /**
   * One pass before the walk: what each heading is (a heading with a code is a
   * sprint when items with other codes follow it, so the items under each
   * heading are counted first), and what each section's own lines hold.
   */
  private classify(): void {
    const headings = this.blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading');
    if (headings[0]?.depth === 1 && headings.filter((h) => h.depth === 1).length === 1) this.title = headings[0];
    this.result.seen.headings = headings.length;
    // Coded items under each heading, to its end: a stack of open headings, each item counted once per open heading (six at most).
    const under = new Map<Block, number>();
    const open: { heading: Extract<Block, { type: 'heading' }>; code: string | undefined }[] = [];
    let evidence: Evidence = { coded: false, explicit: false, items: 0, plain: 0 };
    this.evidence.set(null, evidence);
    for (const block of this.blocks) {
      if (block.type === 'heading') {
        while (open.length && open.at(-1)!.heading.depth >= block.depth) open.pop();
        open.push({ heading: block, code: readHead(this.headingText(block), { numbered: false }).code?.toLowerCase() });
        under.set(block, 0);
        evidence = { coded: false, explicit: false, items: 0, plain: 0 };
        this.evidence.set(block, evidence);
        continue;
      }
      const codes = this.codesIn(block, evidence);
      for (const entry of open) {
        const others = codes.filter((c) => entry.code === undefined || !c.startsWith(entry.code)).length;
        under.set(entry.heading, under.get(entry.heading)! + others);
      }
    }
    for (const heading of headings) {
      const text = this.headingText(heading);
      const shape = heading === this.title ? this.titleShape(text) : headingShape(text, () => under.get(heading)! >= 2);
      this.shapes.set(heading, shape);
      if (shape.kind === 'sprint') {
        this.sprintCodes.add(shape.code.toLowerCase());
        this.sprintDepth = Math.min(this.sprintDepth, heading.depth);
      }
    }
    // The work each heading holds, down to the next sprint: a `## Backlog` beside the sprints is a sprint of its own.
    const stack: { heading: Block; work: boolean; sprint: boolean }[] = [];
    for (const heading of headings) {
      while (stack.length && (stack.at(-1)!.heading as Extract<Block, { type: 'heading' }>).depth >= heading.depth) stack.pop();
      const sprint = this.shapes.get(heading)!.kind === 'sprint';
      const work = traitsOf(this.headingText(heading), NO_TRAITS, false).work || (!sprint && stack.some((s) => s.work && !s.sprint));
      const { items, plain } = this.evidence.get(heading)!;
      const own = items + (work ? plain : 0);
      this.holds.set(heading, own);
      if (!sprint) {
        for (let i = stack.length - 1; i >= 0 && !stack[i]!.sprint; i--) this.holds.set(stack[i]!.heading, this.holds.get(stack[i]!.heading)! + own);
      }
      stack.push({ heading, work, sprint });
    }
  }

  /** A title is no task: only a sprint's name (`# Sprint 3: Parsing`) makes it more than a section. */
  private titleShape(text: string): HeadingShape {
    const shape = headingShape(text, () => false);
    return shape.kind === 'sprint' ? shape : { kind: 'section', title: text, estimate: undefined };
  }

  /** The codes of a block's top-level items (lowercase), marking the section's evidence. */
  private codesIn(block: Block, evidence: Evidence): string[] {
    if (block.type === 'list') {
      this.result.seen.items += countItems(block);
      const codes: string[] = [];
      for (const item of block.items) {
        const shape = this.shapeOf(item);
        const coded = isCodedItem(shape, new Set()) && !isSprintForm(shape.head.code!);
        if (shape.checked !== null || shape.labelled || coded) {
          evidence.explicit = true;
          evidence.items++;
        } else if (shape.head.title !== '') evidence.plain++;
        if (coded) {
          evidence.coded = true;
          codes.push(shape.head.code!.toLowerCase());
        }
      }
      return codes;
    }
    if (block.type === 'table') {
      const table = taskTable(block, false);
      const codes = (table?.rows ?? []).flatMap((row) => (row.code ? [row.code.toLowerCase()] : []));
      if (codes.length) evidence.coded = evidence.explicit = true;
      if (table?.evident) evidence.items += table.rows.length;
      return codes.slice(0, 2);
    }
    return [];
  }

  private get section(): Section {
    return this.sections.at(-1)!;
  }

  private block(block: Block): void {
    switch (block.type) {
      case 'heading':
        return this.heading(block, this.shapes.get(block)!);
      case 'paragraph':
        return this.paragraph(block);
      case 'list':
        for (const item of block.items) this.item(item);
        return;
      case 'table':
        return this.table(block);
      default:
      // Code fences, block quotes, HTML and rules are never plan.
    }
  }

  private heading(heading: Extract<Block, { type: 'heading' }>, shape: HeadingShape): void {
    const depth = heading.depth;
    const line = heading.line;
    const text = this.headingText(heading);
    while (this.sections.length > 1 && this.section.depth >= depth) this.sections.pop();
    while ((this.taskHeads.at(-1)?.depth ?? 0) >= depth) this.taskHeads.pop();
    if (this.group && this.group.depth >= depth) this.group = null;
    if (this.phase && this.phase.depth >= depth) {
      this.phase = null;
      this.group = null;
    }
    const structural = shape.kind === 'sprint' || shape.kind === 'phase' || shape.kind === 'task';
    const traits = traitsOf(text, this.section.traits, structural);
    // `### v1.0 ✅`, `### SPRINT-2: … [completed]`: what is closed with its sprint is closed unless its own box says otherwise.
    if (shape.kind === 'sprint' && (shape.tail.status !== undefined && isClosedStatus(shape.tail.status))) traits.status = shape.tail.status;
    if (shape.kind === 'dependencies') traits.dependencies = true;
    const evidence = this.evidence.get(heading)!;
    const owner = this.taskHeads.at(-1)?.task;
    this.sections.push({ depth, line, traits, evidence });
    if (owner && shape.kind !== 'task') return describe(owner, text);
    if (!this.fileSprint && this.sprint && this.sprint.depth >= depth && shape.kind !== 'sprint') {
      // A heading at the sprint's level or above that is no sprint ends it ("## Notes").
      this.sprint = null;
      this.phase = null;
      this.group = null;
    }
    if (!this.sprint && depth <= this.sprintDepth && heading !== this.title && (shape.kind === 'section' || shape.kind === 'dependencies') && !traits.reference && !traits.criteria && (this.holds.get(heading) ?? 0) > 0) {
      // `## Backlog`, `## Icebox` beside `## Sprint 1`: its tasks are a sprint of their own, named after it.
      return this.openSprint({ kind: 'sprint', code: slugCode(text), title: restore(text), tail: {} }, depth, line);
    }
    switch (shape.kind) {
      case 'sprint':
        return this.openSprint(shape, depth, line);
      case 'task': {
        const task = this.addTask(shape.head, line, owner, shape.head.number, shape.head.code !== undefined, traits);
        if (task) this.taskHeads.push({ task, depth, coded: shape.head.code !== undefined });
        return;
      }
      case 'phase':
        if (this.sprint) this.openPhase(shape, depth);
        return;
      case 'section':
        if (heading !== this.title && this.sprint && !traits.reference && !traits.criteria && !traits.dependencies && !namesNoGroup(text)) this.openGroup(shape.title, shape.estimate, depth);
        return;
      default:
    }
  }

  private openSprint(shape: Extract<HeadingShape, { kind: 'sprint' }>, depth: number, line: number): void {
    this.phase = null;
    this.group = null;
    this.taskHeads = [];
    const existing = this.sprints.find((s) => s.input.code.toLowerCase() === shape.code.toLowerCase());
    if (existing) {
      this.result.warnings.push(`line ${line}: sprint ${shape.code} appears again; its tasks join the first`);
      this.sprint = { ...existing, depth };
      return;
    }
    const input: SprintInput = { code: shape.code, title: restore(shape.title) || shape.code, tasks: [] };
    if (shape.tail.estimate !== undefined) input.estimate = this.estimate(shape.tail.estimate);
    const status = SPRINT_STATUS[shape.tail.status ?? this.section.traits.status ?? ''];
    if (status) input.status = status;
    this.sprint = { input, depth, phases: [], groups: [] };
    this.sprints.push(this.sprint);
  }

  private openPhase(shape: Extract<HeadingShape, { kind: 'phase' }>, depth: number): void {
    this.phase = { title: restore(shape.title), estimate: shape.estimate, order: shape.order, tasks: [], depth };
    this.group = null;
    this.sprint!.phases.push(this.phase);
  }

  private openGroup(title: string, estimate: string | undefined, depth: number): void {
    this.group = { title: restore(title), estimate, tasks: [], depth };
    this.sprint!.groups.push(this.group);
  }

  private paragraph(paragraph: Extract<Block, { type: 'paragraph' }>): void {
    const lines = paragraph.inline.text.split('\n');
    const owner = this.taskHeads.at(-1)?.task;
    const first = paragraph.line;
    if (owner) return lines.forEach((text, i) => this.detail(owner, text, first + i));
    if (this.section.traits.dependencies) return lines.forEach((text, i) => this.dependencyLine(text, first + i));
    const bold = paragraph.inline.bold;
    if (bold !== undefined && this.boldHeading(bold, first)) return;
    if (this.sprint) {
      const goal = lines.length === 1 ? goalLine(lines[0]!) : undefined;
      if (goal !== undefined && this.sprint.input.goal === undefined) {
        this.sprint.input.goal = restore(goal.trim());
        return;
      }
    }
    lines.forEach((_, i) => this.skip(first + i));
  }

  /**
   * A bold line standing for a heading, half a level below the heading it is
   * under: `**Phase 1: Core (4-5h)**` a phase, `**Planned Features:**` a group,
   * `**Notes**` a section of notes. Returns false for bold text that is none.
   */
  private boldHeading(text: string, line: number): boolean {
    const base = this.sections.findLast((s) => Number.isInteger(s.depth)) ?? this.sections[0]!;
    const depth = base.depth + 0.5;
    const shape = headingShape(text, () => false);
    if (shape.kind === 'task' || shape.kind === 'sprint') return false;
    while (this.sections.length > 1 && this.section.depth >= depth) this.sections.pop();
    if (this.group && this.group.depth >= depth) this.group = null;
    const traits = traitsOf(text, this.section.traits, shape.kind === 'phase');
    if (shape.kind === 'dependencies') traits.dependencies = true;
    this.sections.push({ depth, line, traits, evidence: base.evidence });
    if (!this.sprint) return true;
    if (shape.kind === 'phase') this.openPhase(shape, depth);
    // A short label (`**Planned Features:**`) groups what follows; an emphasised sentence does not.
    // Counted as written: an escaped character (`&#45;`) is still the one character it stands for.
    else if (shape.kind === 'section' && readsAsGroup(restore(text), traits) && !namesNoGroup(text)) this.openGroup(shape.title, shape.estimate, depth);
    return true;
  }

  private shapeOf(item: Item): ItemShape {
    let shape = this.itemShapes.get(item);
    if (!shape) this.itemShapes.set(item, (shape = itemShape(item)));
    return shape;
  }

  private item(item: Item): void {
    const shape = this.shapeOf(item);
    const section = this.section;
    const owner = this.taskHeads.at(-1);
    if (section.traits.dependencies) {
      // A dependencies section reads `T014 blocks T022`; an item that is no such line is read as any other.
      const links = readDependencyLine(itemLine(item).slice(2).replace(/^\[.\]\s*/, ''));
      if (links) {
        this.links.push(...links.map((l) => ({ ...l, line: shape.line })));
        return;
      }
    }
    if (owner) {
      // Under a task heading only coded items are tasks (subtasks); a checklist there is its criteria.
      if (isCodedItem(shape, this.sprintCodes)) this.itemTask(shape, owner.task);
      else this.itemDetail(owner.task, item, shape);
      return;
    }
    // `requirements.txt` in a list of files names a file, not work.
    const looksLikeWork = shape.checked !== null || shape.labelled || (isCodedItem(shape, this.sprintCodes) && !isFileName(shape.head.code!));
    const heading = this.sections.findLast((s) => s.line > 0 && (s.traits.reference || s.traits.criteria))?.line;
    if (!this.sprint || section.traits.reference || section.traits.criteria) {
      const reason = section.traits.criteria ? 'criteria' : section.traits.reference ? 'reference' : 'outside';
      if (looksLikeWork) this.notImported(shape, reason, heading);
      else this.skipItem(item);
      return;
    }
    if (isCodedItem(shape, this.sprintCodes) || shape.labelled) return this.topTask(shape, section);
    if (shape.checked !== null) {
      const last = section.lastTask;
      // Where the section's tasks carry codes, a checkbox without one is a criterion of the task above it.
      if (section.evidence.coded && last?.coded) return describe(last.task, itemLine(item));
      if (shape.head.title !== '' || shape.head.code !== undefined) return this.topTask(shape, section);
    }
    if (shape.checked === null && section.traits.work && !section.evidence.explicit && shape.head.title !== '') return this.topTask(shape, section);
    if (looksLikeWork && shape.head.title === '' && shape.head.code === undefined) this.notImported(shape, 'untitled');
    else this.skipItem(item);
  }

  private topTask(shape: ItemShape, section: Section): void {
    const task = this.itemTask(shape, undefined);
    if (task) section.lastTask = { task, coded: shape.head.code !== undefined };
  }

  private notImported(shape: ItemShape, reason: NotImported['reason'], heading?: number): void {
    const entry: NotImported = { line: shape.line, reason, ...(heading !== undefined && reason !== 'outside' ? { heading } : {}) };
    if (isCodedItem(shape, this.sprintCodes) && shape.checked === null) this.mentioned.push({ ...entry, code: shape.head.code! });
    else this.result.not_imported.push(entry);
  }

  /** A list item that is a task: its nested items are subtasks when they are tasks, else its description. */
  private itemTask(shape: ItemShape, parent: TaskInput | undefined): TaskInput | undefined {
    const tail: Tail = { ...shape.head.tail };
    if (shape.checked === true && tail.status === undefined) tail.status = 'completed';
    if (shape.mark && tail.status === undefined) tail.status = shape.mark;
    // `- [ ]` under `## Done` is still to do: the box says more than the heading. Under `## In Progress` or
    // `## Blocked`, an open box is what such work has, and the heading says how it stands.
    const closedSection = this.section.traits.status !== undefined && isClosedStatus(this.section.traits.status);
    if (shape.checked === false && !shape.mark && tail.status === undefined && closedSection) tail.status = 'pending';
    const tags = shape.optional ? [...shape.head.tags, 'optional'] : shape.head.tags;
    const coded = shape.head.code !== undefined;
    const task = this.addTask({ ...shape.head, tags, tail }, shape.line, parent, shape.head.number, coded, this.section.traits);
    if (!task) {
      // A task repeated (a summary listing it again) adds nothing: its lines are passed over like prose.
      this.skipLines(shape.line, shape.end);
      return undefined;
    }
    shape.moreLines.forEach((text, i) => this.detail(task, text, shape.line + i + 1));
    if (tail.aside) describe(task, tail.aside);
    for (const block of shape.rest) {
      if (block.type === 'paragraph') {
        block.inline.text.split('\n').forEach((text, i) => this.detail(task, text, block.line + i));
      } else if (block.type === 'list') {
        for (const child of block.items) {
          const childShape = itemShape(child);
          const subtask = isCodedItem(childShape, this.sprintCodes) || childShape.labelled || (childShape.checked !== null && !coded && childShape.head.title !== '');
          if (subtask) this.itemTask(childShape, task);
          else this.itemDetail(task, child, childShape);
        }
      }
    }
    return task;
  }

  /** A non-task item under a task: a field line (`Estimate: 2h`), else a line of its description. */
  private itemDetail(task: TaskInput, item: Item, shape: ItemShape): void {
    const line = itemLine(item);
    const field = shape.checked === null && shape.moreLines.length === 0 ? readField(line.slice(2)) : undefined;
    if (field) return this.detail(task, line.slice(2), shape.line);
    describe(task, line);
    const nested = (blocks: Block[], pad: string): void => {
      for (const block of blocks) {
        if (block.type !== 'list') continue;
        for (const child of block.items) {
          describe(task, `${pad}${itemLine(child)}`);
          nested(child.blocks, `${pad}  `);
        }
      }
    };
    nested(item.blocks, '  ');
  }

  /** A line under a task: a field (`**Estimated Effort:** 1-2 hours`, `Blocks: T-5`), else description. */
  private detail(task: TaskInput, text: string, line: number): void {
    const field = readField(text);
    if (!field) return describe(task, text);
    switch (field.kind) {
      case 'estimate':
        task.estimate ??= this.estimate(field.value, task.code);
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
    else this.skip(line);
  }

  private table(table: Extract<Block, { type: 'table' }>): void {
    const section = this.section;
    const found = taskTable(table, section.traits.work);
    if (!found) return this.skipLines(table.line, (table.rows.at(-1)?.line ?? table.line) + 1);
    const heading = this.sections.findLast((s) => s.line > 0 && (s.traits.reference || s.traits.criteria))?.line;
    const refused = section.traits.criteria ? 'criteria' : section.traits.reference ? 'reference' : !this.sprint ? 'outside' : undefined;
    for (const row of found.rows) {
      if (refused) {
        // A table of counts under a summary is no work; a row with a code that the plan defines nowhere is.
        if (row.code === undefined && (refused !== 'outside' || !found.evident)) this.skip(row.line);
        else if (row.code !== undefined) this.mentioned.push({ line: row.line, reason: refused, code: row.code, ...(heading !== undefined && refused !== 'outside' ? { heading } : {}) });
        else this.result.not_imported.push({ line: row.line, reason: refused });
      } else if (row.title === '' && row.code === undefined) {
        this.skip(row.line);
      } else {
        const task = this.addTask({ code: row.code, tags: [], title: row.title, tail: row.tail }, row.line, undefined, row.number, row.code !== undefined, section.traits);
        if (task) section.lastTask = { task, coded: row.code !== undefined };
      }
    }
  }

  /**
   * Adds a task to the current sprint, or says why not: a code already defined adds
   * nothing (a summary repeating it), and a different definition is warned about.
   */
  private addTask(head: Omit<Head, 'code'> & { code?: string | undefined }, line: number, parent: TaskInput | undefined, number: string | undefined, written: boolean, traits: Traits): TaskInput | undefined {
    const sprint = this.sprint!;
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
    if (this.phase) task.phase = this.phase.title;
    if (this.group) task.group = this.group.title;
    if (!owner) {
      this.phase?.tasks.push(task);
      this.group?.tasks.push(task);
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
  private estimate(text: string, code?: string): string {
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

  private skipItem(item: Item): void {
    this.skipLines(item.line, item.end);
  }

  private skipLines(from: number, to: number): void {
    for (let line = from; line < to; line++) this.skip(line);
  }

  private skip(line: number): void {
    const shown = (this.lines[line - 1] ?? '').trim();
    if (shown === '') return;
    this.result.lines_skipped += 1;
    this.result.skipped.push({ line, text: shown.length > 80 ? `${shown.slice(0, 79)}…` : shown });
  }

  private finish(): MarkdownPlan {
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
      if (!find(item.code) && !this.sprintCodes.has(item.code.toLowerCase())) this.result.not_imported.push({ line: item.line, reason: item.reason, ...(item.heading ? { heading: item.heading } : {}) });
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
    const title = this.title ? restore(this.headingText(this.title)) : undefined;
    return { plan: { sprints: this.sprints.map((s) => s.input) }, ...this.result, ...(title ? { title } : {}) };
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

function countItems(list: Extract<Block, { type: 'list' }>): number {
  return list.items.reduce((n, item) => n + 1 + item.blocks.reduce((m, b) => m + (b.type === 'list' ? countItems(b) : 0), 0), 0);
}

function describe(task: TaskInput, line: string): void {
  task.description = task.description === undefined ? line : `${task.description}\n${line}`;
}
