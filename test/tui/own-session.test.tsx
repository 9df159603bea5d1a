/**
 * The screen belongs to a session (issue 18, items 1–3 and 11): it opens on
 * the developer's own, never takes up an agent's, keeps its session while
 * agents start theirs, moves only on /session-switch, and never takes back
 * tracked time when it does.
 */
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/runner/define.js';
import { agent, homeWith, KEY, openApp, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const T1 = 'T-SESS-01-DB';

const session = async (ctx: Ctx, key: string) => (await run({ ...ctx, sessionKey: key }, 'session:status', { key })).data.session as { status: string; pause_reason: string | null; interruptions: unknown[] };
const seconds = async (ctx: Ctx, code: string) => ((await run(ctx, 'task:show', { code })).data.task as { actual_seconds: number }).actual_seconds;

describe('opening the screen', () => {
  it('never resumes an agent’s paused session: with none of the developer’s open it starts one and names the others', async () => {
    const { ctx } = await homeWith('example');
    const claude = agent(ctx.store.home);
    await run(claude, 'session:start', { agent: 'claude' });
    await run({ ...claude, sessionKey: 'SESSION-001' }, 'session:pause', { reason: 'waiting for review' });
    const screen = await openApp(ctx, { columns: 160, rows: 30 });
    const frame = await screen.waitFor('Started SESSION-002: no session of yours was open. Open too: SESSION-001 (claude, paused: waiting for review)');
    expect(frame).toMatch(/SESSION-002 · work · active/);
    expect(await session(ctx, 'SESSION-001')).toMatchObject({ status: 'paused', pause_reason: 'waiting for review', interruptions: [] });
  });

  it('opens on the developer’s own open session even when the home points at an agent’s', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    await run(agent(ctx.store.home), 'session:start', { new: true, agent: 'codex' });
    const screen = await openApp(ctx);
    await screen.waitFor(/◆ Fragments {2}SESSION-001 · work · active/);
  });

  it('--session KEY pins the screen to that session, whoever’s it is', async () => {
    const { ctx } = await homeWith('example');
    await run(ctx, 'session:start', {});
    await run(agent(ctx.store.home), 'session:start', { new: true, agent: 'codex' });
    await run(ctx, 'session:start', { new: true });
    const screen = await openApp({ ...ctx, sessionKey: 'SESSION-002' });
    await screen.waitFor(/◆ Fragments {2}SESSION-002 · work · active/);
    await send(screen, '/log pinned here', /tui log\s+pinned here/);
  });
});

describe('while agents start sessions of their own', () => {
  it('the screen keeps its session and task; a typed /update lands in it, not on an agent’s task', async () => {
    const { ctx } = await homeWith('example');
    const screen = await openApp(ctx);
    await send(screen, `/task-start ${T1}`, /T-SESS-01-DB Database schema.*in_progress/);
    const claude = { ...agent(ctx.store.home) };
    await run(claude, 'session:start', { new: true, agent: 'claude' });
    await run({ ...claude, sessionKey: 'SESSION-002' }, 'task:activate', { code: 'T-SESS-01-MODELS' });
    const codex = { ...agent(ctx.store.home), face: 'mcp' as const };
    await run(codex, 'session:start', { new: true, agent: 'codex' });
    await run({ ...codex, sessionKey: 'SESSION-003' }, 'task:activate', { code: 'T-SESS-01-MGR' });
    await screen.waitFor(/mcp SESSION-003\s+started · codex/);
    await send(screen, '/update index added', /tui update\s+index added/);
    const task = (await run(ctx, 'task:show', { code: T1 })).data.task as { updates: { text: string }[] };
    expect(task.updates.map((u) => u.text)).toEqual(['index added']);
    for (const code of ['T-SESS-01-MODELS', 'T-SESS-01-MGR']) {
      expect(((await run(ctx, 'task:show', { code })).data.task as { updates: unknown[] }).updates).toEqual([]);
    }
  });

  it('switching to the agent’s session and back leaves the task’s tracked seconds larger, never smaller, and records no interruption for time the screen was open', async () => {
    const { ctx } = await homeWith('example');
    let shift = 0;
    ctx.now = () => new Date(Date.now() + shift);
    const screen = await openApp(ctx);
    await send(screen, `/task-start ${T1}`, /T-SESS-01-DB Database schema.*in_progress/);
    const claude = agent(ctx.store.home);
    shift += 39_000;
    claude.now = ctx.now;
    await run(claude, 'session:start', { new: true, agent: 'claude' });
    await run({ ...claude, sessionKey: 'SESSION-002' }, 'log', { text: 'agent at work' });
    const before = await seconds(ctx, T1);
    shift += 20_000;
    await send(screen, '/session-switch SESSION-002', /SESSION-002 · work · active/);
    const away = await seconds(ctx, T1);
    expect(away).toBeGreaterThanOrEqual(before + 20);
    shift += 20_000;
    await send(screen, '/session-switch SESSION-001', /SESSION-001 · work · active/);
    shift += 5_000;
    expect(await seconds(ctx, T1)).toBeGreaterThan(away);
    // Working while the screen looked elsewhere is not an interruption of the agent's session.
    expect((await session(ctx, 'SESSION-002')).interruptions).toEqual([]);
  });

  it('watching another session offers to take it over, not /update and /done for the screen’s own task', async () => {
    const { ctx } = await homeWith('example');
    const screen = await openApp(ctx);
    await send(screen, `/task-start ${T1}`, /1 \/update "…"/);
    await run(agent(ctx.store.home), 'session:start', { new: true, agent: 'claude' });
    await send(screen, '/sessions', 'Sessions (2 open)');
    screen.type(KEY.down);
    screen.type(KEY.enter);
    const watching = await screen.waitFor('SESSION-002 (watching, read-only)');
    expect(watching).toContain('1 /session-switch SESSION-002');
    expect(watching).not.toContain('/done "…"');
  });
});

describe('today’s time in the header', () => {
  it('counts the developer’s own sessions, labelled so, and not an agent’s hour of work', async () => {
    const { ctx } = await homeWith('example');
    const claude = agent(ctx.store.home);
    const anHourAgo = { ...claude, now: () => new Date(Date.now() - 3600_000) };
    await run(anHourAgo, 'session:start', { agent: 'claude' });
    await run({ ...anHourAgo, sessionKey: 'SESSION-001' }, 'task:activate', { code: 'T-SESS-01-MODELS' });
    const screen = await openApp(ctx);
    const frame = await screen.waitFor('you today');
    expect(frame).toMatch(/you today ⏸ 0:00:0\d/);
  });
});
