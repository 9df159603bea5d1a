import { describe, expect, it } from 'vitest';
import { nextTask } from '../../src/core/next-task.js';
import { createSprint, createTask } from '../../src/core/plan.js';
import type { PlanFile } from '../../src/domain/plan.js';

function plan(): PlanFile {
  const p: PlanFile = { schema_version: 1, sprints: [], tasks: [] };
  const t0 = new Date('2026-01-01T10:00:00Z');
  const later = (m: number) => new Date(t0.getTime() + m * 60_000);
  createSprint(p, { code: 'S-1', title: 'One' }, t0);
  createSprint(p, { code: 'S-2', title: 'Two' }, t0);
  createTask(p, { code: 'A', title: 'first', sprint: 'S-1' }, later(1));
  createTask(p, { code: 'B', title: 'after A', sprint: 'S-1', depends: ['A'], priority: 'critical' }, later(2));
  createTask(p, { code: 'C', title: 'urgent elsewhere', sprint: 'S-2', priority: 'critical' }, later(3));
  createTask(p, { code: 'D', title: 'older, same priority', sprint: 'S-2', priority: 'critical' }, later(0));
  return p;
}

describe('nextTask', () => {
  it('prefers the active sprint over priority, and says what blocks the rest', () => {
    const choice = nextTask(plan(), 'S-1');
    expect(choice.task?.code).toBe('A');
    expect(choice.reason).toMatch(/A is next: .*active sprint S-1/);
    expect(choice.blocked).toEqual([{ code: 'B', waiting_on: ['A'] }]);
  });

  it('without an active sprint takes the highest priority, then the oldest', () => {
    const choice = nextTask(plan(), null);
    expect(choice.task?.code).toBe('D');
    expect(choice.reason).toMatch(/oldest of 2 ready at priority critical/);
  });

  it('a completed dependency makes its dependant ready', () => {
    const p = plan();
    p.tasks.find((t) => t.code === 'A')!.status = 'completed';
    expect(nextTask(p, 'S-1').task?.code).toBe('B');
  });

  it("counts the ready tasks it chose among: the active sprint's while it has one, else every sprint's", () => {
    expect(nextTask(plan(), 'S-1').ready_count).toBe(1);
    expect(nextTask(plan(), null).ready_count).toBe(3);
    const p = plan();
    p.tasks.find((t) => t.code === 'A')!.status = 'in_progress';
    expect(nextTask(p, 'S-1')).toMatchObject({ task: expect.objectContaining({ code: 'D' }), ready_count: 2 });
  });

  it('says so when nothing is ready', () => {
    const p = plan();
    for (const t of p.tasks) if (t.code !== 'B') t.status = 'in_progress';
    const choice = nextTask(p, 'S-1');
    expect(choice.task).toBeNull();
    expect(choice.reason).toMatch(/No task is ready: 1 pending task\(s\) wait/);
  });
});
