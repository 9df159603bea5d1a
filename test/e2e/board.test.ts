import { describe, expect, it } from 'vitest';
import { ROOT, fragmentsJson, tempHome } from '../helpers/cli.js';

const at = (minutes: number) => ({ FRAGMENTS_NOW: new Date(Date.UTC(2026, 10, 2, 9, 0) + minutes * 60_000).toISOString() });

async function working(home: string) {
  await fragmentsJson(home, ['import', `${ROOT}/examples/sprint-plan.md`], at(0));
  await fragmentsJson(home, ['session:start'], at(0));
  await fragmentsJson(home, ['task:activate', 'T-SESS-01-DB'], at(0));
}

describe('board: whether anyone is behind an active session', () => {
  it('an agent quiet between two commands is not dormant', async () => {
    const home = tempHome('board-agent');
    await working(home);
    const board = await fragmentsJson(home, ['board'], at(10));
    expect(board.data).toMatchObject({ dormant: false, silent_seconds: 600 });
  });

  it('a heartbeat that stopped (its screen died) makes the session dormant after two missed beats', async () => {
    const home = tempHome('board-beat');
    await working(home);
    await fragmentsJson(home, ['session:heartbeat'], at(5));
    expect((await fragmentsJson(home, ['board'], at(5.5))).data.dormant).toBe(false);
    expect((await fragmentsJson(home, ['board'], at(6.5))).data.dormant).toBe(true);
  });

  it('silence past the staleness nudge makes it dormant too', async () => {
    const home = tempHome('board-stale');
    await working(home);
    expect((await fragmentsJson(home, ['board'], at(26))).data.dormant).toBe(true);
  });

  it('today counts time on tasks in every session of the home', async () => {
    const home = tempHome('board-today');
    await working(home);
    await fragmentsJson(home, ['session:start', '--new'], at(30));
    const board = await fragmentsJson(home, ['board'], at(31));
    expect(board.data.session_key).toBe('SESSION-002');
    expect(board.data.today_seconds).toBeGreaterThanOrEqual(30 * 60);
  });
});

describe('board: what a screen asks on every write, and what only when it completes', () => {
  it('says a home without a task has no plan yet, and one with tasks but no sprint active has one', async () => {
    const home = tempHome('board-empty');
    await fragmentsJson(home, ['session:start'], at(0));
    expect((await fragmentsJson(home, ['board'], at(1))).data).toMatchObject({ plan_empty: true, sprint: null });
    await fragmentsJson(home, ['import', `${ROOT}/examples/sprint-plan.md`], at(2));
    expect((await fragmentsJson(home, ['board'], at(3))).data).toMatchObject({ plan_empty: false, sprint: null });
  });

  it('shows the active sprint’s progress and the task from the sprint files the session works in', async () => {
    const home = tempHome('board-near');
    await working(home);
    await fragmentsJson(home, ['done', 'schema in', '--force'], at(5));
    await fragmentsJson(home, ['task:activate', 'T-SESS-01-MGR'], at(6));
    const { data } = await fragmentsJson(home, ['board'], at(7));
    const all = (await fragmentsJson(home, ['task:list', '--sprint', data.sprint!.code], at(7))).data.tasks;
    expect(data.sprint!.progress).toEqual({ completed: 1, total: all.filter((t) => t.status !== 'cancelled').length });
    expect(data.task).toMatchObject({ code: 'T-SESS-01-MGR', status: 'in_progress' });
    expect(data).not.toHaveProperty('codes');
  });

  it('codes lists every task with its title and status, the sprints and the open sessions, for completion', async () => {
    const home = tempHome('board-codes');
    await working(home);
    await fragmentsJson(home, ['task:edit', 'T-SESS-01-MGR', '--title', 'Renamed by the agent'], at(1));
    const { data } = await fragmentsJson(home, ['codes'], at(2));
    const tasks = (await fragmentsJson(home, ['task:list'], at(2))).data.tasks;
    expect(data.tasks).toHaveLength(tasks.length);
    expect(data.tasks).toContainEqual({ code: 'T-SESS-01-MGR', status: 'pending', title: 'Renamed by the agent' });
    expect(data.tasks).toContainEqual({ code: 'T-SESS-01-DB', status: 'in_progress', title: expect.any(String) });
    expect(data.sprints).toEqual((await fragmentsJson(home, ['sprint:list'], at(2))).data.sprints.map((s) => s.code));
    expect(data.sessions).toEqual(['SESSION-001']);
  });
});
