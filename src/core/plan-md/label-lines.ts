import type { Block, Item } from './blocks.js';
import { isFileName } from './codes.js';
import { headingShape, NO_TRAITS, traitsOf, wordsOf, type Traits } from './headings.js';
import type { Evidence } from './outline.js';
import { isCodedItem, type ItemShape } from './shapes.js';

/*
 * A plain line over a list that heads it as a heading would, and what such a
 * list holds: decided from the text and the traits alone, so the walk only
 * asks.
 */

/** `Epic 2: Payments`, `Epic: Checkout`: a plain line naming an epic, as `## Epic 2: Payments` does. */
const EPIC_LINE = /^epic\s*#?[\w.]*\s*[:–—-]/i;

/**
 * A plain line, followed by a list, that heads it as a heading would
 * (`Epic 2: Payments`, `Phase 2: Polish`, `Backlog:`) inside a section of work:
 * its words say the items under it are work, so it is read as a bold line is.
 * Only asked where a sprint is open.
 */
export function labelLine(text: string, traits: Traits): boolean {
  if (!traits.work || traits.reference || traits.criteria || traits.dependencies) return false;
  if (!/^\S+(?: \S+){0,5}$/.test(wordsOf(text))) return false;
  const shape = headingShape(text, () => false);
  if (shape.kind === 'phase' || EPIC_LINE.test(text)) return true;
  if (shape.kind !== 'section' || !/:\s*$/.test(text)) return false;
  const own = traitsOf(text, NO_TRAITS, false);
  return (own.work || own.status !== undefined || own.priority !== undefined) && !own.reference && !own.criteria;
}

/** What a list headed by a plain line holds: its items decide for themselves whether plain bullets beside them are tasks. */
export function listEvidence(list: Extract<Block, { type: 'list' }>, shapeOf: (item: Item) => ItemShape, sprintCodes: Set<string>): Evidence {
  const evidence: Evidence = { coded: false, explicit: false, items: 0, plain: 0 };
  for (const item of list.items) {
    const shape = shapeOf(item);
    if (explicitItem(shape, sprintCodes)) {
      evidence.explicit = true;
      evidence.items++;
    } else if (shape.head.title !== '') evidence.plain++;
    if (isCodedItem(shape, sprintCodes)) evidence.coded = true;
  }
  return evidence;
}

/** An item that says it is a task itself: a checkbox, a label, a code. `requirements.txt` in a list of files names a file, not work. */
export function explicitItem(shape: ItemShape, sprintCodes: Set<string>): boolean {
  return shape.checked !== null || shape.labelled || (isCodedItem(shape, sprintCodes) && !isFileName(shape.head.code!));
}
