/**
 * Time and stack rules at the edges: subtasks, pauses, blocks, a second
 * session, a quick hand-over between agents. Clock pinned at T0 + minutes.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';
import { at, cli, data, ok, stackOf, working, type SessionData, type TaskData } from '../helpers/session.js';
import type { RecoveryPackage } from '../../src/core/recovery.js';

const taskOf = async (home: string, minutes: number, code: string) => data<{ task: TaskData }>(ok(await cli(home, minutes, 'task:show', code))).task;

describe('timers follow the stack', () => {
  it('a finished subtask hands the timer back to its parent', async () => {
    const home = tempHome('subtask');
    await working(home, 'T-SESS-01-DB');
    ok(await cli(home, 0, 'task:create', 'T-SUB', '--title', 'sub', '--parent', 'T-SESS-01-DB'));
    ok(await cli(home, 10, 'task:activate', 'T-SUB'));
    ok(await cli(home, 15, 'update', 'sub work'));
    ok(await cli(home, 30, 'done', 'sub finished'));
    const context = ok(await cli(home, 90, 'context'));
    expect(stackOf(data<{ context_stack: never[] }>(context).context_stack)).toEqual(['project', 'sprint:SPRINT-SESS-1', 'task:T-SESS-01-DB']);
    // 10 minutes before the subtask, 60 after it closed.
    expect((await taskOf(home, 90, 'T-SESS-01-DB')).actual_seconds).toBe(70 * 60);
    expect((await taskOf(home, 90, 'T-SUB')).actual_seconds).toBe(20 * 60);
  });

  it('a task activated while the session is paused counts no time until resume', async () => {
    const home = tempHome('paused-activate');
    await working(home);
    ok(await cli(home, 30, 'session:pause', 'meeting'));
    ok(await cli(home, 31, 'task:activate', 'T-SESS-01-MODELS'));
    ok(await cli(home, 151, 'session:resume'));
    expect((await taskOf(home, 161, 'T-SESS-01-MODELS')).actual_seconds).toBe(10 * 60);
    expect((await taskOf(home, 161, 'T-SESS-01-DB')).actual_seconds).toBe(30 * 60);
  });

  it('activating a blocked task again unblocks it, so its running time is real work', async () => {
    const home = tempHome('reblock');
    await working(home);
    ok(await cli(home, 10, 'block', 'waiting for review'));
    const again = ok(await cli(home, 40, 'task:activate', 'T-SESS-01-DB'));
    expect(data<{ task: TaskData }>(again).task.status).toBe('in_progress');
    expect((await taskOf(home, 50, 'T-SESS-01-DB')).actual_seconds).toBe(20 * 60);
  });

  it('closing a task in one session pops it in every other; a live one’s timer stops then, a dormant one’s at its own last activity', async () => {
    const home = tempHome('cross-session');
    await working(home);
    ok(await cli(home, 5, 'update', 'started'));
    const second = ok(await cli(home, 20, 'session:start', '--new'));
    ok(await cli(home, 20, 'tasks:bulk-complete', 'T-SESS-01-DB', '--summary', 'done elsewhere', '--session', second.session_key!));
    // SESSION-001 was 15 minutes past its update, short of the staleness nudge: at work until the close.
    expect((await taskOf(home, 200, 'T-SESS-01-DB')).actual_seconds).toBe(20 * 60);
    const first = ok(await cli(home, 200, 'context', '--session', 'SESSION-001'));
    expect(stackOf(data<{ context_stack: never[] }>(first).context_stack)).toEqual(['project', 'sprint:SPRINT-SESS-1']);

    const gone = tempHome('cross-session-dormant');
    await working(gone);
    ok(await cli(gone, 5, 'update', 'started'));
    const later = ok(await cli(gone, 120, 'session:start', '--new'));
    ok(await cli(gone, 120, 'tasks:bulk-complete', 'T-SESS-01-DB', '--summary', 'done elsewhere', '--session', later.session_key!));
    // Silent for 115 minutes: nobody worked on it after the update.
    expect((await taskOf(gone, 200, 'T-SESS-01-DB')).actual_seconds).toBe(5 * 60);
  });
});

describe('taking a session up again', () => {
  it('within interruption_after_minutes, another agent carries on without losing time', async () => {
    const home = tempHome('handover');
    await working(home);
    const configPath = join(home, 'config.json');
    writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, 'utf8')), interruption_after_minutes: 10 }));
    ok(await cli(home, 5, 'update', 'halfway'));
    const resumed = ok(await cli(home, 9, 'session:start'));
    expect(data<RecoveryPackage>(resumed).interrupted_for).toBe(0);
    expect((await taskOf(home, 40, 'T-SESS-01-DB')).actual_seconds).toBe(40 * 60);
    const session = data<{ session: SessionData }>(ok(await cli(home, 40, 'session:status'))).session;
    expect(session.interruptions).toEqual([]);
  });

  it('by default a silence short of the staleness nudge is work, a longer one an interruption', async () => {
    const home = tempHome('crash-gap');
    await working(home);
    ok(await cli(home, 5, 'update', 'halfway'));
    const quick = ok(await cli(home, 7, 'session:start'));
    expect(data<RecoveryPackage>(quick).interrupted_for).toBe(0);
    expect((await taskOf(home, 17, 'T-SESS-01-DB')).actual_seconds).toBe(17 * 60);
    ok(await cli(home, 20, 'update', 'three quarters'));
    const late = ok(await cli(home, 50, 'session:start'));
    expect(data<RecoveryPackage>(late).interrupted_for).toBe(30 * 60);
    expect((await taskOf(home, 60, 'T-SESS-01-DB')).actual_seconds).toBe(30 * 60);
  });
});

describe('a clock going backwards', () => {
  it('takes no tracked time away, never moves the last activity back, and every such command says so', async () => {
    const home = tempHome('clock-back');
    await working(home);
    ok(await cli(home, 27, 'update', 'schema drafted'));
    const answers = [await cli(home, 10, 'note', 'clock set back'), await cli(home, 12, 'log', 'still back'), await cli(home, 14, 'session:pause', 'lunch')];
    for (const answer of answers) expect(ok(answer).instructions!.validation_warnings.join(' ')).toMatch(/time went backwards/);
    expect((await taskOf(home, 14, 'T-SESS-01-DB')).actual_seconds).toBe(27 * 60);
    const status = data<{ session: SessionData }>(ok(await cli(home, 14, 'session:status'))).session;
    expect(status.last_activity_at).toBe(at(27));
  });
});

describe('closing tasks by name', () => {
  it('a failing check on a task other than the active one suggests closing it by name', async () => {
    const home = tempHome('by-name');
    await working(home, 'T-SESS-01-DB');
    ok(await cli(home, 1, 'task:activate', 'T-SESS-01-MODELS'));
    const refused = await cli(home, 2, 'task:deactivate', 'T-SESS-01-DB');
    expect(refused.exit).toBe(1);
    expect(refused.instructions!.required_actions.join('\n')).toMatch(/fragments task:deactivate T-SESS-01-DB --summary "…"/);
    expect(refused.instructions!.required_actions.join('\n')).not.toMatch(/fragments done/);
  });

  it('a completed task cannot be completed again', async () => {
    const home = tempHome('twice');
    await working(home);
    ok(await cli(home, 5, 'update', 'work'));
    ok(await cli(home, 10, 'done', 'finished'));
    const again = await cli(home, 11, 'task:deactivate', 'T-SESS-01-DB');
    expect(again.exit).toBe(1);
    expect(again.error?.code).toBe('TASK_CLOSED');
  });

  it('a sprint cannot be closed under an active task', async () => {
    const home = tempHome('sprint-under-task');
    await working(home);
    const refused = await cli(home, 5, 'sprint:deactivate', '--force');
    expect(refused.error?.code).toBe('TASK_ACTIVE');
    expect(refused.error?.message).toMatch(/T-SESS-01-DB/);
  });
});

describe('requests and reports', () => {
  it('a request id used for one command is refused for another, and nothing runs', async () => {
    const home = tempHome('reuse');
    await working(home);
    ok(await cli(home, 1, 'log', 'hi', '--request-id', 'r1'));
    const reused = await cli(home, 2, 'session:end', '--summary', 's', '--force', '--request-id', 'r1');
    expect(reused.exit).toBe(2);
    expect(reused.error?.code).toBe('REQUEST_ID_REUSED');
    expect(data<{ session: SessionData }>(ok(await cli(home, 3, 'session:status'))).session.status).toBe('active');
  });

  it('report --session counts only that session’s time', async () => {
    const home = tempHome('report-session');
    await working(home);
    ok(await cli(home, 30, 'session:pause'));
    const second = ok(await cli(home, 30, 'session:start', '--new'));
    ok(await cli(home, 30, 'task:activate', 'T-SESS-01-DB', '--session', second.session_key!));
    const report = ok(await cli(home, 40, 'report', '--session', second.session_key!));
    const sprints = data<{ sprints: { tasks: { code: string; actual_seconds: number }[] }[] }>(report).sprints;
    const row = sprints.flatMap((s) => s.tasks).find((t) => t.code === 'T-SESS-01-DB');
    expect(row?.actual_seconds).toBe(10 * 60);
  });

  it('an import whose tasks are their own parents is refused', async () => {
    const home = tempHome('parent-cycle');
    const { writeFileSync } = await import('node:fs');
    const plan = `${home}/cycle.json`;
    writeFileSync(plan, JSON.stringify({ sprints: [{ code: 'S-1', title: 'one', tasks: [{ code: 'A', title: 'a', parent: 'B' }, { code: 'B', title: 'b', parent: 'A' }] }] }));
    const refused = await cli(home, 0, 'import', plan);
    expect(refused.error?.code).toBe('PARENT_CYCLE');
    expect(refused.error?.message).toMatch(/A → B → A/);
    expect(data<{ tasks: unknown[] }>(ok(await cli(home, 0, 'task:list'))).tasks).toEqual([]);
  });
});

describe('closing a sprint', () => {
  it('a closed sprint takes its retrospective later, and refuses to close again', async () => {
    const home = tempHome('sprint-closed');
    ok(await cli(home, 0, 'sprint:create', 'S-1', '--title', 'one'));
    ok(await cli(home, 0, 'session:start'));
    ok(await cli(home, 1, 'sprint:activate', 'S-1'));
    const closed = ok(await cli(home, 2, 'sprint:deactivate'));
    const retro = closed.instructions!.suggested_commands.find((c) => c.includes('--retrospective'));
    expect(retro).toBe('fragments sprint:deactivate S-1 --retrospective "…"');
    ok(await cli(home, 3, 'sprint:deactivate', 'S-1', '--retrospective', 'went well'));
    const again = await cli(home, 4, 'sprint:deactivate', 'S-1');
    expect(again.error?.code).toBe('SPRINT_CLOSED');
  });
});

describe('the store', () => {
  it('a backup that cannot be rotated does not cost the change', async () => {
    const home = tempHome('backup-fault');
    await working(home);
    ok(await cli(home, 1, 'update', 'one'));
    ok(await cli(home, 2, 'update', 'two'));
    // A folder where the oldest backup goes makes every rotation fail.
    for (const file of ['sessions.json.3', 'plan.json.3']) {
      rmSync(join(home, 'backups', file), { force: true });
      mkdirSync(join(home, 'backups', file, 'blocker'), { recursive: true });
    }
    ok(await cli(home, 3, 'update', 'three'));
    expect(existsSync(join(home, 'journal.json'))).toBe(false);
    const updates = (await taskOf(home, 4, 'T-SESS-01-DB')).updates!.map((u) => u.text);
    expect(updates).toEqual(['one', 'two', 'three']);
  });
});

describe('bulk completion', () => {
  it('a parent and its subtask closed together pass the subtask check', async () => {
    const home = tempHome('bulk-parent');
    await working(home);
    ok(await cli(home, 0, 'task:create', 'T-SUB', '--title', 'sub', '--parent', 'T-SESS-01-DB'));
    ok(await cli(home, 1, 'task:activate', 'T-SUB'));
    ok(await cli(home, 2, 'update', 'sub work'));
    ok(await cli(home, 3, 'task:activate', 'T-SESS-01-DB'));
    ok(await cli(home, 4, 'update', 'parent work'));
    const closed = ok(await cli(home, 10, 'tasks:bulk-complete', 'T-SUB,T-SESS-01-DB', '--summary', 'both done'));
    expect(closed.data.completed).toEqual(['T-SUB', 'T-SESS-01-DB']);
    expect((await taskOf(home, 11, 'T-SESS-01-DB')).incomplete).toBe(false);
  });
});
