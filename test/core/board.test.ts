/** The board a screen reads on every write of an agent: the sprint's figures, and which sprint files it needs. */
import { describe, expect, it } from 'vitest';
import { boardScope, boardView } from '../../src/core/board.js';
import { createTask, estimateArg } from '../../src/core/plan.js';
import { pauseSession } from '../../src/core/session.js';
import { stopTimer } from '../../src/core/timer.js';
import { at, config, plan, session } from './state.js';

describe('the board’s sprint', () => {
  it('sums the known estimates of a sprint that has none of its own, and its time with the timers running now', () => {
    const state = plan();
    createTask(state.plan, { code: 'T-3', title: 'Document the parser', sprint: 'S-1', estimate: estimateArg('2-3h', 8) }, at(0));
    const s = session(state, 0, 'T-1');
    stopTimer(s, state.plan, at(10), 'switched');
    const agent = session(state, 10, 'T-3', 'claude');
    const board = boardView(state.plan, state.sessions, s, [], config, at(30), s.key);
    expect(board.sprint).toMatchObject({ code: 'S-1', estimate: { low_hours: 3, high_hours: 4 }, progress: { completed: 0, total: 3 } });
    // T-1's ten banked minutes, and the agent's twenty running on T-3.
    expect(board.sprint!.actual_seconds).toBe(30 * 60);
    pauseSession(agent, state.plan, at(30), 'lunch');
    expect(boardView(state.plan, state.sessions, s, [], config, at(40), s.key).sprint!.actual_seconds).toBe(30 * 60);
  });

  it('needs the sprints and tasks on the stacks of the open sessions and of the one shown, not the others', () => {
    const state = plan();
    const shown = session(state, 0, 'T-1');
    session(state, 5, 'T-2', 'claude');
    const ended = session(state, 6, 'T-2');
    ended.status = 'completed';
    expect(boardScope(state.sessions, shown)).toEqual({ sprints: ['S-1', 'S-1'], tasks: ['T-1', 'T-2'] });
    expect(boardScope(state.sessions, ended).tasks).toEqual(['T-1', 'T-2', 'T-2']);
  });
});
