import type { TaskInput } from '../../domain/plan-input.js';
import { isClosedStatus } from '../plan.js';
import type { Block, Item } from './blocks.js';
import type { Traits } from './headings.js';
import { unique } from './phases.js';
import type { PlanRecord, Place } from './plan-record.js';
import { isCodedItem, itemLine, itemShape, type ItemShape } from './shapes.js';
import { readField } from './field-line.js';
import type { Tail } from './task-line.js';

/*
 * A task's own lines: a list item that is a task, its nested items
 * (subtasks, or its description), and the fields written under it.
 */

/** Where a task item is read: the record it goes into, where the walk stands, its section's traits, the plan's sprint codes. */
export interface ItemContext {
  record: PlanRecord;
  place: Place;
  traits: Traits;
  sprintCodes: Set<string>;
}

/** A list item that is a task: its nested items are subtasks when they are tasks, else its description. */
export function itemTask(at: ItemContext, shape: ItemShape, parent: TaskInput | undefined): TaskInput | undefined {
  const tail: Tail = { ...shape.head.tail };
  if (shape.checked === true && tail.status === undefined) tail.status = 'completed';
  if (shape.mark && tail.status === undefined) tail.status = shape.mark;
  // `- [ ]` under `## Done` is still to do: the box says more than the heading. Under `## In Progress` or
  // `## Blocked`, an open box is what such work has, and the heading says how it stands.
  const closedSection = at.traits.status !== undefined && isClosedStatus(at.traits.status);
  if (shape.checked === false && !shape.mark && tail.status === undefined && closedSection) tail.status = 'pending';
  const tags = shape.optional ? [...shape.head.tags, 'optional'] : shape.head.tags;
  const coded = shape.head.code !== undefined;
  const task = at.record.addTask(at.place, { ...shape.head, tags, tail }, shape.line, parent, shape.head.number, coded, at.traits);
  if (!task) {
    // A task repeated (a summary listing it again) adds nothing: its lines are passed over like prose.
    at.record.skipLines(shape.line, shape.end);
    return undefined;
  }
  shape.moreLines.forEach((text, i) => detail(at.record, task, text, shape.line + i + 1));
  if (tail.aside) describe(task, tail.aside);
  for (const block of shape.rest) {
    if (block.type === 'paragraph') {
      block.inline.text.split('\n').forEach((text, i) => detail(at.record, task, text, block.line + i));
    } else if (block.type === 'list') {
      for (const child of block.items) {
        const childShape = itemShape(child);
        const subtask = isCodedItem(childShape, at.sprintCodes) || childShape.labelled || (childShape.checked !== null && !coded && childShape.head.title !== '');
        if (subtask) itemTask(at, childShape, task);
        else itemDetail(at.record, task, child, childShape);
      }
    }
  }
  return task;
}

/** A non-task item under a task: a field line (`Estimate: 2h`), else a line of its description. */
export function itemDetail(record: PlanRecord, task: TaskInput, item: Item, shape: ItemShape): void {
  const line = itemLine(item);
  const field = shape.checked === null && shape.moreLines.length === 0 ? readField(line.slice(2)) : undefined;
  if (field) return detail(record, task, line.slice(2), shape.line);
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
export function detail(record: PlanRecord, task: TaskInput, text: string, line: number): void {
  const field = readField(text);
  if (!field) return describe(task, text);
  switch (field.kind) {
    case 'estimate':
      task.estimate ??= record.estimate(field.value, task.code);
      return;
    case 'depends':
      if (field.value.length) task.depends = unique([...(task.depends ?? []), ...field.value]);
      return;
    case 'blocks':
      for (const code of field.value) record.links.push({ task: code, after: task.code, line });
      return;
    case 'priority':
      task.priority ??= field.value;
      return;
    case 'status':
      task.status ??= field.value;
  }
}

export function describe(task: TaskInput, line: string): void {
  task.description = task.description === undefined ? line : `${task.description}\n${line}`;
}
