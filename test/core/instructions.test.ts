/** What a command's answer says to do next, from the state after it. */
import { describe, expect, it } from 'vitest';
import { buildInstructions, type Invocation, type InstructionState } from '../../src/core/instructions.js';
import { completeTask, pauseSession } from '../../src/core/session.js';
import { blockTask } from '../../src/core/task-state.js';
import { at, config, plan, session, task, type State } from './state.js';

/** A face's syntax, simplified: `command key=value`. */
const render = (i: Invocation) => [i.command, ...Object.entries(i.args ?? {}).map(([k, v]) => `${k}=${v}`)].join(' ');
const of = (state: State, key: string | null, minutes: number): InstructionState => ({
  ...state,
  config,
  session: state.sessions.sessions.find((s) => s.key === key) ?? null,
  now: at(minutes),
});

describe('buildInstructions', () => {
  it('with no session, says to start one', () => {
    const state = plan();
    const i = buildInstructions(of(state, null, 0), {}, render);
    expect(i.next_actions).toEqual(['Start a work session so updates, time and next steps are tracked']);
    expect(i.suggested_commands).toEqual(['session:start', 'next']);
    expect(i.context_reminder).toEqual({ session: null, sprint: null, task: null, time_elapsed: null, estimate: null });
  });

  it('in a session with nothing active, offers the next ready task', () => {
    const state = plan();
    session(state, 0);
    const i = buildInstructions(of(state, 'SESSION-001', 0), {}, render);
    expect(i.next_actions[0]).toBe('Activate T-1 (Write the parser), the next ready task');
    expect(i.suggested_commands[0]).toBe('task:activate code=T-1');
  });

  it('on a fresh task asks for an update, and reminds of time, estimate and sprint progress', () => {
    const state = plan();
    session(state, 0, 'T-1');
    const i = buildInstructions(of(state, 'SESSION-001', 20), {}, render);
    expect(i.next_actions).toEqual(['Record progress on T-1 (Write the parser) with a context update as you work']);
    expect(i.suggested_commands).toEqual(['update text=…', 'note text=…']);
    expect(i.context_reminder).toMatchObject({ session: 'SESSION-001', sprint: 'S-1', task: 'T-1', time_elapsed: '20m', estimate: '1h' });
    expect(i.progress).toMatchObject({ context_updates: 0, estimated_remaining: '40m', sprint: '0/2' });
  });

  it('nudges after the staleness limit without an update, and past the estimate', () => {
    const state = plan();
    session(state, 0, 'T-1');
    task(state, 'T-1').updates.push({ at: at(1).toISOString(), text: 'started', session: null });
    expect(buildInstructions(of(state, 'SESSION-001', 20), {}, render).suggestions).toEqual([]);
    const late = buildInstructions(of(state, 'SESSION-001', 70), {}, render);
    expect(late.next_actions).toEqual([
      'No update on T-1 for 1h 9m: record where it stands',
      'T-1 has taken 1h 10m against 1h estimated: finish it or change the estimate',
      'Keep T-1 current with updates; finish it with a summary of what was done',
    ]);
    expect(late.suggestions.map((s) => s.type)).toEqual(['stale_task', 'update_estimate']);
  });

  it('a blocked task is to be unblocked; a paused session to be resumed first', () => {
    const state = plan();
    const s = session(state, 0, 'T-1');
    blockTask(s, state.plan, task(state, 'T-1'), 'waiting on review', at(5));
    pauseSession(s, state.plan, at(6), null);
    const i = buildInstructions(of(state, 'SESSION-001', 7), {}, render);
    expect(i.next_actions[0]).toBe('SESSION-001 is paused, so no time is counted: resume it when work goes on');
    expect(i.next_actions[1]).toContain('T-1 is blocked (waiting on review)');
    expect(i.suggested_commands.slice(0, 2)).toEqual(['session:resume', 'unblock']);
  });

  it('puts a handler’s own advice first, its optional fixes after the state’s, and says nothing twice', () => {
    const state = plan();
    session(state, 0, 'T-1');
    const i = buildInstructions(
      of(state, 'SESSION-001', 1),
      { next_actions: ['Run the tests'], suggest: [{ command: 'update', args: { text: '…' } }], suggestLater: [{ command: 'estimate', args: { duration: '2h' } }], required_actions: [{ say: 'Name a summary', run: { command: 'done', args: { summary: '…' } } }] },
      render,
    );
    expect(i.next_actions[0]).toBe('Run the tests');
    expect(i.suggested_commands).toEqual(['update text=…', 'note text=…', 'estimate duration=2h']);
    expect(i.required_actions).toEqual(['Name a summary: done summary=…']);
  });

  it('tells a session that another one completed its task, and that the task is shared while both hold it', () => {
    const state = plan();
    session(state, 0, 'T-1', 'claude');
    const me = session(state, 1, 'T-1');
    expect(buildInstructions(of(state, 'SESSION-002', 2), {}, render).suggestions).toEqual([{ type: 'shared_task', task: 'T-1', reason: 'also active in SESSION-001' }]);
    completeTask(state.sessions, state.plan, task(state, 'T-1'), at(3), false, me, config);
    const other = buildInstructions(of(state, 'SESSION-001', 4), {}, render);
    expect(other.validation_warnings[0]).toMatch(/^T-1, active in SESSION-001, was completed by SESSION-002/);
  });
});
