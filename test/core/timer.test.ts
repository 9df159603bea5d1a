/** Timers: one open entry per session, time banked on the task when it stops, paused spans never counted. */
import { describe, expect, it } from 'vitest';
import { heardFrom } from '../../src/core/clock.js';
import { pauseSession, resumeSession } from '../../src/core/session.js';
import { openEntry, sessionActiveSeconds, sessionTaskSeconds, startTimer, stopTimer, taskSeconds } from '../../src/core/timer.js';
import { at, config, plan, session, task } from './state.js';

describe('timers', () => {
  it('starting the timer of the task already timed keeps the one entry', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    startTimer(s, 'T-1', at(10));
    expect(s.time_entries).toHaveLength(1);
    startTimer(s, 'T-2', at(10));
    expect(s.time_entries.map((e) => e.task)).toEqual(['T-1', 'T-2']);
  });

  it('stopping banks the seconds on the task and says how many; with nothing running it does nothing', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    heardFrom(s, at(20));
    expect(stopTimer(s, state.plan, at(25), 'switched')).toBe(25 * 60);
    expect(task(state, 'T-1').actual_seconds).toBe(25 * 60);
    expect(openEntry(s)).toBeUndefined();
    expect(stopTimer(s, state.plan, at(30), 'again')).toBe(0);
    expect(task(state, 'T-1').actual_seconds).toBe(25 * 60);
  });

  it('a task’s time adds every active session’s open entry on it to what was banked', () => {
    const state = plan();
    session(state, 0, 'T-1');
    session(state, 10, 'T-1', 'claude');
    expect(taskSeconds(task(state, 'T-1'), state.sessions, at(30))).toBe(30 * 60 + 20 * 60);
  });

  it('a paused session’s time counts neither for the session nor on the task while it is paused', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    pauseSession(s, state.plan, at(15), 'meeting');
    expect(sessionActiveSeconds(s, at(60))).toBe(15 * 60);
    expect(taskSeconds(task(state, 'T-1'), state.sessions, at(60))).toBe(15 * 60);
    resumeSession(s, state.plan, at(60), config);
    expect(sessionActiveSeconds(s, at(70))).toBe(25 * 60);
    expect(sessionTaskSeconds(s, 'T-1', at(70))).toBe(25 * 60);
  });
});
