import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/runner/define.js';
import { agent, homeWith, openApp, send } from '../helpers/tui.js';
import { run } from '../helpers/run.js';

const SIZE = { columns: 120, rows: 30 };
const CTRL_G = '\x07';
const lastLine = (frame: string) => frame.trimEnd().split('\n').at(-1)!;
const header = (frame: string) => frame.split('\n')[0]!;

/** The developer's session with a task, on screen; an agent's process on the same home. */
async function paired(settings: { bell: boolean } = { bell: true }) {
  const { ctx } = await homeWith('example');
  await run(ctx, 'session:start', {});
  await run(ctx, 'task:activate', { code: 'T-SESS-01-DB' });
  const claude = agent(ctx.store.home);
  const screen = await openApp(ctx, SIZE, settings);
  await screen.waitFor('T-SESS-01-DB Database schema');
  return { ctx, claude, screen };
}

/** An agent's own session, last heard from `minutes` ago. */
async function agentSession(claude: Ctx, minutes: number, task?: string): Promise<Ctx> {
  const then = { ...claude, now: () => new Date(Date.now() - minutes * 60_000) };
  const started = await run(then, 'session:start', { new: true, agent: 'claude' });
  const own = { ...then, sessionKey: started.session_key! };
  if (task) await run(own, 'task:activate', { code: task });
  return own;
}

describe('alerts', () => {
  it("an agent's session silent past the nudge rings the bell once and marks the header until Ctrl+G", async () => {
    const { ctx, claude, screen } = await paired();
    await agentSession(claude, 30);
    const frame = await screen.waitFor('⚠ 1 alert');
    expect(lastLine(frame)).toMatch(/^⚠ SESSION-002 \(claude\) silent 30m · \^G alert seen · \? help/);
    expect(screen.bells!()).toBe(1);

    // More news of the home is no new alert: no second ring.
    await send(screen, '/update index added', 'index added');
    await run({ ...agent(ctx.store.home), sessionKey: 'SESSION-001' }, 'note', { text: 'another write' });
    await screen.waitFor('another write');
    expect(screen.bells!()).toBe(1);
    expect(header(screen.lastFrame()!)).toContain('⚠ 1 alert');

    screen.type(CTRL_G);
    const seen = await screen.waitFor((f) => !f.includes('⚠ 1 alert'));
    expect(lastLine(seen)).toMatch(/^\? help/);
    expect(screen.bells!()).toBe(1);
  });

  it("an agent's refused done rings and is marked; opening /sessions is seeing it", async () => {
    const { ctx, screen } = await paired();
    const inMySession = { ...agent(ctx.store.home), sessionKey: 'SESSION-001' };
    const refused = await run(inMySession, 'done', {});
    expect(refused.success).toBe(false);
    const frame = await screen.waitFor('⚠ 1 alert');
    expect(lastLine(frame)).toMatch(/^⚠ check failed on T-SESS-01-DB: /);
    expect(screen.bells!()).toBe(1);

    await send(screen, '/sessions', 'Sessions (1 open)');
    screen.type('\x1b');
    const after = await screen.waitFor((f) => !f.includes('Sessions (1 open)'));
    expect(header(after)).not.toContain('alert');
    expect(screen.bells!()).toBe(1);
  });

  it('a check the developer ran on the screen is its dialog, not an alert', async () => {
    const { screen } = await paired();
    await send(screen, '/done', 'the completion check failed');
    screen.type('3');
    const frame = await screen.waitFor('Kept working');
    expect(frame).not.toContain('alert');
    expect(screen.bells!()).toBe(0);
  });

  it('two sessions on one task ring once, told once for the pair', async () => {
    const { claude, screen } = await paired();
    await agentSession(claude, 0, 'T-SESS-01-DB');
    const frame = await screen.waitFor('⚠ 1 alert');
    expect(lastLine(frame)).toContain('⚠ SESSION-001 and SESSION-002 both on T-SESS-01-DB');
    expect(screen.bells!()).toBe(1);
  });

  it('with the bell off in config the header still marks the alert, and nothing rings', async () => {
    const { claude, screen } = await paired({ bell: false });
    await agentSession(claude, 30);
    await screen.waitFor('⚠ 1 alert');
    expect(screen.bells!()).toBe(0);
  });
});
