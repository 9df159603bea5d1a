/** Where an update goes (SPEC 2): the active task, else the active sprint, else the session. */
import { describe, expect, it } from 'vitest';
import { activeSprint, recordUpdate, targetRef, updateTarget } from '../../src/core/update-target.js';
import { at, plan, session, task } from './state.js';

const entry = (text: string) => ({ at: at(5).toISOString(), text, session: 'SESSION-001' });

describe('updateTarget', () => {
  it('goes on the active task', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    const target = updateTarget(state.plan, s);
    recordUpdate(target, entry('parser reads headings'));
    expect(targetRef(target, s)).toEqual({ kind: 'task', code: 'T-1' });
    expect(task(state, 'T-1').updates.map((u) => u.text)).toEqual(['parser reads headings']);
    expect(task(state, 'T-1').updated_at).toBe(at(5).toISOString());
    expect(state.plan.sprints[0]!.notes).toEqual([]);
  });

  it('with no task but a sprint on the stack, goes into the sprint’s notes', () => {
    const state = plan();
    const s = session(state, 0);
    s.stack.push({ kind: 'sprint', code: 'S-1', since: at(0).toISOString() });
    const target = updateTarget(state.plan, s);
    recordUpdate(target, entry('planning the week'));
    expect(targetRef(target, s)).toEqual({ kind: 'sprint', code: 'S-1' });
    expect(state.plan.sprints[0]!.notes.map((n) => n.text)).toEqual(['planning the week']);
    expect(task(state, 'T-1').updates).toEqual([]);
  });

  it('with nothing active, stays with the session: no task or sprint changes', () => {
    const state = plan();
    const s = session(state, 0);
    const before = JSON.stringify(state.plan);
    const target = updateTarget(state.plan, s);
    recordUpdate(target, entry('reading the code'));
    expect(targetRef(target, s)).toEqual({ kind: 'session', code: 'SESSION-001' });
    expect(JSON.stringify(state.plan)).toBe(before);
  });

  it('the sprint worked in is the stack’s, else the active task’s own sprint', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    expect(activeSprint(state.plan, s)?.code).toBe('S-1');
    s.stack = s.stack.filter((f) => f.kind !== 'sprint');
    expect(activeSprint(state.plan, s)?.code).toBe('S-1');
    s.stack = [];
    expect(activeSprint(state.plan, s)).toBeNull();
  });
});
