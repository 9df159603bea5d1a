/**
 * The time rules of core, called directly with a pinned clock: tracked time
 * is never reduced by a switch, a resume, a heartbeat or a clock going back;
 * only a dead screen or silence past the staleness nudge is an interruption.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heardFrom, heartbeat } from '../../src/core/clock.js';
import { createTask } from '../../src/core/plan.js';
import { activateTask, completeTask, createSession, dormant, pauseSession, resumeSession } from '../../src/core/session.js';
import { sessionActiveSeconds, sessionTaskSeconds, taskSeconds } from '../../src/core/timer.js';
import { Config } from '../../src/domain/config.js';
import type { PlanFile } from '../../src/domain/plan.js';
import type { Session, SessionsFile } from '../../src/domain/session.js';

const T0 = Date.parse('2026-01-05T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const config = Config.parse({ schema_version: 1 });

/** Tasks T-1 and T-2, no sprint, no session yet. */
function home(): { plan: PlanFile; sessions: SessionsFile } {
  const plan: PlanFile = { schema_version: 1, sprints: [], tasks: [] };
  for (const code of ['T-1', 'T-2']) createTask(plan, { code, title: code }, at(0));
  return { plan, sessions: { schema_version: 1, sessions: [] } };
}

/** A session started at `minutes` with `code` activated at once, as session:start then task:activate do. */
function working(state: { plan: PlanFile; sessions: SessionsFile }, minutes: number, code = 'T-1', agent: string | null = null): Session {
  const session = createSession(state.sessions, { type: 'work', source: agent ? 'cli' : 'tui', agent, user: null }, at(minutes));
  activateTask(session, state.plan, state.plan.tasks.find((t) => t.code === code)!, at(minutes));
  heardFrom(session, at(minutes));
  return session;
}

const minutesOf = (seconds: number) => Math.round(seconds / 60);

describe('a clock going backwards', () => {
  it('closes a time entry at the last sign of life, not at its own start: 27 minutes stay 27', () => {
    const state = home();
    const session = working(state, 0);
    heardFrom(session, at(27));
    pauseSession(session, state.plan, at(-10), 'clock went back');
    expect(minutesOf(state.plan.tasks[0]!.actual_seconds)).toBe(27);
    expect(session.time_entries[0]!.end).toBe(at(27).toISOString());
  });

  it('never moves the last activity or the heartbeat back', () => {
    const state = home();
    const session = working(state, 0);
    heardFrom(session, at(30));
    heartbeat(session, at(31));
    heardFrom(session, at(5));
    heartbeat(session, at(6));
    expect(session.last_activity_at).toBe(at(30).toISOString());
    expect(session.heartbeat_at).toBe(at(31).toISOString());
  });

  it('shows the time tracked so far while the clock is behind, and counts on once it catches up', () => {
    const state = home();
    const session = working(state, 0);
    heardFrom(session, at(20));
    expect(minutesOf(taskSeconds(state.plan.tasks[0]!, state.sessions, at(-5)))).toBe(20);
    expect(minutesOf(sessionActiveSeconds(session, at(-5)))).toBe(20);
    expect(minutesOf(sessionTaskSeconds(session, 'T-1', at(-5)))).toBe(20);
    expect(minutesOf(taskSeconds(state.plan.tasks[0]!, state.sessions, at(25)))).toBe(25);
  });

  it('starts a new entry where the last one ended, so no stretch is counted twice', () => {
    const state = home();
    const session = working(state, 0);
    heardFrom(session, at(20));
    activateTask(session, state.plan, state.plan.tasks[1]!, at(5));
    heardFrom(session, at(5));
    expect(session.time_entries[1]!.start).toBe(at(20).toISOString());
    expect(minutesOf(taskSeconds(state.plan.tasks[1]!, state.sessions, at(30)))).toBe(10);
    expect(minutesOf(state.plan.tasks[0]!.actual_seconds)).toBe(20);
  });
});

describe('what counts as an interruption', () => {
  it('a session between two commands, silent less than the staleness nudge, is at work: resuming it stops and records nothing', () => {
    const state = home();
    const session = working(state, 0);
    heardFrom(session, at(5));
    expect(resumeSession(session, state.plan, at(7), config)).toEqual({ interrupted_for: 0 });
    expect(session.interruptions).toEqual([]);
    expect(minutesOf(taskSeconds(state.plan.tasks[0]!, state.sessions, at(7)))).toBe(7);
  });

  it('silence past the staleness nudge is an interruption: time stops at the last sign of life', () => {
    const state = home();
    const session = working(state, 0);
    heardFrom(session, at(5));
    expect(dormant(session, config, at(5 + 26))).toBe(true);
    expect(resumeSession(session, state.plan, at(5 + 26), config)).toEqual({ interrupted_for: 26 * 60 });
    expect(minutesOf(state.plan.tasks[0]!.actual_seconds)).toBe(5);
  });

  it('a heartbeat that stopped (the screen died) is an interruption after two missed beats, not before', () => {
    const state = home();
    const session = working(state, 0);
    heartbeat(session, at(10));
    expect(dormant(session, config, new Date(at(10).getTime() + 45_000))).toBe(false);
    expect(dormant(session, config, new Date(at(10).getTime() + 61_000))).toBe(true);
  });

  it('a task completed in another session stops a live session’s timer now, a dormant one’s at its last sign of life', () => {
    const live = home();
    const mine = working(live, 0);
    heardFrom(mine, at(5));
    const agent = working(live, 0, 'T-2', 'claude');
    completeTask(live.sessions, live.plan, live.plan.tasks[0]!, at(20), false, agent, config);
    expect(minutesOf(live.plan.tasks[0]!.actual_seconds)).toBe(20);

    const dead = home();
    const gone = working(dead, 0);
    heardFrom(gone, at(5));
    const other = working(dead, 0, 'T-2', 'claude');
    completeTask(dead.sessions, dead.plan, dead.plan.tasks[0]!, at(120), false, other, config);
    expect(minutesOf(dead.plan.tasks[0]!.actual_seconds)).toBe(5);
  });
});

/** One step of a screen and an agent on one home, at a clock reading that may go back. */
type Step = { kind: 'activity' | 'heartbeat' | 'pause' | 'resume' | 'switch' | 'activate'; minutes: number; who: 0 | 1; code: 0 | 1 };

const step = fc.record({
  kind: fc.constantFrom('activity', 'heartbeat', 'pause', 'resume', 'switch', 'activate'),
  minutes: fc.integer({ min: -30, max: 40 }),
  who: fc.constantFrom(0, 1),
  code: fc.constantFrom(0, 1),
}) as fc.Arbitrary<Step>;

/**
 * Time tracked on every task up to each session's own last sign of life: what
 * the home has evidence of. (A clock reading of 0 is behind every session, and
 * a session's time keeping never goes back past its last sign of life.)
 */
const evidenced = (state: { plan: PlanFile; sessions: SessionsFile }) => state.plan.tasks.map((t) => taskSeconds(t, state.sessions, new Date(0)));
/** Time on every task as a screen shows it at `now`. */
const shown = (state: { plan: PlanFile; sessions: SessionsFile }, now: Date) => state.plan.tasks.map((t) => taskSeconds(t, state.sessions, now));

const notLess = (after: number[], before: number[]) => after.forEach((seconds, i) => expect(seconds).toBeGreaterThanOrEqual(before[i]! - 1e-6));

describe('tracked time is never reduced', () => {
  it('by any sequence of switches, resumes, heartbeats, pauses and activations, under a clock that wanders back and forth', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const state = home();
        const sessions = [working(state, 0), working(state, 0, 'T-2', 'claude')];
        let clock = 0;
        let before = evidenced(state);
        for (const s of steps) {
          clock += s.minutes;
          const now = at(clock);
          const session = sessions[s.who]!;
          const other = sessions[1 - s.who]!;
          // Only taking up a dormant session may stop a timer in the past: the silence was nobody's work.
          const takesUpDormant = (s.kind === 'resume' || s.kind === 'switch') && dormant(session, config, now);
          const onScreen = shown(state, now);
          if (s.kind === 'activity') heardFrom(session, now);
          else if (s.kind === 'heartbeat' && session.status === 'active') heartbeat(session, now);
          else if (s.kind === 'pause' && session.status === 'active') pauseSession(session, state.plan, now, null);
          else if (s.kind === 'resume') resumeSession(session, state.plan, now, config);
          else if (s.kind === 'switch') {
            if (other.status === 'active') pauseSession(other, state.plan, now, `switched to ${session.key}`);
            resumeSession(session, state.plan, now, config);
          } else if (s.kind === 'activate') activateTask(session, state.plan, state.plan.tasks[s.code]!, now);
          if (s.kind !== 'heartbeat') heardFrom(session, now);
          const after = evidenced(state);
          notLess(after, before);
          if (!takesUpDormant) notLess(shown(state, now), onScreen);
          before = after;
        }
      }),
      { numRuns: 300 },
    );
  });
});
