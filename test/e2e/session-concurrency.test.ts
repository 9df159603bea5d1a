/**
 * Two agents in one home, each in its own session named with --session KEY:
 * separate stacks, separate timers, a warning when they take the same task;
 * and session keys that stay distinct when processes start sessions at once.
 */
import { describe, expect, it } from 'vitest';
import { fragmentsJson, tempHome } from '../helpers/cli.js';
import { cli, data, expectGuided, type Frame, ok, type SessionData, stackOf } from '../helpers/session.js';

const DB = 'T-SESS-01-DB';
const MODELS = 'T-SESS-01-MODELS';
const SPRINT = 'SPRINT-SESS-1';

interface Status {
  session: SessionData;
  active_task: { code: string; session_seconds: number } | null;
}

describe('two sessions at once in one home', () => {
  const home = tempHome('two-sessions');

  it('`session:start` then `session:start --new` open SESSION-001 and SESSION-002', async () => {
    ok(await cli(home, 0, 'import', 'examples/sprint-plan.md'));
    const first = ok(await cli(home, 0, 'session:start'));
    const second = ok(await cli(home, 0, 'session:start', '--new'));
    expect([first.data.session_key, second.data.session_key]).toEqual(['SESSION-001', 'SESSION-002']);
    expect(second.data.resumed).toBe(false);
  });

  it('each session activates its own task with --session', async () => {
    const one = ok(await cli(home, 0, 'task:activate', DB, '--session', 'SESSION-001'));
    const two = ok(await cli(home, 5, 'task:activate', MODELS, '--session', 'SESSION-002'));
    expectGuided(one, 'SESSION-001');
    expectGuided(two, 'SESSION-002');
    expect(one.instructions!.validation_warnings).toEqual([]);
    expect(two.instructions!.validation_warnings).toEqual([]);
  });

  it('each has its own stack', async () => {
    const one = ok(await cli(home, 30, 'context', '--session', 'SESSION-001'));
    const two = ok(await cli(home, 30, 'context', '--session', 'SESSION-002'));
    expect(stackOf(data<{ context_stack: Frame[] }>(one).context_stack)).toEqual(['project', `sprint:${SPRINT}`, `task:${DB}`]);
    expect(stackOf(data<{ context_stack: Frame[] }>(two).context_stack)).toEqual(['project', `sprint:${SPRINT}`, `task:${MODELS}`]);
  });

  it('each has its own timer', async () => {
    const one = ok(await cli(home, 30, 'session:status', '--session', 'SESSION-001'));
    const two = ok(await cli(home, 30, 'session:status', '--session', 'SESSION-002'));
    expect(data<Status>(one).active_task).toEqual({ code: DB, title: 'Database schema', session_seconds: 30 * 60 });
    expect(data<Status>(two).active_task).toEqual({ code: MODELS, title: 'Models', session_seconds: 25 * 60 });
  });

  it('an update without a code lands on the task of the session it names', async () => {
    const one = ok(await cli(home, 31, 'update', 'Tables drafted', '--session', 'SESSION-001'));
    const two = ok(await cli(home, 31, 'update', 'Model classes drafted', '--session', 'SESSION-002'));
    expect(one.data.target).toEqual({ kind: 'task', code: DB });
    expect(two.data.target).toEqual({ kind: 'task', code: MODELS });
  });

  it('activating a task another session holds warns, naming that session', async () => {
    const shared = ok(await cli(home, 32, 'task:activate', DB, '--session', 'SESSION-002'));
    const warnings = shared.instructions!.validation_warnings;
    expect(warnings.some((w) => w.includes(DB) && w.includes('SESSION-001')), JSON.stringify(warnings)).toBe(true);
    expect(shared.instructions!.next_actions.join(' ')).toContain('SESSION-001');
  });
});

describe('sessions started at the same moment', () => {
  it('6 concurrent `session:start --new` get 6 distinct keys', async () => {
    const home = tempHome('start-race');
    const answers = await Promise.all(Array.from({ length: 6 }, () => fragmentsJson(home, ['session:start', '--new'])));
    for (const answer of answers) ok(answer);
    const keys = answers.map((a) => a.data.session_key as string);
    expect(new Set(keys).size, keys.join(', ')).toBe(6);
    expect([...keys].sort()).toEqual(['SESSION-001', 'SESSION-002', 'SESSION-003', 'SESSION-004', 'SESSION-005', 'SESSION-006']);

    const list = ok(await fragmentsJson(home, ['session:list']));
    expect(data<{ sessions: SessionData[] }>(list).sessions.map((s) => s.key).sort()).toEqual([...keys].sort());
  });
});
