/**
 * A plan and sessions built by core's own functions under a pinned clock, so a
 * core test reads as the steps a user takes: create, start, activate, wait.
 */
import { heardFrom } from '../../src/core/clock.js';
import { createSprint, createTask, estimateArg, findTask } from '../../src/core/plan.js';
import { activateTask, createSession } from '../../src/core/session.js';
import { Config } from '../../src/domain/config.js';
import type { PlanFile, Task } from '../../src/domain/plan.js';
import type { Session, SessionsFile } from '../../src/domain/session.js';

export const T0 = Date.parse('2026-01-05T10:00:00.000Z');
/** The pinned clock: `at(90)` is an hour and a half after T0. */
export const at = (minutes: number) => new Date(T0 + minutes * 60_000);
export const config = Config.parse({ schema_version: 1 });

export interface State {
  plan: PlanFile;
  sessions: SessionsFile;
}

/** Sprint S-1 with tasks T-1 and T-2, made at T0; no session yet. */
export function plan(): State {
  const state: State = { plan: { schema_version: 1, sprints: [], tasks: [] }, sessions: { schema_version: 1, sessions: [] } };
  createSprint(state.plan, { code: 'S-1', title: 'First sprint' }, at(0));
  createTask(state.plan, { code: 'T-1', title: 'Write the parser', sprint: 'S-1', estimate: estimateArg('1h', 8) }, at(0));
  createTask(state.plan, { code: 'T-2', title: 'Test the parser', sprint: 'S-1', depends: ['T-1'] }, at(0));
  return state;
}

export const task = (state: State, code: string): Task => findTask(state.plan, code);

/** A session started at `minutes`, with `code` activated at once when given, as session:start then task:activate do. */
export function session(state: State, minutes: number, code?: string, agent: string | null = null): Session {
  const s = createSession(state.sessions, { type: 'work', source: agent ? 'mcp' : 'tui', agent, user: null }, at(minutes));
  if (code) activateTask(s, state.plan, task(state, code), at(minutes));
  heardFrom(s, at(minutes));
  return s;
}
