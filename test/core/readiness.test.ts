/** What must hold before a task, a sprint or a session is closed, and the command offered to fix each finding. */
import { describe, expect, it } from 'vitest';
import { completeTask } from '../../src/core/session.js';
import { createTask, findSprint, isClosed } from '../../src/core/plan.js';
import { evidenceFinding, sessionEndReadiness, sprintReadiness, taskReadiness } from '../../src/core/readiness.js';
import { at, config, plan, session, task } from './state.js';

const checks = (r: { errors: { check: string }[]; warnings: { check: string }[] }) => ({ errors: r.errors.map((f) => f.check), warnings: r.warnings.map((f) => f.check) });

describe('isClosed', () => {
  it('is true of completed and cancelled alone', () => {
    expect(['pending', 'in_progress', 'blocked', 'completed', 'cancelled', 'planned'].filter((status) => isClosed({ status }))).toEqual(['completed', 'cancelled']);
  });
});

describe('taskReadiness', () => {
  it('a task never started, with no summary and no update, fails each with the command that fixes it', () => {
    const state = plan();
    const r = taskReadiness(state.plan, task(state, 'T-1'), 0, config, false);
    expect(checks(r)).toEqual({ errors: ['summary', 'context_updates', 'started'], warnings: ['time'] });
    expect(r.errors.map((f) => f.fix?.run)).toEqual([
      { command: 'task:deactivate', args: { code: 'T-1', summary: '…' } },
      { command: 'task:activate', args: { code: 'T-1' } },
      { command: 'task:activate', args: { code: 'T-1' } },
    ]);
  });

  it('the active task, summarised with two updates and time near its estimate, is ready', () => {
    const state = plan();
    session(state, 0, 'T-1');
    const t1 = task(state, 'T-1');
    t1.summary = 'reads every heading';
    t1.updates.push({ at: at(5).toISOString(), text: 'a', session: null }, { at: at(9).toISOString(), text: 'b', session: null });
    expect(checks(taskReadiness(state.plan, t1, 50 * 60, config, true))).toEqual({ errors: [], warnings: [] });
  });

  it('one update is enough but warned about; far over the estimate offers the estimate it took', () => {
    const state = plan();
    session(state, 0, 'T-1');
    const t1 = task(state, 'T-1');
    t1.summary = 'done';
    t1.updates.push({ at: at(5).toISOString(), text: 'a', session: null });
    const r = taskReadiness(state.plan, t1, 3 * 3600, config, true);
    expect(checks(r)).toEqual({ errors: [], warnings: ['context_updates', 'estimate'] });
    expect(r.warnings[1]).toMatchObject({ message: 'T-1 took 3h against 1h estimated (3×)', fix: { run: { command: 'estimate', args: { duration: '3h', task: 'T-1' } } } });
  });

  it('waits on open dependencies and open subtasks, but not on those closing with it or already closed', () => {
    const state = plan();
    createTask(state.plan, { code: 'T-2.1', title: 'cases', parent: 'T-2' }, at(0));
    createTask(state.plan, { code: 'T-2.2', title: 'edge cases', parent: 'T-2' }, at(0));
    const t2 = task(state, 'T-2');
    expect(checks(taskReadiness(state.plan, t2, 0, config, false)).errors).toEqual(['summary', 'context_updates', 'started', 'dependencies', 'subtasks', 'subtasks']);
    task(state, 'T-2.2').status = 'cancelled';
    expect(checks(taskReadiness(state.plan, t2, 0, config, false, new Set(['T-1', 'T-2.1']))).errors).toEqual(['summary', 'context_updates', 'started']);
    const s = session(state, 0, 'T-1');
    completeTask(state.sessions, state.plan, task(state, 'T-1'), at(1), false, s, config);
    expect(checks(taskReadiness(state.plan, t2, 0, config, false)).errors).not.toContain('dependencies');
  });
});

describe('evidenceFinding', () => {
  it('a passing check finds nothing; a failing, stopped or unstartable one says how it ended', () => {
    const base = { command: 'npm test', seconds: 3, at: at(0).toISOString(), output_tail: '', timed_out: false };
    expect(evidenceFinding({ ...base, exit_code: 0 })).toBeNull();
    expect(evidenceFinding({ ...base, exit_code: 1 })?.message).toContain('`npm test` exited 1');
    expect(evidenceFinding({ ...base, exit_code: null, timed_out: true, seconds: 60 })?.message).toContain('did not finish within 60 s');
    expect(evidenceFinding({ ...base, exit_code: null })?.message).toContain('could not run');
  });
});

describe('sprintReadiness', () => {
  it('an open task is an error naming it; no retrospective, deliverables or next sprint are warnings', () => {
    const state = plan();
    const r = sprintReadiness(state.plan, findSprint(state.plan, 'S-1'));
    expect(checks(r)).toEqual({ errors: ['tasks'], warnings: ['retrospective', 'deliverables', 'next_sprint'] });
    expect(r.errors[0]!.message).toBe('2 task(s) of S-1 are not completed or cancelled: T-1, T-2');
  });

  it('cancelled tasks count as closed', () => {
    const state = plan();
    for (const t of state.plan.tasks) t.status = 'cancelled';
    expect(checks(sprintReadiness(state.plan, findSprint(state.plan, 'S-1'))).errors).toEqual([]);
  });
});

describe('sessionEndReadiness', () => {
  it('an active task is an error; a missing summary a warning', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    expect(checks(sessionEndReadiness(s, null))).toEqual({ errors: ['active_task'], warnings: ['summary'] });
    s.stack = [];
    expect(checks(sessionEndReadiness(s, 'wrote the parser'))).toEqual({ errors: [], warnings: [] });
  });
});
