/** Sessions: keys, which one is taken up, the context stack, completing a task held elsewhere. */
import { describe, expect, it } from 'vitest';
import { activeTaskCode } from '../../src/core/context.js';
import { createTask, findSprint } from '../../src/core/plan.js';
import {
  activateTask,
  closedElsewhereNotice,
  completeTask,
  createSession,
  leaveFrame,
  nextSessionKey,
  resumable,
  takenUpBy,
  takeOver,
  tasksInProgress,
} from '../../src/core/session.js';
import { claimOn } from '../../src/core/people.js';
import { openEntry } from '../../src/core/timer.js';
import { at, config, plan, session, task } from './state.js';

describe('which session', () => {
  it('numbers keys after the highest there is, not the count', () => {
    const state = plan();
    expect(nextSessionKey(state.sessions)).toBe('SESSION-001');
    session(state, 0).key = 'SESSION-041';
    expect(createSession(state.sessions, { type: 'work', source: 'cli', agent: null, user: null }, at(1)).key).toBe('SESSION-042');
  });

  it('takes up the home’s current session, else the one heard from last; a screen never takes up an agent’s', () => {
    const state = plan();
    const mine = session(state, 0);
    const agents = session(state, 5, undefined, 'claude');
    expect(resumable(state.sessions, null)?.key).toBe(agents.key);
    expect(resumable(state.sessions, mine.key)?.key).toBe(mine.key);
    expect(resumable(state.sessions, null, takenUpBy('tui', null))?.key).toBe(mine.key);
    expect(resumable(state.sessions, agents.key, takenUpBy('tui', null))?.key).toBe(mine.key);
    mine.status = 'completed';
    expect(resumable(state.sessions, mine.key, takenUpBy('tui', null))).toBeNull();
  });
});

describe('the context stack', () => {
  it('activating a task brings its sprint along and starts the sprint', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    expect(s.stack.map((f) => `${f.kind} ${f.code}`)).toEqual(['sprint S-1', 'task T-1']);
    expect(findSprint(state.plan, 'S-1').status).toBe('in_progress');
    expect(task(state, 'T-1')).toMatchObject({ status: 'in_progress', started: true, started_at: at(0).toISOString() });
  });

  it('a subtask goes above its parent; closing it hands the timer back to the parent', () => {
    const state = plan();
    createTask(state.plan, { code: 'T-1.1', title: 'Headings', parent: 'T-1' }, at(0));
    const s = session(state, 0, 'T-1');
    activateTask(s, state.plan, task(state, 'T-1.1'), at(10));
    expect(s.stack.map((f) => `${f.kind} ${f.code}`)).toEqual(['sprint S-1', 'task T-1', 'subtask T-1.1']);
    expect(openEntry(s)?.task).toBe('T-1.1');
    leaveFrame(s, state.plan, 'T-1.1', at(25), 'done');
    expect(activeTaskCode(s)).toBe('T-1');
    expect(openEntry(s)).toMatchObject({ task: 'T-1', start: at(25).toISOString() });
    expect(task(state, 'T-1.1').actual_seconds).toBe(15 * 60);
  });

  it('switching to another task replaces the active one and stops its timer', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    const { replaced } = activateTask(s, state.plan, task(state, 'T-2'), at(12));
    expect(replaced).toBe('T-1');
    expect(activeTaskCode(s)).toBe('T-2');
    expect(task(state, 'T-1').actual_seconds).toBe(12 * 60);
    expect(activateTask(s, state.plan, task(state, 'T-2'), at(13)).replaced).toBeNull();
  });
});

describe('completing a task another session holds', () => {
  it('takes it off that session’s stack and tells that session on its next command', () => {
    const state = plan();
    const other = session(state, 0, 'T-1', 'claude');
    const me = session(state, 1, 'T-1');
    completeTask(state.sessions, state.plan, task(state, 'T-1'), at(5), false, me, config);
    expect(activeTaskCode(other)).toBeNull();
    expect(activeTaskCode(me)).toBeNull();
    expect(task(state, 'T-1')).toMatchObject({ status: 'completed', completed_at: at(5).toISOString(), incomplete: false });
    expect(closedElsewhereNotice(other, at(10))).toBe('T-1, active in SESSION-001, was completed by SESSION-002 5 minutes ago (2026-01-05 10:05 UTC)');
    expect(closedElsewhereNotice(me, at(10))).toBeNull();
  });
});

describe('tasksInProgress', () => {
  it('lists tasks in progress, the one worked last first', () => {
    const state = plan();
    const a = session(state, 0, 'T-1');
    activateTask(a, state.plan, task(state, 'T-2'), at(10));
    activateTask(a, state.plan, task(state, 'T-1'), at(20));
    expect(tasksInProgress(state.plan, state.sessions, at(30)).map((x) => [x.task.code, x.last_worked])).toEqual([
      ['T-1', at(30).toISOString()],
      ['T-2', at(20).toISOString()],
    ]);
  });
});

describe('people on a shared store', () => {
  it('each person takes up only their own sessions; on a home folder (no person) any', () => {
    const state = plan();
    const ann = session(state, 0);
    const bob = session(state, 5);
    ann.user = 'ann@example.com';
    bob.user = 'bob@example.com';
    expect(resumable(state.sessions, null, takenUpBy('cli', 'ann@example.com'))?.key).toBe(ann.key);
    expect(resumable(state.sessions, bob.key, takenUpBy('cli', 'ann@example.com'))?.key).toBe(ann.key);
    expect(resumable(state.sessions, null, takenUpBy('cli', 'carol@example.com'))).toBeNull();
    expect(resumable(state.sessions, null, takenUpBy('cli', null))?.key).toBe(bob.key);
  });

  it("a task another person's open session holds is claimed, since its frame's time; one's own sessions and ended ones claim nothing", () => {
    const state = plan();
    const ann = session(state, 10, 'T-1');
    ann.user = 'ann@example.com';
    const annsAgent = session(state, 12, 'T-1', 'claude');
    annsAgent.user = 'ann@example.com';
    expect(claimOn(state.sessions, 't-1', 'bob@example.com')).toEqual({ session: ann, since: at(10).toISOString() });
    expect(claimOn(state.sessions, 'T-1', 'ann@example.com')).toBeNull();
    expect(claimOn(state.sessions, 'T-1', null)).toBeNull();
    ann.status = 'completed';
    annsAgent.status = 'abandoned';
    expect(claimOn(state.sessions, 'T-1', 'bob@example.com')).toBeNull();
  });

  it('taken over: the holder leaves the task, its timer stops then, and its next command is told by whom', () => {
    const state = plan();
    const ann = session(state, 0, 'T-1');
    takeOver(ann, state.plan, 'T-1', at(30), 'bob@example.com in SESSION-002');
    expect(activeTaskCode(ann)).toBeNull();
    expect(openEntry(ann)).toBeUndefined();
    expect(ann.time_entries.at(-1)).toMatchObject({ task: 'T-1', end: at(30).toISOString(), end_reason: 'taken over by bob@example.com in SESSION-002' });
    expect(closedElsewhereNotice(ann, at(31))).toMatch(/^T-1, active in SESSION-\d+, was taken over by bob@example\.com in SESSION-002 1 minute ago/);
  });
});
