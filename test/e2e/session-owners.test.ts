/**
 * Whose session a command acts on when several are open: the screen's own,
 * an agent's own, and the one a switch or a start takes up. Commands run in
 * this process, each face with the context it would build.
 */
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/runner/define.js';
import { HomeStore } from '../../src/store/home-store.js';
import { ROOT, tempHome } from '../helpers/cli.js';
import { run } from '../helpers/run.js';

const T0 = Date.parse('2026-01-05T09:00:00.000Z');

/** A home with the example plan; `as(face, minutes, key)` is that face's context at T0 + minutes. */
async function home() {
  const dir = tempHome('owners');
  const store = new HomeStore(dir);
  const as = (face: Ctx['face'], minutes: number, sessionKey?: string): Ctx => ({ store, face, now: () => new Date(T0 + minutes * 60_000), sessionKey });
  expect((await run(as('cli', 0), 'import', { file: `${ROOT}/examples/sprint-plan.md` })).success).toBe(true);
  const status = async (key: string) => (await run(as('cli', 0, key), 'session:status', { key })).data.session as { status: string; pause_reason: string | null; interruptions: unknown[] };
  return { as, status };
}

describe('the session a switch leaves', () => {
  it('is the caller’s own, not the home’s current one: a screen switching away pauses its session and leaves the agent’s running', async () => {
    const { as, status } = await home();
    await run(as('tui', 0), 'session:start', {});
    await run(as('tui', 0, 'SESSION-001'), 'task:activate', { code: 'T-SESS-01-DB' });
    await run(as('cli', 1), 'session:start', { new: true, agent: 'claude' });
    // The home's current session is now the agent's; the screen still works in its own.
    const back = await run(as('tui', 2, 'SESSION-001'), 'session:switch', { key: 'SESSION-001' });
    expect(back.success).toBe(true);
    expect(back.data.left).toBeNull();
    expect(back.data.interrupted_for).toBe(0);
    expect(await status('SESSION-002')).toMatchObject({ status: 'active' });
    expect((await status('SESSION-001')).interruptions).toEqual([]);

    const away = await run(as('tui', 3, 'SESSION-001'), 'session:switch', { key: 'SESSION-002' });
    expect(away.data.left).toBe('SESSION-001');
    expect(await status('SESSION-001')).toMatchObject({ status: 'paused', pause_reason: 'switched to SESSION-002' });
    expect(away.instructions!.context_reminder.session).toBe('SESSION-002');
  });
});

describe('a screen starting or resuming without a key', () => {
  it('never takes up an agent’s session, paused or active: it starts the developer’s own', async () => {
    const { as, status } = await home();
    await run(as('mcp', 0), 'session:start', { agent: 'codex' });
    await run(as('mcp', 1, 'SESSION-001'), 'session:pause', { reason: 'waiting for review' });
    const started = await run(as('tui', 2), 'session:start', {});
    expect(started.data).toMatchObject({ session_key: 'SESSION-002', resumed: false });
    expect(await status('SESSION-001')).toMatchObject({ status: 'paused', pause_reason: 'waiting for review' });
    const resumed = await run(as('tui', 3), 'session:resume', {});
    expect(resumed.session_key).toBe('SESSION-002');
  });

  it('takes up the developer’s own open session, even when the home points at an agent’s', async () => {
    const { as } = await home();
    await run(as('cli', 0), 'session:start', {});
    await run(as('cli', 1), 'session:start', { new: true, agent: 'claude' });
    const started = await run(as('tui', 2), 'session:start', {});
    expect(started.data).toMatchObject({ session_key: 'SESSION-001', resumed: true });
  });

  it('an agent’s face still carries on the home’s current session, as before', async () => {
    const { as } = await home();
    await run(as('tui', 0), 'session:start', {});
    const resumed = await run(as('mcp', 1), 'session:resume', {});
    expect(resumed.session_key).toBe('SESSION-001');
  });
});

describe('a command that takes another session up', () => {
  it('advises on the session it took up, not the one the caller came from', async () => {
    const { as } = await home();
    await run(as('mcp', 0), 'session:start', { agent: 'codex' });
    const fresh = await run(as('mcp', 1, 'SESSION-001'), 'session:start', { new: true, agent: 'codex' });
    expect(fresh.session_key).toBe('SESSION-002');
    expect(fresh.instructions!.context_reminder.session).toBe('SESSION-002');
  });
});
