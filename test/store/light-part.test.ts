import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSprint, createTask } from '../../src/core/plan.js';
import type { PlanFile, PlanPart, Task } from '../../src/domain/plan.js';
import { LightPart, ROWS_FROM, partText } from '../../src/store/light-part.js';

const at = new Date('2026-03-01T09:00:00Z');

/** A big sprint's file as Fragments writes it; titles drawn from anything a person might type, JSON's own characters included. */
function sprintFile(titles: string[]): string {
  const plan: PlanFile = { schema_version: 1, sprints: [], tasks: [] };
  createSprint(plan, { code: 'S-1', title: 'One' }, at);
  titles.forEach((title, i) => createTask(plan, { code: `T-${i + 1}`, title: title || 'untitled', sprint: 'S-1', depends: i > 0 ? [`T-${i}`] : [] }, at));
  return partText({ schema_version: 3, sprint: 'S-1', tasks: plan.tasks });
}

const text = fc.oneof(fc.string(), fc.constantFrom('{"code":"T-1"}', ',{"code":"', '"},{"', '],"rows":[', '\\', '\u2028'));

/** What a command does with a task: reads a row field or another, sets one, adds an entry, lists its fields. */
const step = fc.tuple(
  fc.nat(),
  fc.oneof(
    fc.record({ kind: fc.constantFrom('status', 'depends', 'title', 'updates', 'keys', 'has-group') }),
    fc.record({ kind: fc.constant('set-status'), value: fc.constantFrom('pending', 'in_progress', 'completed', 'blocked') }),
    fc.record({ kind: fc.constant('set-title'), value: text }),
    fc.record({ kind: fc.constant('update'), value: text }),
  ),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function run(task: Task, [, s]: Step): unknown {
  switch (s.kind) {
    case 'status':
      return task.status;
    case 'depends':
      return [...task.depends];
    case 'title':
      return task.title;
    case 'updates':
      return task.updates.length;
    case 'keys':
      return Object.keys(task);
    case 'has-group':
      return 'group' in task;
    case 'set-status':
      task.status = s.value as Task['status'];
      return null;
    case 'set-title':
      task.title = s.value;
      return null;
    default:
      task.updates.push({ at: at.toISOString(), text: s.value, session: 'SESSION-001' });
      return null;
  }
}

describe('LightPart: a big sprint read in part', () => {
  it('answers, changes and serialises as the same sprint parsed whole, and knows which tasks changed', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: ROWS_FROM, maxLength: ROWS_FROM + 4 }), fc.array(step, { maxLength: 14 }), fc.boolean(), (titles, steps, whole) => {
        const file = sprintFile(titles);
        const light = LightPart.of(file)!;
        const plain = JSON.parse(file) as PlanPart;
        const before = plain.tasks.map((t) => JSON.stringify(t));
        for (const s of steps) {
          const i = s[0] % plain.tasks.length;
          expect(run(light.value.tasks[i]!, s)).toEqual(run(plain.tasks[i]!, s));
        }
        const changed = plain.tasks.filter((t, i) => JSON.stringify(t) !== before[i]).map((t) => t.code);
        // Read in part, it tells the changed tasks itself; read whole (asked, or past a few tasks), its texts as loaded do.
        const found = light.whole || whole ? light.readAll().changes(light.value.tasks)?.changed : light.changes();
        expect(found?.map((c) => c.task.code)).toEqual(changed);
        for (const { task, before: was } of found ?? []) expect(JSON.stringify(was)).toBe(before[plain.tasks.findIndex((t) => t.code === task.code)]);
        expect(JSON.stringify(light.value.tasks)).toBe(JSON.stringify(plain.tasks));
      }),
      { numRuns: 80 },
    );
  });

  it('reads a task alone, leaving the others unparsed, until many are asked for', () => {
    const file = sprintFile(Array.from({ length: ROWS_FROM }, (_, i) => `Task ${i}`));
    const light = LightPart.of(file)!;
    expect(light.value.tasks[41]!.title).toBe('Task 41');
    expect(light.whole).toBe(false);
    for (const task of light.value.tasks.slice(0, 20)) expect(task.title).toMatch(/^Task /);
    expect(light.whole).toBe(true);
    // The list now holds the plain tasks.
    expect(Object.getPrototypeOf(light.value.tasks[99])).toBe(Object.prototype);
  });

  it('has nothing to read a file by when it has no rows', () => {
    const small = sprintFile(['only one']);
    expect(small).not.toMatch(/"rows":/);
    expect(LightPart.of(small)).toBeNull();
  });
});
