/** Block, unblock and estimate: what they do to the task and to its timer. */
import { describe, expect, it } from 'vitest';
import { openEntry } from '../../src/core/timer.js';
import { pauseSession } from '../../src/core/session.js';
import { blockTask, reestimate, unblockTask } from '../../src/core/task-state.js';
import { estimateArg } from '../../src/core/plan.js';
import { FragmentsError } from '../../src/domain/errors.js';
import { at, plan, session, task } from './state.js';

describe('blocking and unblocking the active task', () => {
  it('blocking stops its timer and banks the time; unblocking starts a new entry from then', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    const t1 = task(state, 'T-1');
    blockTask(s, state.plan, t1, 'waiting on review', at(20));
    expect(t1).toMatchObject({ status: 'blocked', block_reason: 'waiting on review', actual_seconds: 20 * 60, updated_at: at(20).toISOString() });
    expect(openEntry(s)).toBeUndefined();

    unblockTask(s, t1, at(50));
    expect(t1).toMatchObject({ status: 'in_progress', block_reason: null });
    expect(openEntry(s)).toMatchObject({ task: 'T-1', start: at(50).toISOString() });
    // The 30 blocked minutes were nobody's work on T-1.
    expect(t1.actual_seconds).toBe(20 * 60);
  });

  it('unblocking in a paused session does not start the timer: time counts only once the session is resumed', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    blockTask(s, state.plan, task(state, 'T-1'), 'flaky CI', at(5));
    pauseSession(s, state.plan, at(6), null);
    unblockTask(s, task(state, 'T-1'), at(7));
    expect(task(state, 'T-1').status).toBe('in_progress');
    expect(openEntry(s)).toBeUndefined();
  });

  it('refuses to unblock a task that is not blocked, saying what it is', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    const refusal = (() => {
      try {
        unblockTask(s, task(state, 'T-1'), at(1));
      } catch (e) {
        return e;
      }
    })();
    expect(refusal).toBeInstanceOf(FragmentsError);
    expect(refusal).toMatchObject({ code: 'NOT_BLOCKED', message: 'T-1 is in_progress, not blocked.' });
  });
});

describe('reestimate', () => {
  it('sets the new estimate, stamps the change and gives back the old one', () => {
    const state = plan();
    const t1 = task(state, 'T-1');
    const before = reestimate(t1, estimateArg('3h', 8), at(15));
    expect(before).toEqual(estimateArg('1h', 8));
    expect(t1.estimate).toEqual(estimateArg('3h', 8));
    expect(t1.updated_at).toBe(at(15).toISOString());
    expect(reestimate(t1, null, at(16))).toEqual(estimateArg('3h', 8));
    expect(t1.estimate).toBeNull();
  });
});
