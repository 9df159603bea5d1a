import { describe, expect, it } from 'vitest';
import { fragments, fragmentsJson, tempHome } from '../helpers/cli.js';
import { at, cli, ok } from '../helpers/session.js';

interface Listed {
  key: string;
  status: string;
  active_task: { code: string; title: string; session_seconds: number } | null;
  last_activity_at: string;
  last_seen_at: string;
  silent_seconds: number;
  stale: boolean;
  shared_with: string[];
}

describe('session:list, for mission control', () => {
  it('names each session’s active task, when it was last heard from, and whether it went silent', async () => {
    const home = tempHome('list');
    ok(await cli(home, 0, 'import', 'examples/sprint-plan.md'));
    ok(await cli(home, 0, 'session:start'));
    ok(await cli(home, 0, 'task:activate', 'T-SESS-01-DB'));
    ok(await cli(home, 5, 'session:start', '--new', '--agent', 'second'));
    ok(await cli(home, 5, 'task:activate', 'T-SESS-01-DB'));
    ok(await cli(home, 40, 'update', 'Second agent still at it'));

    // 40 minutes in: the first session has been silent 40 minutes (past the 25-minute nudge), the second not at all.
    const list = ok(await fragmentsJson(home, ['session:list'], { FRAGMENTS_NOW: at(40) })).data.sessions as Listed[];
    expect(list.map((s) => s.key)).toEqual(['SESSION-002', 'SESSION-001']);
    const [second, first] = list as [Listed, Listed];
    expect(first.active_task).toMatchObject({ code: 'T-SESS-01-DB', session_seconds: 40 * 60 });
    expect(first.last_activity_at).toBe(at(0));
    expect(first.silent_seconds).toBe(40 * 60);
    expect(first.stale).toBe(true);
    expect(first.shared_with).toEqual(['SESSION-002']);
    expect(second.active_task?.code).toBe('T-SESS-01-DB');
    expect(second.last_activity_at).toBe(at(40));
    expect(second.stale).toBe(false);

    // A heartbeat is a sign of life; a paused session is never stale.
    ok(await fragmentsJson(home, ['session:heartbeat', '--session', 'SESSION-001'], { FRAGMENTS_NOW: at(45) }));
    ok(await fragmentsJson(home, ['session:pause', '--session', 'SESSION-002'], { FRAGMENTS_NOW: at(41) }));
    const later = ok(await fragmentsJson(home, ['session:list'], { FRAGMENTS_NOW: at(90) })).data.sessions as Listed[];
    expect(later.find((s) => s.key === 'SESSION-001')).toMatchObject({ last_seen_at: at(45), stale: true, silent_seconds: 45 * 60 });
    expect(later.find((s) => s.key === 'SESSION-002')).toMatchObject({ status: 'paused', stale: false });
    const near = ok(await fragmentsJson(home, ['session:list'], { FRAGMENTS_NOW: at(60) })).data.sessions as Listed[];
    expect(near.find((s) => s.key === 'SESSION-001')?.stale).toBe(false);

    const human = await fragments(home, ['session:list'], { FRAGMENTS_NOW: at(90) });
    expect(human.stdout).toMatch(/SESSION-001 .*on T-SESS-01-DB.*silent 45m/);
  });
});
