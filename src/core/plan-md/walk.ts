import type { TaskInput } from '../../domain/plan-input.js';
import type { Block, Item } from './blocks.js';
import { isClosedStatus } from '../plan.js';
import { slugCode } from './codes.js';
import { fileSprintCode, headingShape, namesNoGroup, NO_TRAITS, readsAsGroup, sectionTraits, workFile, type HeadingShape, type Traits } from './headings.js';
import { explicitItem, labelLine, listEvidence } from './label-lines.js';
import { restore } from './literal.js';
import { headingText, outline, type Evidence, type Outline } from './outline.js';
import type { Group, Phase } from './phases.js';
import { PlanRecord, type MarkdownPlan, type NotImported, type OpenSprint, type Place, type ReadOptions } from './plan-record.js';
import { aboutFile, goalLine, isCodedItem, itemLine, itemShape, type ItemShape } from './shapes.js';
import { tableTasks, type Refusal } from './table-tasks.js';
import { describe, detail, itemDetail, itemTask, type ItemContext } from './task-items.js';
import { readDependencyLine } from './field-line.js';
import { readHead } from './task-line.js';

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
  private readonly outline: Outline;
  private readonly record: PlanRecord;
  private sprint: OpenSprint | null = null;
  private fileSprint = false;
  private phase: (Phase & { depth: number }) | null = null;
  private group: (Group & { depth: number }) | null = null;
  private sections: Section[] = [];
  private taskHeads: { task: TaskInput; depth: number; coded: boolean }[] = [];
  /** Each top-level item read once, by the outline and by the walk. */
  private readonly itemShapes = new Map<Item, ItemShape>();
  /** The block after the one being read: a plain line followed by a list may head it. */
  private next: Block | undefined;

  constructor(
    private readonly blocks: Block[],
    source: string,
    private readonly options: ReadOptions,
  ) {
    this.record = new PlanRecord(source, options);
    this.outline = outline(blocks, (item) => this.shapeOf(item));
  }

  run(): MarkdownPlan {
    const root: Section = { depth: 0, line: 0, traits: { ...NO_TRAITS, work: workFile(this.options.fileName) }, evidence: this.outline.evidence.get(null)! };
    this.sections = [root];
    if (this.outline.sprintCodes.size === 0) {
      const titleText = this.outline.title ? headingText(this.outline.title) : undefined;
      const titleCode = titleText === undefined ? undefined : readHead(titleText, { numbered: false }).code;
      const { code, title } = fileSprintCode(this.options.fileName, titleText === undefined ? undefined : { code: titleCode, text: restore(titleText) });
      this.openSprint({ kind: 'sprint', code, title, tail: {} }, 0, 0);
      this.fileSprint = true;
    }
    this.blocks.forEach((block, i) => {
      this.next = this.blocks[i + 1];
      this.block(block);
    });
    return this.record.finish(this.outline);
  }

  /** Where a task made now goes. */
  private get place(): Place {
    return { sprint: this.sprint!, phase: this.phase, group: this.group };
  }

  /** What a task item read now is read in. */
  private get here(): ItemContext {
    return { record: this.record, place: this.place, traits: this.section.traits, sprintCodes: this.outline.sprintCodes };
  }

  private get section(): Section {
    return this.sections.at(-1)!;
  }

  private block(block: Block): void {
    switch (block.type) {
      case 'heading':
        return this.heading(block, this.outline.shapes.get(block)!);
      case 'paragraph':
        return this.paragraph(block);
      case 'list': {
        // Plain bullets in one list with checklist items are the same list of work, their boxes left off.
        const beside = block.items.some((item) => this.shapeOf(item).checked !== null);
        for (const item of block.items) this.item(item, beside);
        return;
      }
      case 'table':
        return this.table(block);
      default:
      // Code fences, block quotes, HTML and rules are never plan.
    }
  }

  private heading(heading: Extract<Block, { type: 'heading' }>, shape: HeadingShape): void {
    const depth = heading.depth;
    const line = heading.line;
    const text = headingText(heading);
    while (this.sections.length > 1 && this.section.depth >= depth) this.sections.pop();
    while ((this.taskHeads.at(-1)?.depth ?? 0) >= depth) this.taskHeads.pop();
    if (this.group && this.group.depth >= depth) this.group = null;
    if (this.phase && this.phase.depth >= depth) {
      this.phase = null;
      this.group = null;
    }
    const structural = shape.kind === 'sprint' || shape.kind === 'phase' || shape.kind === 'task';
    const traits = sectionTraits(text, this.section.traits, shape, structural);
    // `### v1.0 ✅`, `### SPRINT-2: … [completed]`: what is closed with its sprint is closed unless its own box says otherwise.
    if (shape.kind === 'sprint' && (shape.tail.status !== undefined && isClosedStatus(shape.tail.status))) traits.status = shape.tail.status;
    const evidence = this.outline.evidence.get(heading)!;
    const owner = this.taskHeads.at(-1)?.task;
    this.sections.push({ depth, line, traits, evidence });
    if (owner && shape.kind !== 'task') return describe(owner, text);
    if (!this.fileSprint && this.sprint && this.sprint.depth >= depth && shape.kind !== 'sprint') {
      // A heading at the sprint's level or above that is no sprint ends it ("## Notes").
      this.sprint = null;
      this.phase = null;
      this.group = null;
    }
    if (!this.sprint && depth <= this.outline.sprintDepth && heading !== this.outline.title && (shape.kind === 'section' || shape.kind === 'dependencies') && !traits.reference && !traits.criteria && (this.outline.holds.get(heading) ?? 0) > 0) {
      // `## Backlog`, `## Icebox` beside `## Sprint 1`: its tasks are a sprint of their own, named after it.
      return this.openSprint({ kind: 'sprint', code: slugCode(text), title: restore(text), tail: {} }, depth, line);
    }
    switch (shape.kind) {
      case 'sprint':
        return this.openSprint(shape, depth, line);
      case 'task': {
        const task = this.record.addTask(this.place, shape.head, line, owner, shape.head.number, shape.head.code !== undefined, traits);
        if (task) this.taskHeads.push({ task, depth, coded: shape.head.code !== undefined });
        return;
      }
      case 'phase':
        if (this.sprint) this.openPhase(shape, depth);
        return;
      case 'section':
        if (heading !== this.outline.title && this.sprint && !traits.reference && !traits.criteria && !traits.dependencies && !namesNoGroup(text)) this.openGroup(shape.title, shape.estimate, depth);
        return;
      default:
    }
  }

  private openSprint(shape: Extract<HeadingShape, { kind: 'sprint' }>, depth: number, line: number): void {
    this.phase = null;
    this.group = null;
    this.taskHeads = [];
    this.sprint = this.record.openSprint(shape, depth, line, this.section.traits.status);
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
    if (owner) return lines.forEach((text, i) => detail(this.record, owner, text, first + i));
    if (this.section.traits.dependencies) return lines.forEach((text, i) => this.dependencyLine(text, first + i));
    const bold = paragraph.inline.bold;
    if (bold !== undefined && this.boldHeading(bold, first)) return;
    if (lines.length === 1 && this.next?.type === 'list' && this.sprint && labelLine(lines[0]!.trim(), this.section.traits)) {
      this.boldHeading(lines[0]!.trim(), first, listEvidence(this.next, (item) => this.shapeOf(item), this.outline.sprintCodes));
      return;
    }
    if (this.sprint) {
      const goal = lines.length === 1 ? goalLine(lines[0]!) : undefined;
      if (goal !== undefined && this.sprint.input.goal === undefined) {
        this.sprint.input.goal = restore(goal.trim());
        return;
      }
    }
    lines.forEach((_, i) => this.record.skip(first + i));
  }

  /**
   * A bold line standing for a heading, half a level below the heading it is
   * under: `**Phase 1: Core (4-5h)**` a phase, `**Planned Features:**` a group,
   * `**Notes**` a section of notes. Returns false for bold text that is none.
   */
  private boldHeading(text: string, line: number, evidence?: Evidence): boolean {
    const base = this.sections.findLast((s) => Number.isInteger(s.depth)) ?? this.sections[0]!;
    const depth = base.depth + 0.5;
    const shape = headingShape(text, () => false);
    if (shape.kind === 'task' || shape.kind === 'sprint') return false;
    while (this.sections.length > 1 && this.section.depth >= depth) this.sections.pop();
    if (this.group && this.group.depth >= depth) this.group = null;
    const traits = sectionTraits(text, this.section.traits, shape, shape.kind === 'phase');
    this.sections.push({ depth, line, traits, evidence: evidence ?? base.evidence });
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

  private item(item: Item, beside: boolean): void {
    const shape = this.shapeOf(item);
    const section = this.section;
    const owner = this.taskHeads.at(-1);
    if (section.traits.dependencies) {
      // A dependencies section reads `T014 blocks T022`; an item that is no such line is read as any other.
      const links = readDependencyLine(itemLine(item).slice(2).replace(/^\[.\]\s*/, ''));
      if (links) {
        this.record.links.push(...links.map((l) => ({ ...l, line: shape.line })));
        return;
      }
    }
    if (owner) {
      // Under a task heading only coded items are tasks (subtasks); a checklist there is its criteria.
      if (isCodedItem(shape, this.outline.sprintCodes)) itemTask(this.here, shape, owner.task);
      else itemDetail(this.record, owner.task, item, shape);
      return;
    }
    const looksLikeWork = explicitItem(shape, this.outline.sprintCodes);
    const refusal = this.refusal;
    if (refusal) {
      if (looksLikeWork) this.notImported(shape, refusal.reason, refusal.heading);
      else this.record.skipItem(item);
      return;
    }
    if (isCodedItem(shape, this.outline.sprintCodes) || shape.labelled) return this.topTask(shape, section);
    if (shape.checked !== null) {
      const last = section.lastTask;
      // Where the section's tasks carry codes, a checkbox without one is a criterion of the task above it.
      if (section.evidence.coded && last?.coded) return describe(last.task, itemLine(item));
      if (shape.head.title !== '' || shape.head.code !== undefined) return this.topTask(shape, section);
    }
    const plain = shape.checked === null && shape.head.title !== '' && !aboutFile(shape);
    if (plain && section.traits.work && (beside || !section.evidence.explicit)) return this.topTask(shape, section);
    if (looksLikeWork && shape.head.title === '' && shape.head.code === undefined) this.notImported(shape, 'untitled');
    // A plain bullet in a section of work whose tasks say so themselves (boxes, codes) and it does not: notes or
    // tasks, the reader cannot tell, so the author is told.
    else if (plain && section.traits.work) this.notImported(shape, 'plain');
    else this.record.skipItem(item);
  }

  private topTask(shape: ItemShape, section: Section): void {
    const task = itemTask(this.here, shape, undefined);
    if (task) section.lastTask = { task, coded: shape.head.code !== undefined };
  }

  private notImported(shape: ItemShape, reason: NotImported['reason'], heading?: number): void {
    const mention = isCodedItem(shape, this.outline.sprintCodes) && shape.checked === null;
    this.record.notImported(shape.line, reason, heading, mention ? shape.head.code! : undefined);
  }

  private dependencyLine(text: string, line: number): void {
    const links = readDependencyLine(text);
    if (links) this.record.links.push(...links.map((l) => ({ ...l, line })));
    else this.record.skip(line);
  }

  private table(table: Extract<Block, { type: 'table' }>): void {
    const section = this.section;
    const last = tableTasks(table, this.here, this.refusal);
    if (last) section.lastTask = last;
  }

  /** Why what looks like work here is not imported (no sprint, notes, criteria), with the nearest heading that says so. */
  private get refusal(): Refusal | undefined {
    const traits = this.section.traits;
    const reason = traits.criteria ? 'criteria' : traits.reference ? 'reference' : !this.sprint ? 'outside' : undefined;
    return reason && { reason, heading: this.sections.findLast((s) => s.line > 0 && (s.traits.reference || s.traits.criteria))?.line };
  }
}

