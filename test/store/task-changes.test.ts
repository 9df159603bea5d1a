import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSprint, createTask } from '../../src/core/plan.js';
import type { PlanFile, Task } from '../../src/domain/plan.js';
import { TaskTexts } from '../../src/store/task-changes.js';

const at = new Date('2026-03-01T09:00:00Z');

/** A sprint's tasks as core makes them; titles and texts drawn from anything a person might type, JSON's own characters included. */
function tasks(titles: string[]): Task[] {
  const plan: PlanFile = { schema_version: 1, sprints: [], tasks: [] };
  createSprint(plan, { code: 'S-1', title: 'One' }, at);
  titles.forEach((title, i) => createTask(plan, { code: `T-${i + 1}`, title: title || 'untitled', sprint: 'S-1' }, at));
  return plan.tasks;
}

const text = fc.oneof(fc.string(), fc.constantFrom('{"code":"T-1"}', ',{"code":"', '"},{"', '\\', '\u2028'));

/** One change a command can make to a task: a field set, an entry added, an entry's text edited, a list emptied. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), value: fc.constantFrom('pending', 'in_progress', 'completed', 'blocked') }),
  fc.record({ kind: fc.constant('update' as const), value: text }),
  fc.record({ kind: fc.constant('title' as const), value: text }),
  fc.record({ kind: fc.constant('edit-update' as const), value: text }),
  fc.record({ kind: fc.constant('depends' as const), value: fc.array(fc.constantFrom('T-1', 'T-2', 'T-3'), { maxLength: 3 }) }),
);

type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

function apply(task: Task, c: Change): void {
  if (c.kind === 'status') task.status = c.value as Task['status'];
  if (c.kind === 'update') task.updates.push({ at: at.toISOString(), text: c.value, session: 'SESSION-001' });
  if (c.kind === 'title') task.title = c.value;
  if (c.kind === 'edit-update' && task.updates[0]) task.updates[0].text = c.value;
  if (c.kind === 'depends') task.depends = c.value;
}

describe('TaskTexts: what a command changed in a sprint', () => {
  it('finds exactly the tasks whose text changed, with what each was, as comparing every task would', () => {
    let placed = 0;
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), change), { maxLength: 6 }), (titles, edits) => {
        const list = tasks(titles);
        for (const task of list) task.updates.push({ at: at.toISOString(), text: `first on ${task.code}`, session: 'SESSION-001' });
        const before = list.map((t) => JSON.stringify(t));
        const kept = TaskTexts.of(list);
        for (const [n, c] of edits) apply(list[n % list.length]!, c);
        const found = kept.changes(list);
        const expected = list.filter((t, i) => JSON.stringify(t) !== before[i]);
        expect(kept.differing(list)).toEqual(expected);
        // Null says "treat every task as changed": always safe, so the finder may give up, never be wrong.
        if (found === null) return;
        placed += 1;
        expect(found.changed.map((c) => c.task.code)).toEqual(expected.map((t) => t.code));
        for (const { task, before: was } of found.changed) expect(JSON.stringify(was)).toBe(before[list.indexOf(task)]);
        // What it keeps is the list as it now is: nothing more is found until something changes again.
        expect(found.now.changes(list)?.changed).toEqual([]);
      }),
      { numRuns: 400 },
    );
    // It gives up only when it cannot be sure, which a change of a task's fields never is.
    expect(placed).toBe(400);
  });

  it('cut from the file the tasks were read from, it knows them as if serialised whole, the tasks changed since included', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), change), { maxLength: 6 }), fc.array(fc.tuple(fc.nat(), change), { maxLength: 4 }), (titles, since, edits) => {
        const list = tasks(titles);
        const file = JSON.stringify(list);
        // Entries the recent file holds, merged into the tasks as read.
        for (const [n, c] of since) apply(list[n % list.length]!, c);
        const touched = new Map(since.map(([n]) => [list[n % list.length]!.code, JSON.stringify(list[n % list.length])]));
        const kept = TaskTexts.fromFile(file, list, touched);
        expect(kept.changes(list)?.changed).toEqual([]);
        const before = list.map((t) => JSON.stringify(t));
        for (const [n, c] of edits) apply(list[n % list.length]!, c);
        expect(kept.changes(list)?.changed.map((c) => c.task.code)).toEqual(list.filter((t, i) => JSON.stringify(t) !== before[i]).map((t) => t.code));
      }),
      { numRuns: 300 },
    );
  });

  it('places a change in one task of a thousand', () => {
    const list = tasks(Array.from({ length: 1000 }, (_, i) => `Task ${i}`));
    const kept = TaskTexts.of(list);
    list[617]!.updates.push({ at: at.toISOString(), text: 'migration written', session: 'SESSION-001' });
    list[618]!.status = 'completed';
    const found = kept.changes(list);
    expect(found?.changed.map((c) => c.task.code)).toEqual(['T-618', 'T-619']);
    expect(found?.changed[0]!.before.updates).toEqual([]);
  });

  it('gives up, rather than guess, when tasks were added, removed or moved', () => {
    const list = tasks(['a', 'b', 'c']);
    const kept = TaskTexts.of(list);
    expect(kept.changes([list[1]!, list[0]!, list[2]!])).toBeNull();
    expect(kept.changes(list.slice(0, 2))).toBeNull();
    // Then the slow way still says which tasks a write must carry: those that are new or differ.
    const added = tasks(['a', 'b', 'c', 'd'])[3]!;
    list[0]!.title = 'a, renamed';
    expect(kept.differing([list[2]!, list[0]!, list[1]!, added]).map((t) => t.code)).toEqual(['T-1', 'T-4']);
  });
});
