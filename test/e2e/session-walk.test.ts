/**
 * A work session walked end to end through the real `fragments … --json`, as an agent
 * drives it: after `task:activate` no command names a task or sprint again.
 *
 * Commands of the full walk (11):
 *   with a code (2):    sprint:activate SPRINT-SESS-1, task:activate T-SESS-01-DB
 *   without a code (9): import FILE, session:start, update, note, log, done (refused),
 *                       done "…", context, session:end --summary
 * The last test checks that tally against the command lines actually run.
 */
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';
import {
  type ActivityData,
  type Answer,
  at,
  cli,
  data,
  expectGuided,
  type Frame,
  ok,
  type SessionData,
  stackOf,
  type TaskData,
  words,
  working,
} from '../helpers/session.js';

const SESSION = 'SESSION-001';
const TASK = 'T-SESS-01-DB';
const SPRINT = 'SPRINT-SESS-1';
const CODE = /^(?:T|SPRINT)-[A-Z0-9-]+$/i;

describe('the full walk: plan to closed session, no code typed after task:activate', () => {
  const home = tempHome('walk');
  const ran: string[][] = [];
  /** Every command of the walk goes through here, so the id/no-id tally is of what really ran. */
  const step = (minutes: number, ...args: string[]): Promise<Answer> => {
    ran.push(args);
    return cli(home, minutes, ...args);
  };

  it('imports the example plan: 2 sprints, 21 tasks', async () => {
    const answer = ok(await step(0, 'import', 'examples/sprint-plan.md'));
    expectGuided(answer, null);
    const report = data<{ report: { sprints: { created: string[] }; tasks: { created: string[] } } }>(answer).report;
    expect(report.sprints.created).toEqual([SPRINT, 'SPRINT-SESS-2']);
    expect(report.tasks.created).toHaveLength(21);
  });

  it('starts SESSION-001 and suggests the next ready task', async () => {
    const answer = ok(await step(0, 'session:start'));
    expectGuided(answer, SESSION);
    expect(answer.data.session_key).toBe(SESSION);
    expect(answer.data.resumed).toBe(false);
    expect(answer.instructions!.suggested_commands).toContain(`fragments task:activate ${TASK}`);
  });

  it('activates the sprint: it is pushed on the stack and in progress', async () => {
    const answer = ok(await step(0, 'sprint:activate', SPRINT));
    expectGuided(answer, SESSION);
    const { sprint, context_stack } = data<{ sprint: { status: string }; context_stack: Frame[] }>(answer);
    expect(sprint.status).toBe('in_progress');
    expect(stackOf(context_stack)).toEqual(['project', `sprint:${SPRINT}`]);
  });

  it('activates the task: project > sprint > task, and the next step is a context update', async () => {
    const answer = ok(await step(0, 'task:activate', TASK));
    expectGuided(answer, SESSION);
    const { task, context_stack } = data<{ task: TaskData; context_stack: Frame[] }>(answer);
    expect(task.status).toBe('in_progress');
    expect(stackOf(context_stack)).toEqual(['project', `sprint:${SPRINT}`, `task:${TASK}`]);
    expect(answer.instructions!.context_reminder.task).toBe(TASK);
    expect(answer.instructions!.suggested_commands.some((c) => c.startsWith('fragments update '))).toBe(true);
  });

  it('`update` lands on the active task without naming it', async () => {
    const answer = ok(await step(10, 'update', 'Created the migration files'));
    expectGuided(answer, SESSION);
    expect(answer.data.target).toEqual({ kind: 'task', code: TASK });
    expect(answer.data.updates_count).toBe(1);
    expect(answer.instructions!.progress.context_updates).toBe(1);
  });

  it('`note` lands on the active task without naming it', async () => {
    const answer = ok(await step(15, 'note', 'SQLite needs WAL mode for the TUI'));
    expectGuided(answer, SESSION);
    expect(answer.data.target).toEqual({ kind: 'task', code: TASK });
  });

  it('`log` records a session activity tagged with the active task', async () => {
    const answer = ok(await step(20, 'log', 'Ran the migrations against a scratch database'));
    expectGuided(answer, SESSION);
    const { activity } = data<{ activity: ActivityData }>(answer);
    expect(activity).toMatchObject({ kind: 'log', task: TASK, text: 'Ran the migrations against a scratch database' });
  });

  it('`done` without a summary is refused, naming the missing summary and the exact fixing command', async () => {
    const answer = await step(30, 'done');
    expect(answer.exit).toBe(1);
    expect(answer.success).toBe(false);
    expect(answer.error?.code).toBe('VALIDATION_FAILED');
    expectGuided(answer, SESSION);
    const { validation_errors, required_actions } = answer.instructions!;
    expect(validation_errors.some((e) => /summary/i.test(e) && e.includes(TASK))).toBe(true);
    expect(required_actions.some((a) => a.endsWith('fragments done "…"'))).toBe(true);
    expect(data<{ task: TaskData }>(answer).task.status).toBe('in_progress');
  });

  it('`done "…"` completes the task with the exact time since activation (40 min) and pops it', async () => {
    const answer = ok(await step(40, 'done', 'Schema and migrations in place'));
    expectGuided(answer, SESSION);
    const { task } = data<{ task: TaskData }>(answer);
    expect(task).toMatchObject({ code: TASK, status: 'completed', summary: 'Schema and migrations in place', incomplete: false });
    expect(task.actual_seconds).toBe(40 * 60);
    expect(answer.instructions!.context_reminder.task).toBeNull();
  });

  it('`context` shows the stack without the completed task', async () => {
    const answer = ok(await step(40, 'context'));
    expect(answer.schema_version).toBe(1);
    expect(answer.session_key).toBe(SESSION);
    expect(stackOf(data<{ context_stack: Frame[] }>(answer).context_stack)).toEqual(['project', `sprint:${SPRINT}`]);
    expect(answer.data.active_task).toBeNull();
  });

  it('`session:end --summary` closes the session and lists the completed task with its time', async () => {
    const answer = ok(await step(45, 'session:end', '--summary', 'Schema done; models next'));
    expectGuided(answer, SESSION);
    const { session, summary } = data<{ session: SessionData; summary: Record<string, unknown> }>(answer);
    expect(session.status).toBe('completed');
    expect(summary).toMatchObject({
      duration_seconds: 45 * 60,
      tasks_completed: [{ code: TASK, seconds: 40 * 60 }],
      updates: 1,
      summary: 'Schema done; models next',
    });
  });

  it('needed a code in 2 commands of 11, and none after task:activate', () => {
    const named = ran.filter((args) => args.some((w) => CODE.test(w)));
    expect(named.map((args) => args[0])).toEqual(['sprint:activate', 'task:activate']);
    expect(ran.length - named.length).toBe(9);
    const afterActivate = ran.slice(ran.findIndex((args) => args[0] === 'task:activate') + 1);
    expect(afterActivate.filter((args) => args.some((w) => CODE.test(w)))).toEqual([]);
  });
});

describe('pause and resume', () => {
  const home = tempHome('pause');

  it('counts only the worked time: activate T, pause T+10m, resume T+70m, done T+80m → 20 min', async () => {
    await working(home);
    ok(await cli(home, 5, 'update', 'Schema drafted'));
    const paused = ok(await cli(home, 10, 'session:pause', 'lunch break'));
    expectGuided(paused, SESSION);
    expect(data<{ session: SessionData }>(paused).session.status).toBe('paused');

    // While paused, the task's time stands still.
    const meanwhile = ok(await cli(home, 40, 'task:show'));
    expect(data<{ task: TaskData }>(meanwhile).task.actual_seconds).toBe(10 * 60);

    const resumed = ok(await cli(home, 70, 'session:resume'));
    expectGuided(resumed, SESSION);
    expect(resumed.data.interrupted_for).toBe(60 * 60);

    const done = ok(await cli(home, 80, 'done', 'Schema reviewed after lunch'));
    expect(data<{ task: TaskData }>(done).task.actual_seconds).toBe(20 * 60);
  });

  it('leaves the pause out of the session’s active time', async () => {
    const status = ok(await cli(home, 80, 'session:status'));
    expect(data<{ session: SessionData }>(status).session.active_seconds).toBe(20 * 60);
  });

  it('records the interruption with the reason given to pause', async () => {
    const status = ok(await cli(home, 80, 'session:status'));
    expect(data<{ session: SessionData }>(status).session.interruptions).toEqual([
      { from: at(10), to: at(70), seconds: 60 * 60, reason: 'lunch break' },
    ]);
    const history = ok(await cli(home, 80, 'history'));
    const pause = data<{ activities: ActivityData[] }>(history).activities.find((a) => a.kind === 'pause');
    expect(pause).toMatchObject({ at: at(10), text: 'lunch break', task: TASK });
  });
});

describe('forced completion', () => {
  const home = tempHome('force');
  const MODELS = 'T-SESS-01-MODELS';

  it('refuses `done "…"` on a task with no context update; the task stays in progress', async () => {
    await working(home, MODELS);
    const refused = await cli(home, 30, 'done', 'Models written');
    expect(refused.exit).toBe(1);
    expect(refused.error?.code).toBe('VALIDATION_FAILED');
    expect(refused.instructions!.validation_errors.some((e) => /context update/.test(e))).toBe(true);
    expect(refused.instructions!.required_actions.some((a) => a.includes('--force'))).toBe(true);
    const show = ok(await cli(home, 30, 'task:show', MODELS));
    expect(data<{ task: TaskData }>(show).task.status).toBe('in_progress');
  });

  it('`done "…" --force` completes it marked incomplete', async () => {
    const forced = ok(await cli(home, 31, 'done', 'Models written', '--force'));
    expectGuided(forced, SESSION);
    expect(data<{ task: TaskData }>(forced).task).toMatchObject({ code: MODELS, status: 'completed', incomplete: true, summary: 'Models written' });
  });

  it('records a `validation` activity naming what failed', async () => {
    const history = ok(await cli(home, 31, 'history'));
    const forced = data<{ activities: ActivityData[] }>(history).activities.filter(
      (a) => a.kind === 'validation' && a.task === MODELS && a.data?.forced === true,
    );
    expect(forced).toHaveLength(1);
    expect(forced[0]!.text).toMatch(/context update/);
  });

  it('`report` lists it among the incomplete tasks', async () => {
    const report = ok(await cli(home, 31, 'report'));
    expect(data<{ incomplete: string[] }>(report).incomplete).toEqual([MODELS]);
  });
});

describe('estimates', () => {
  it('a task done well under its estimate warns and suggests `fragments estimate N --task CODE`, which works', async () => {
    const home = tempHome('estimate-under');
    await working(home); // T-SESS-01-DB: 1-1.25h from its phase
    ok(await cli(home, 5, 'update', 'Turned out to be one table'));
    const done = ok(await cli(home, 10, 'done', 'One table, one migration'));
    expect(done.instructions!.validation_warnings.some((w) => w.includes(TASK) && /estimated/.test(w))).toBe(true);
    const line = done.instructions!.suggested_commands.find((c) => c.startsWith('fragments estimate '));
    expect(line).toBe(`fragments estimate 10m --task ${TASK}`);

    const [, ...args] = words(line!);
    const changed = ok(await cli(home, 11, ...args));
    expect(data<{ task: TaskData }>(changed).task.estimate).toEqual({ low_hours: 0.1667, high_hours: 0.1667 });
    const show = ok(await cli(home, 11, 'task:show', TASK));
    expect(data<{ task: TaskData }>(show).task.estimate).toEqual({ low_hours: 0.1667, high_hours: 0.1667 });
  });

  it('a task done well over its estimate suggests the longer estimate', async () => {
    const home = tempHome('estimate-over');
    await working(home);
    ok(await cli(home, 60, 'update', 'Harder than it looked'));
    const done = ok(await cli(home, 180, 'done', 'Schema with triggers'));
    expect(done.instructions!.suggested_commands).toContain(`fragments estimate 3h --task ${TASK}`);
    // The next step comes first; a new estimate is an afterthought.
    expect(done.instructions!.suggested_commands[0]).not.toMatch(/^fragments estimate /);
    const [, ...args] = words(`fragments estimate 3h --task ${TASK}`);
    ok(await cli(home, 181, ...args));
    const show = ok(await cli(home, 181, 'task:show', TASK));
    expect(data<{ task: TaskData }>(show).task.estimate).toEqual({ low_hours: 3, high_hours: 3 });
  });

  it('a task done within 0.5×–1.5× of its estimate gets no estimate warning', async () => {
    const home = tempHome('estimate-fine');
    await working(home);
    ok(await cli(home, 20, 'update', 'Tables drafted'));
    ok(await cli(home, 40, 'update', 'Migrations run'));
    const done = ok(await cli(home, 60, 'done', 'Schema in place'));
    expect(done.instructions!.validation_warnings).toEqual([]);
    expect(done.instructions!.suggested_commands.some((c) => c.startsWith('fragments estimate '))).toBe(false);
  });
});

describe('session:end with a task still active', () => {
  const home = tempHome('end');

  it('is refused with exit 1, naming the task', async () => {
    await working(home);
    ok(await cli(home, 5, 'update', 'Half way'));
    const refused = await cli(home, 10, 'session:end', '--summary', 'Stopping for today');
    expect(refused.exit).toBe(1);
    expect(refused.success).toBe(false);
    expect(refused.error?.code).toBe('VALIDATION_FAILED');
    expect(refused.error?.message).toContain(TASK);
    expect(refused.instructions!.required_actions.some((a) => a.includes('--force'))).toBe(true);
    const status = ok(await cli(home, 10, 'session:status'));
    expect(data<{ session: SessionData }>(status).session.status).toBe('active');
  });

  it('with --force ends it; the task stays in_progress', async () => {
    const ended = ok(await cli(home, 12, 'session:end', '--summary', 'Stopping for today', '--force'));
    expectGuided(ended, SESSION);
    expect(data<{ session: SessionData }>(ended).session.status).toBe('completed');
    const show = ok(await cli(home, 12, 'task:show', TASK));
    const task = data<{ task: TaskData }>(show).task;
    expect(task.status).toBe('in_progress');
    expect(task.actual_seconds).toBe(12 * 60); // the timer stopped at the end, not later
    const later = ok(await cli(home, 90, 'task:show', TASK));
    expect(data<{ task: TaskData }>(later).task.actual_seconds).toBe(12 * 60);
  });

  it('clears the session pointer: session:status has no session', async () => {
    const status = ok(await cli(home, 12, 'session:status'));
    expect(status.session_key).toBeNull();
    expect(status.data.session).toBeNull();
  });
});
