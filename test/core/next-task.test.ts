import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextTask } from '../../src/core/next-task.js';
import { createSprint, createTask } from '../../src/core/plan.js';
import { PRIORITY_RANK, type PlanFile, type Task } from '../../src/domain/plan.js';

const at = new Date('2026-03-01T09:00:00Z');

/** The rule as written: every ready task sorted, the first taken. */
function bySorting(plan: PlanFile, sprint: string | null): Task | null {
  const done = new Set(plan.tasks.filter((t) => t.status === 'completed' || t.status === 'cancelled').map((t) => t.code));
  const inSprint = (t: Task) => sprint !== null && t.sprint === sprint;
  const ready = plan.tasks.filter((t) => t.status === 'pending' && t.depends.every((d) => done.has(d)));
  const order = new Map(plan.tasks.map((t, i) => [t, i]));
  ready.sort((a, b) => Number(inSprint(b)) - Number(inSprint(a)) || PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || a.created_at.localeCompare(b.created_at) || order.get(a)! - order.get(b)!);
  return ready[0] ?? null;
}

const task = fc.record({
  sprint: fc.constantFrom('S-1', 'S-2', null),
  status: fc.constantFrom('pending', 'pending', 'in_progress', 'completed', 'blocked', 'cancelled'),
  priority: fc.constantFrom('low', 'medium', 'high', 'critical'),
  created: fc.nat(5),
  depends: fc.array(fc.nat(30), { maxLength: 2 }),
});

describe('nextTask', () => {
  it('takes the task sorting every ready one would put first, and counts its rivals as they would', () => {
    fc.assert(
      fc.property(fc.array(task, { maxLength: 30 }), fc.constantFrom('S-1', 'S-2', null), (specs, active) => {
        const plan: PlanFile = { schema_version: 1, sprints: [], tasks: [] };
        createSprint(plan, { code: 'S-1', title: 'One' }, at);
        createSprint(plan, { code: 'S-2', title: 'Two' }, at);
        specs.forEach((s, i) => {
          const t = createTask(plan, { code: `T-${i}`, title: `Task ${i}`, ...(s.sprint ? { sprint: s.sprint } : {}), priority: s.priority as Task['priority'] }, new Date(at.getTime() + s.created * 1000));
          t.status = s.status as Task['status'];
          t.depends = s.depends.filter((d) => d < specs.length && d !== i).map((d) => `T-${d}`);
        });
        const choice = nextTask(plan, active);
        expect(choice.task).toBe(bySorting(plan, active));
        if (choice.task) {
          const ready = plan.tasks.filter((t) => t.status === 'pending' && t.depends.every((d) => ['completed', 'cancelled'].includes(plan.tasks.find((x) => x.code === d)!.status)));
          const here = (t: Task) => active !== null && t.sprint === active;
          expect(choice.ready_count).toBe(here(choice.task) ? ready.filter(here).length : ready.length);
          const rivals = ready.filter((t) => t !== choice.task && here(t) === here(choice.task!));
          if (rivals.length === 0) expect(choice.reason).toMatch(/; priority \w+\.$/);
          else if (rivals.some((t) => t.priority === choice.task!.priority)) expect(choice.reason).toContain(`oldest of ${rivals.filter((t) => t.priority === choice.task!.priority).length + 1} ready`);
          else expect(choice.reason).toContain(`highest of ${rivals.length + 1} ready`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
