import type { TaskInput } from '../../domain/plan-input.js';
import type { Block } from './blocks.js';
import type { NotImported } from './plan-record.js';
import { taskTable } from './tables.js';
import type { ItemContext } from './task-items.js';

/*
 * A table block taken into the plan: its rows are tasks where the walk stands
 * in work; where it does not, a row that looks like work is told, the rest
 * passed over.
 */

/** Why the walk takes no work where it stands, and the heading that says so. */
export interface Refusal {
  reason: Extract<NotImported['reason'], 'outside' | 'reference' | 'criteria'>;
  heading: number | undefined;
}

/** Returns the last task it made: codeless checkboxes after a coded one are its criteria. */
export function tableTasks(table: Extract<Block, { type: 'table' }>, at: ItemContext, refusal: Refusal | undefined): { task: TaskInput; coded: boolean } | undefined {
  const { record } = at;
  const found = taskTable(table, at.traits.work);
  if (!found) {
    record.skipLines(table.line, (table.rows.at(-1)?.line ?? table.line) + 1);
    return undefined;
  }
  let last: { task: TaskInput; coded: boolean } | undefined;
  for (const row of found.rows) {
    if (refusal) {
      const { reason, heading } = refusal;
      // A table of counts under a summary is no work; a row with a code that the plan defines nowhere is.
      if (row.code === undefined && (reason !== 'outside' || !found.evident)) record.skip(row.line);
      else record.notImported(row.line, reason, heading, row.code);
    } else if (row.title === '' && row.code === undefined) {
      record.skip(row.line);
    } else {
      const task = record.addTask(at.place, { code: row.code, tags: [], title: row.title, tail: row.tail }, row.line, undefined, row.number, row.code !== undefined, at.traits);
      if (task) last = { task, coded: row.code !== undefined };
    }
  }
  return last;
}
