import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSprint, createTask } from '../../src/core/plan.js';
import type { PlanFile, PlanPart } from '../../src/domain/plan.js';
import { ROWS_FROM, partText, withoutRows } from '../../src/store/light-part.js';

const at = new Date('2026-03-01T09:00:00Z');

/** Titles a person might type, the sprint file's own landmarks included. */
const title = fc.oneof(fc.string(), fc.constantFrom('],"rows":[', ',"tasks":[', '"},{"', '\\', '\u2028', 'Tâche 🎯'));

/** A sprint (or the backlog) of `count` tasks as core makes them, titled from `titles` in turn. */
function part(sprint: string | null, titles: string[], count: number): PlanPart {
  const plan: PlanFile = { schema_version: 1, sprints: [], tasks: [] };
  if (sprint) createSprint(plan, { code: sprint, title: 'One' }, at);
  for (let i = 0; i < count; i++) createTask(plan, { code: `T-${i + 1}`, title: titles[i % titles.length] || 'untitled', sprint: sprint ?? undefined }, at);
  return { schema_version: 3, sprint, tasks: plan.tasks };
}

describe('withoutRows: a sprint file read for its tasks', () => {
  it('gives the value written, without the rows only its check reads, whatever the titles hold', () => {
    fc.assert(
      fc.property(fc.constantFrom('S-1', null), fc.array(title, { minLength: 1, maxLength: 5 }), fc.constantFrom(ROWS_FROM - 1, ROWS_FROM, ROWS_FROM + 7), (sprint, titles, count) => {
        const value = part(sprint, titles, count);
        const text = partText(value);
        expect(text.includes('"rows":')).toBe(count >= ROWS_FROM);
        const read = withoutRows(text);
        expect(read).toEqual(value);
        // Key order too: what is read back is written back the same.
        expect(JSON.stringify(read)).toBe(JSON.stringify(value));
      }),
      { numRuns: 60 },
    );
  });

  it('reads a text not laid out as Fragments writes it whole', () => {
    const value = { rows: [['T-1']], schema_version: 3, sprint: 'S-1', tasks: [{ code: 'T-1' }] };
    expect(withoutRows(JSON.stringify(value))).toEqual(value);
    expect(() => withoutRows('{"schema_version":3,"sprint":"S-1","tasks":[')).toThrow(SyntaxError);
  });
});
