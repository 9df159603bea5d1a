import type { Block, Item } from './blocks.js';
import { isSprintForm } from './codes.js';
import { headingShape, NO_TRAITS, traitsOf, type HeadingShape } from './headings.js';
import { isCodedItem, type ItemShape } from './shapes.js';
import { taskTable } from './tables.js';
import { readHead } from './task-line.js';

/** What a section's own lines hold, up to the next heading. */
export interface Evidence {
  /** A list item or table row starts with a task code. */
  coded: boolean;
  /** Items say they are tasks themselves (codes, checkboxes): plain bullets beside them are notes. */
  explicit: boolean;
  /** How many items say so, and how many plain bullets stand beside them. */
  items: number;
  plain: number;
}

/** What the pass before the walk learns of the whole document. */
export interface Outline {
  /** The document's title (its only top-level heading, first): a section, never a task. */
  title: Block | undefined;
  /** What each heading is. */
  shapes: Map<Block, HeadingShape>;
  sprintCodes: Set<string>;
  /** The shallowest sprint heading: a heading as high that holds work and is no sprint is made one. */
  sprintDepth: number;
  /** The work items each heading holds, down to the next sprint. */
  holds: Map<Block, number>;
  /** Each section's evidence, by its heading; the lines before the first heading under null. */
  evidence: Map<Block | null, Evidence>;
  seen: { headings: number; items: number };
}

export const headingText = (block: Block): string => (block.type === 'heading' ? block.inline.text.trim() : '');

/**
 * One pass before the walk: what each heading is (a heading with a code is a
 * sprint when items with other codes follow it, so the items under each
 * heading are counted first), and what each section's own lines hold.
 * `shapeOf` reads each top-level item once, for this pass and the walk.
 */
export function outline(blocks: Block[], shapeOf: (item: Item) => ItemShape): Outline {
  const headings = blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading');
  const title = headings[0]?.depth === 1 && headings.filter((h) => h.depth === 1).length === 1 ? headings[0] : undefined;
  const found: Outline = { title, shapes: new Map(), sprintCodes: new Set(), sprintDepth: Infinity, holds: new Map(), evidence: new Map(), seen: { headings: headings.length, items: 0 } };
  // Coded items under each heading, to its end: a stack of open headings, each item counted once per open heading (six at most).
  const under = new Map<Block, number>();
  const open: { heading: Extract<Block, { type: 'heading' }>; code: string | undefined }[] = [];
  let evidence: Evidence = { coded: false, explicit: false, items: 0, plain: 0 };
  found.evidence.set(null, evidence);
  for (const block of blocks) {
    if (block.type === 'heading') {
      while (open.length && open.at(-1)!.heading.depth >= block.depth) open.pop();
      open.push({ heading: block, code: readHead(headingText(block), { numbered: false }).code?.toLowerCase() });
      under.set(block, 0);
      evidence = { coded: false, explicit: false, items: 0, plain: 0 };
      found.evidence.set(block, evidence);
      continue;
    }
    const codes = codesIn(block, evidence, shapeOf, found.seen);
    for (const entry of open) {
      const others = codes.filter((c) => entry.code === undefined || !c.startsWith(entry.code)).length;
      under.set(entry.heading, under.get(entry.heading)! + others);
    }
  }
  for (const heading of headings) {
    const text = headingText(heading);
    const shape = heading === title ? titleShape(text) : headingShape(text, () => under.get(heading)! >= 2);
    found.shapes.set(heading, shape);
    if (shape.kind === 'sprint') {
      found.sprintCodes.add(shape.code.toLowerCase());
      found.sprintDepth = Math.min(found.sprintDepth, heading.depth);
    }
  }
  // The work each heading holds, down to the next sprint: a `## Backlog` beside the sprints is a sprint of its own.
  const stack: { heading: Block; work: boolean; sprint: boolean }[] = [];
  for (const heading of headings) {
    while (stack.length && (stack.at(-1)!.heading as Extract<Block, { type: 'heading' }>).depth >= heading.depth) stack.pop();
    const sprint = found.shapes.get(heading)!.kind === 'sprint';
    const work = traitsOf(headingText(heading), NO_TRAITS, false).work || (!sprint && stack.some((s) => s.work && !s.sprint));
    const { items, plain } = found.evidence.get(heading)!;
    const own = items + (work ? plain : 0);
    found.holds.set(heading, own);
    if (!sprint) {
      for (let i = stack.length - 1; i >= 0 && !stack[i]!.sprint; i--) found.holds.set(stack[i]!.heading, found.holds.get(stack[i]!.heading)! + own);
    }
    stack.push({ heading, work, sprint });
  }
  return found;
}

/** A title is no task: only a sprint's name (`# Sprint 3: Parsing`) makes it more than a section. */
function titleShape(text: string): HeadingShape {
  const shape = headingShape(text, () => false);
  return shape.kind === 'sprint' ? shape : { kind: 'section', title: text, estimate: undefined };
}

/** The codes of a block's top-level items (lowercase), marking the section's evidence. */
function codesIn(block: Block, evidence: Evidence, shapeOf: (item: Item) => ItemShape, seen: Outline['seen']): string[] {
  if (block.type === 'list') {
    seen.items += countItems(block);
    const codes: string[] = [];
    for (const item of block.items) {
      const shape = shapeOf(item);
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

function countItems(list: Extract<Block, { type: 'list' }>): number {
  return list.items.reduce((n, item) => n + 1 + item.blocks.reduce((m, b) => m + (b.type === 'list' ? countItems(b) : 0), 0), 0);
}
