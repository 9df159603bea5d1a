/** Ending a session, as a pure rule: what it stops, what it banks, what it reports. */
import { describe, expect, it } from 'vitest';
import { pauseSession, resumeSession, completeTask } from '../../src/core/session.js';
import { endSession } from '../../src/core/session-end.js';
import type { Activity } from '../../src/domain/activity.js';
import { at, config, plan, session, task } from './state.js';

function activity(id: number, minutes: number, kind: Activity['kind'], data?: Activity['data']): Activity {
  return { id, at: at(minutes).toISOString(), kind, command: kind, text: null, session: 'SESSION-001', task: null, sprint: null, source: 'tui', ...(data ? { data } : {}) };
}

describe('endSession', () => {
  it('stops the running timer at the end, banks its time on the task, and leaves the task in progress', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    const summary = endSession(s, state.plan, [], 'parser half done', at(40));
    expect(s.status).toBe('completed');
    expect(s.ended_at).toBe(at(40).toISOString());
    expect(s.summary).toBe('parser half done');
    expect(s.time_entries.at(-1)).toMatchObject({ end: at(40).toISOString(), end_reason: 'session ended' });
    expect(task(state, 'T-1')).toMatchObject({ status: 'in_progress', actual_seconds: 40 * 60 });
    expect(summary.duration_seconds).toBe(40 * 60);
    expect(summary.summary).toBe('parser half done');
  });

  it('counts only active time: a paused stretch is not in the duration, and the interruption is counted', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    pauseSession(s, state.plan, at(10), 'lunch');
    resumeSession(s, state.plan, at(70), config);
    const summary = endSession(s, state.plan, [], null, at(80));
    expect(summary.duration_seconds).toBe(20 * 60);
    expect(summary.interruptions).toBe(1);
    expect(s.active_since).toBeNull();
  });

  it('reports the tasks completed with their time in this session, marking those forced through failing checks', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    completeTask(state.sessions, state.plan, task(state, 'T-1'), at(30), true, s, config);
    const activities = [
      activity(1, 5, 'update'),
      activity(2, 10, 'update'),
      activity(3, 12, 'artifact'),
      activity(4, 30, 'command', { completed: ['T-1'], incomplete: true }),
      activity(5, 31, 'command', { completed: ['T-2', 'T-9'], incomplete: ['T-9'] }),
    ];
    const summary = endSession(s, state.plan, activities, 'done', at(45));
    expect(summary.tasks_completed).toEqual([
      { code: 'T-1', seconds: 30 * 60, incomplete: true },
      { code: 'T-2', seconds: 0, incomplete: false },
      { code: 'T-9', seconds: 0, incomplete: true },
    ]);
    expect(summary.updates).toBe(2);
    expect(summary.artifacts).toBe(1);
    expect(summary.duration_seconds).toBe(45 * 60);
  });
});
