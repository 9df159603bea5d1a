import { describe, expect, it } from 'vitest';
import { createSprint, newTask } from '../../src/core/plan.js';
import { taskBoard } from '../../src/core/task-board.js';
import { boardOf, selectedTask, taskBoardReducer } from '../../src/tui/task-board-state.js';
import { AT, emptyPlan } from '../helpers/plans.js';

function plan() {
  const p = emptyPlan();
  createSprint(p, { code: 'S-1', title: 'One' }, AT);
  const task = (code: string, fields: Partial<ReturnType<typeof newTask>> = {}) => p.tasks.push({ ...newTask({ code, title: `Title ${code}`, sprint: 'S-1' }, AT), ...fields });
  task('T-1', { status: 'completed' });
  task('T-2', { depends: ['T-1', 'T-3'] });
  task('T-3', { status: 'blocked', block_reason: 'no access' });
  p.tasks.push(newTask({ code: 'T-LOOSE', title: 'In no sprint' }, AT));
  return p;
}

describe('the task board rows (core)', () => {
  it('names a task’s dependencies that are not done yet, and a blocked task’s reason; tasks of no sprint come last', () => {
    const board = taskBoard(plan(), { schema_version: 1, sessions: [] }, AT);
    expect(board.map((s) => [s.code, s.tasks.map((t) => t.code)])).toEqual([
      ['S-1', ['T-1', 'T-2', 'T-3']],
      [null, ['T-LOOSE']],
    ]);
    const [t1, t2, t3] = board[0]!.tasks;
    expect(t1!.waiting_on).toEqual([]);
    expect(t2!.waiting_on).toEqual(['T-3']);
    expect(t3!.block_reason).toBe('no access');
  });
});

describe('the task board as keys move it', () => {
  const sprints = taskBoard(plan(), { schema_version: 1, sessions: [] }, AT);

  it('opens on the first open task, and moves within the tasks only', () => {
    const start = boardOf(sprints);
    expect(selectedTask(start)!.code).toBe('T-2');
    const down = taskBoardReducer(taskBoardReducer(start, { type: 'move', by: 1, rows: 3 }), { type: 'move', by: 5, rows: 3 });
    expect(selectedTask(down)!.code).toBe('T-LOOSE');
    expect(selectedTask(taskBoardReducer(down, { type: 'edge', last: false, rows: 3 }))!.code).toBe('T-1');
  });

  it('keeps the cursor row in view, and its sprint heading when the top is reached', () => {
    let state = boardOf(sprints);
    state = taskBoardReducer(state, { type: 'edge', last: true, rows: 2 });
    const at = state.tasks[state.cursor]!;
    expect(at).toBeGreaterThanOrEqual(state.top);
    expect(at).toBeLessThan(state.top + 2);
    state = taskBoardReducer(state, { type: 'edge', last: false, rows: 2 });
    expect(state.top).toBe(0);
    expect(state.lines[0]!.kind).toBe('sprint');
  });

  it('filters on every word, in code, title or status; fresh rows keep the filter and the cursor on its task', () => {
    let state = taskBoardReducer(boardOf(sprints), { type: 'filter', text: 'BLOCKED t-3', rows: 5 });
    expect(state.tasks.length).toBe(1);
    expect(selectedTask(state)!.code).toBe('T-3');
    state = taskBoardReducer(state, { type: 'filter', text: 'title', rows: 5 });
    state = taskBoardReducer(state, { type: 'move', by: 2, rows: 5 });
    expect(selectedTask(state)!.code).toBe('T-3');
    state = taskBoardReducer(state, { type: 'load', sprints: taskBoard(plan(), { schema_version: 1, sessions: [] }, AT) });
    expect(state.filter).toBe('title');
    expect(selectedTask(state)!.code).toBe('T-3');
  });
});
