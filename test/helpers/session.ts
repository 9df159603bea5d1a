/**
 * Helpers for the session e2e tests: a pinned clock, the example plan, and the
 * envelope rules every mutating command must keep (SPEC 4).
 */
import { expect } from 'vitest';
import type { Activity } from '../../src/domain/activity.js';
import type { ContextFrame, SessionView } from '../../src/core/recovery.js';
import type { TaskDetail } from '../../src/core/views.js';
import type { Envelope } from '../../src/runner/define.js';
import { fragmentsJson, type AnswerTo } from './cli.js';

export type Answer<Words = string[]> = Envelope<AnswerTo<Words>> & { exit: number };
/** Any answer, whatever its data. */
type Answered = Omit<Envelope, 'data'> & { exit: number };

/** The moment every scenario starts: T0. */
export const T0 = Date.parse('2026-01-05T09:00:00.000Z');

/** T0 + `minutes`, as the ISO time FRAGMENTS_NOW pins. */
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** Runs `fragments ARGS --json` with the clock pinned at T0 + `minutes`. */
export function cli<const Words extends string[]>(home: string, minutes: number, ...args: Words): Promise<Answer<Words>> {
  return fragmentsJson(home, args, { FRAGMENTS_NOW: at(minutes) });
}

/** Asserts the command answered success (exit 0), showing the error when it did not. */
export function ok<A extends Answered>(answer: A): A {
  expect(answer.success, `${answer.command} failed: ${JSON.stringify(answer.error)}`).toBe(true);
  expect(answer.exit).toBe(0);
  return answer;
}

/** The envelope rules of SPEC 4 for a command that changed state. */
export function expectGuided(answer: Answered, sessionKey: string | null): void {
  expect(answer.schema_version).toBe(1);
  expect(answer).toHaveProperty('session_key');
  expect(answer.session_key).toBe(sessionKey);
  const instructions = answer.instructions;
  expect(instructions, `${answer.command} has no instructions`).toBeDefined();
  expect(instructions!.next_actions.length, `${answer.command}: ${JSON.stringify(instructions!.next_actions)}`).toBeGreaterThanOrEqual(1);
  expect(instructions!.next_actions.length).toBeLessThanOrEqual(3);
  for (const action of instructions!.next_actions) expect(action.trim()).not.toBe('');
  expect(instructions!.suggested_commands.length, `${answer.command} suggests nothing`).toBeGreaterThanOrEqual(1);
  for (const line of instructions!.suggested_commands) expect(line).toMatch(/^fragments \S/);
}

/** Splits a suggested command line into words, the way a shell would for these lines. */
export function words(line: string): string[] {
  return [...line.matchAll(/"(?:[^"\\]|\\.)*"|\S+/g)].map(([w]) => (w.startsWith('"') ? (JSON.parse(w) as string) : w));
}

/** A home with the example plan, an open session and `task` active since T0. */
export async function working(home: string, task = 'T-SESS-01-DB'): Promise<void> {
  ok(await cli(home, 0, 'import', 'examples/sprint-plan.md'));
  ok(await cli(home, 0, 'session:start'));
  ok(await cli(home, 0, 'task:activate', task));
}

// Shapes of `data` the tests read (SPEC 4 names), as the commands export them.
export type Frame = ContextFrame;
export type TaskData = TaskDetail;
export type ActivityData = Activity;
export type SessionData = SessionView;

/** `data` read as the shape `T` the contract promises. */
export const data = <T>(answer: { data: unknown }) => answer.data as T;

/** Codes of a context stack, `project` first. */
export const stackOf = (frames: Frame[]) => frames.map((f) => (f.kind === 'project' ? 'project' : `${f.kind}:${f.code}`));
