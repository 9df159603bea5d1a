/**
 * Recovery (SPEC 6) seen from a new agent: the old one died without a word, or was
 * SIGKILLed in the middle of writing; one `session:resume` must hand back everything,
 * with nothing acknowledged lost. And retries with a request id change nothing (SPEC 4).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, fragmentsJson, tempHome } from '../helpers/cli.js';
import { start, stopped } from '../helpers/processes.js';
import {
  type ActivityData,
  at,
  cli,
  data,
  expectGuided,
  type Frame,
  ok,
  type SessionData,
  stackOf,
  type TaskData,
  working,
} from '../helpers/session.js';
import { homeEnv } from '../helpers/store-env.js';

const SESSION = 'SESSION-001';
const TASK = 'T-SESS-01-DB';
const SPRINT = 'SPRINT-SESS-1';

/** `HH:mm` of a pinned minute in local time, as `last_actions` writes it. */
const hhmm = (minutes: number) => new Date(at(minutes)).toTimeString().slice(0, 5);

interface Recovery {
  session: SessionData;
  context_stack: Frame[];
  active_task: TaskData & { title: string };
  last_activity_at: string;
  activities_since_start: number;
  interrupted_for: number;
  last_actions: string[];
}

describe('a killed agent: no pause, simply no more commands', () => {
  const home = tempHome('killed-agent');
  // Activated at T0; t1 < t2 < t3; the new agent turns up at t3 + 2h.
  const [t1, t2, t3] = [5, 12, 20];
  const back = t3 + 120;
  let resumed: Awaited<ReturnType<typeof cli>>;
  let recovery: Recovery;

  it('the old agent worked: update, note, log', async () => {
    await working(home, TASK);
    ok(await cli(home, t1, 'update', 'Created migration files'));
    ok(await cli(home, t2, 'note', 'SQLite needs WAL mode'));
    ok(await cli(home, t3, 'log', 'Ran the migrations'));
    // …and died here: no pause, no end.
  });

  it('`session:resume` in a new process answers with instructions to carry on', async () => {
    resumed = ok(await cli(home, back, 'session:resume'));
    recovery = data<Recovery>(resumed);
    expectGuided(resumed, SESSION);
    expect(resumed.instructions!.next_actions.join(' ')).toContain(TASK);
  });

  it('returns the context stack project > sprint > task', () => {
    expect(stackOf(recovery.context_stack)).toEqual(['project', `sprint:${SPRINT}`, `task:${TASK}`]);
  });

  it('returns the active task in full', () => {
    expect(recovery.active_task).toMatchObject({ code: TASK, title: 'Database schema', status: 'in_progress', updates_count: 1 });
    expect(recovery.active_task.updates?.map((u) => u.text)).toEqual(['Created migration files']);
  });

  it('returns the last three actions in order: update, note, log', () => {
    expect(recovery.last_actions).toEqual([
      `${hhmm(t1)} update "Created migration files"`,
      `${hhmm(t2)} note "SQLite needs WAL mode"`,
      `${hhmm(t3)} log "Ran the migrations"`,
    ]);
  });

  it('reports the 2 h interruption, from the last activity to the resume', () => {
    expect(recovery.interrupted_for).toBe(2 * 3600);
    expect(recovery.session.interruptions).toEqual([
      expect.objectContaining({ from: at(t3), to: at(back), seconds: 2 * 3600 }),
    ]);
  });

  it('`last_activity_at` is when the old agent was last seen (t3), not the resume itself', () => {
    expect(recovery.last_activity_at).toBe(at(t3));
  });

  it('stops the task’s time at the last activity (t3 − activation), not at resume time', async () => {
    expect(recovery.active_task.actual_seconds).toBe(t3 * 60);
    const show = ok(await cli(home, back, 'task:show'));
    expect(data<{ task: TaskData }>(show).task.actual_seconds).toBe(t3 * 60);
  });

  it('restarts the task’s timer at the resume', async () => {
    const show = ok(await cli(home, back + 10, 'task:show'));
    expect(data<{ task: TaskData }>(show).task.actual_seconds).toBe((t3 + 10) * 60);
  });

  it('the session is found again with `session:list --status active`', async () => {
    const list = ok(await cli(home, back + 10, 'session:list', '--status', 'active'));
    expect(data<{ sessions: SessionData[] }>(list).sessions.map((s) => s.key)).toEqual([SESSION]);
  });
});

describe('a real crash: SIGKILL in the middle of a stream of updates', () => {
  const DRIVER = new URL('./fixtures/updates.mjs', import.meta.url).pathname;
  const KILLS = 3; // each kill leaves the home lock behind: the next run waits ~3 s for it to go stale

  /** Runs the update stream from number `from` and SIGKILLs it once it has written a few. */
  async function streamAndKill(home: string, from: number): Promise<{ tried: number[]; acknowledged: number[]; failures: string[] }> {
    const child = spawn(process.execPath, [DRIVER, String(from)], {
      env: { ...process.env, ...homeEnv(home), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = { tried: [] as number[], acknowledged: [] as number[], failures: [] as string[] };
    let buffered = '';
    let stderr = '';
    let enough: () => void = () => {};
    const wroteSome = new Promise<void>((resolve) => (enough = resolve));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!; // only whole lines count
      for (const line of lines) {
        const [word, n] = line.split(' ');
        if (word === 'try') result.tried.push(Number(n));
        else if (word === 'ok') result.acknowledged.push(Number(n));
        else result.failures.push(line);
      }
      if (result.acknowledged.length >= 3) enough();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_code, signal) => {
        enough();
        resolve(signal);
      }),
    );
    await wroteSome;
    // Land somewhere inside a later command: loading, locked, or writing.
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 150)));
    child.kill('SIGKILL');
    const signal = await closed;
    if (stderr.trim()) result.failures.push(`stderr: ${stderr.trim()}`);
    expect(signal, 'the stream ended on its own').toBe('SIGKILL');
    return result;
  }

  it('keeps every update that answered success, and resume carries on', async () => {
    const home = tempHome('crash');
    for (const args of [['import', 'examples/sprint-plan.md'], ['session:start'], ['task:activate', TASK]]) {
      ok(await fragmentsJson(home, args));
    }
    const tried: number[] = [];
    const acknowledged: number[] = [];
    let next = 1;
    for (let kill = 0; kill < KILLS; kill++) {
      const run = await streamAndKill(home, next);
      expect(run.failures, `run ${kill + 1} reported failures`).toEqual([]);
      tried.push(...run.tried);
      acknowledged.push(...run.acknowledged);
      next = (run.tried.at(-1) ?? next) + 1; // the one in flight may or may not be on disk
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(3 * KILLS);

    const resumed = ok(await fragmentsJson(home, ['session:resume']));
    expect(data<Recovery>(resumed).active_task.code).toBe(TASK);

    const show = ok(await fragmentsJson(home, ['task:show']));
    const texts = (data<{ task: TaskData }>(show).task.updates ?? []).map((u) => u.text);
    const kept = texts.map((t) => Number(t.replace('crash-update-', '')));
    expect(acknowledged.filter((n) => !kept.includes(n)), 'acknowledged updates lost').toEqual([]);
    expect(new Set(kept).size, 'an update is duplicated').toBe(kept.length);
    expect(kept.filter((n) => !tried.includes(n)), 'updates nobody sent').toEqual([]);
    expect(kept, 'updates out of order').toEqual([...kept].sort((a, b) => a - b));
    // What the new agent reads back as its last action is one of the updates sent.
    const last = /update "crash-update-(\d+)"$/.exec(data<Recovery>(resumed).last_actions.at(-1) ?? '');
    expect(last, 'the last action is an update').not.toBeNull();
    expect(tried).toContain(Number(last![1]));
  });
});

describe('a commit that dies between two files of the home', () => {
  // A SIGKILL landing between the files of a `done`: the process stops itself once the
  // first file is in place and the others are not (FRAGMENTS_STOP_AT), and is killed there.
  // The `done` was never acknowledged, so it may be wholly in or wholly out, not half.
  it('leaves `done` all-or-nothing: a completed task is never still the active one', async () => {
    const home = tempHome('torn');
    await working(home, TASK);
    ok(await cli(home, 5, 'update', 'Created migration files'));
    const done = start(home, BIN, ['done', 'Schema in place', '--json'], { FRAGMENTS_NOW: at(30), FRAGMENTS_STOP_AT: 'installing' });
    await stopped(done.child.pid!);
    done.child.kill('SIGKILL');
    await done.exited;
    expect(done.stdout(), 'the interrupted `done` cannot have answered').toBe('');

    const context = ok(await cli(home, 40, 'context'));
    const show = ok(await cli(home, 40, 'task:show', TASK));
    const task = data<{ task: TaskData }>(show).task;
    const onStack = stackOf(data<{ context_stack: Frame[] }>(context).context_stack).includes(`task:${TASK}`);
    if (task.status === 'completed') {
      expect(onStack, `${TASK} is completed yet still on the stack`).toBe(false);
      expect(task.actual_seconds, 'its time kept running after completion').toBe(30 * 60);
    } else {
      expect(task.status).toBe('in_progress');
      expect(onStack).toBe(true);
    }
  });
});

describe('idempotent retries with --request-id', () => {
  const home = tempHome('idempotent');
  const answers: Awaited<ReturnType<typeof cli>>[] = [];

  it('`update "x" --request-id abc` sent 5 times answers 5 times with the first envelope, the retries marked as replays', async () => {
    await working(home, TASK);
    for (let attempt = 1; attempt <= 5; attempt++) {
      answers.push(ok(await cli(home, attempt, 'update', 'x', '--request-id', 'abc')));
    }
    expectGuided(answers[0]!, SESSION);
    expect(answers[0]!.data.replayed).toBeUndefined();
    for (const retry of answers.slice(1)) {
      const { replayed, replayed_at, ...first } = retry.data;
      expect([replayed, replayed_at]).toEqual([true, at(1)]);
      expect({ ...retry, data: first }).toEqual(answers[0]);
    }
  });

  it('adds exactly one context update to the task', async () => {
    const show = ok(await cli(home, 6, 'task:show'));
    expect(data<{ task: TaskData }>(show).task.updates).toEqual([{ at: at(1), text: 'x', session: SESSION }]);
  });

  it('records exactly one update activity in the history', async () => {
    const history = ok(await cli(home, 6, 'history', '--limit', '100'));
    const activities = data<{ activities: ActivityData[] }>(history).activities;
    expect(activities.filter((a) => a.kind === 'update')).toHaveLength(1);
    expect(activities.map((a) => a.kind)).toEqual(['command', 'context_switch', 'update']);
  });

  it('a new request id is a new update', async () => {
    ok(await cli(home, 7, 'update', 'x', '--request-id', 'abd'));
    const show = ok(await cli(home, 7, 'task:show'));
    expect(data<{ task: TaskData }>(show).task.updates).toHaveLength(2);
  });
});
