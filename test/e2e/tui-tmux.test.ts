import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTool, mcpOverStdio } from '../helpers/agent.js';
import { BIN, ROOT, fragments, fragmentsJson, tempHome } from '../helpers/cli.js';
import { start, stopped } from '../helpers/processes.js';
import { homeEnvWords, onPostgres } from '../helpers/store-env.js';
import { hasTmux, tmuxServer, untilShown } from '../helpers/tmux.js';

// The real binary in a real pseudo-terminal, driven as a person would. `.ci/run` installs tmux where it is missing.
if (!hasTmux) console.warn('tmux is not installed: the TUI end-to-end test is skipped (apt-get install tmux).');

const tmux = tmuxServer('test');
const screen = () => tmux('capture-pane', '-p', '-t', 'tui');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'tui', ...k);

async function waitFor(check: (screen: string) => boolean, what: string, timeoutMs = 5000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = screen();
    if (check(text)) return text;
    if (Date.now() - started > timeoutMs) throw new Error(`The pane never showed ${what} within ${timeoutMs} ms. It shows:\n${text}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}


describe.skipIf(!hasTmux)('the TUI in a terminal', () => {
  it('runs commands, shows the agent live, opens the check dialog, and leaves the session resumable', async () => {
    const home = tempHome('tmux');
    expect((await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`])).code).toBe(0);
    tmux('new-session', '-d', '-s', 'tui', '-x', '100', '-y', '30', `env ${homeEnvWords(home)} ${process.execPath} ${BIN}; sleep 60`);

    await waitFor((s) => s.includes('Started SESSION-001'), 'the greeting');
    expect(tmux('display', '-p', '-t', 'tui', '#{alternate_on}').trim()).toBe('1');

    keys('/task-start T-SESS-01-DB', 'Enter');
    await waitFor((s) => /T-SESS-01-DB Database schema\s+in_progress/.test(s), 'the active task');
    keys('/update hello', 'Enter');
    await waitFor((s) => /tui update\s+hello/.test(s) && s.includes('1 update'), 'the update');

    // The agent, in another process: on screen within a second, without a keystroke.
    expect((await fragments(home, ['note', 'from agent'])).code).toBe(0);
    await waitFor((s) => /cli note\s+from agent/.test(s), "the agent's note", 1000);

    keys('/done', 'Enter');
    await waitFor((s) => s.includes('the completion check failed') && s.includes('has no summary'), 'the check dialog');
    keys('3');
    await waitFor((s) => s.includes('Kept working'), 'keep working');

    keys('C-c');
    const left = await waitFor((s) => s.includes('SESSION-001 stays active'), 'the main screen again');
    expect(left).not.toContain('─ Activity');
    expect(tmux('display', '-p', '-t', 'tui', '#{alternate_on}').trim()).toBe('0');

    const status = await fragmentsJson(home, ['session:status']);
    expect(status.data.session).toMatchObject({ status: 'active' });
    expect(status.data.active_task).toMatchObject({ code: 'T-SESS-01-DB' });
  });

  it('opening on a session left active by a process that died takes it up: the silence is an interruption, not work', async () => {
    const home = tempHome('tmux-dormant');
    const twoHoursAgo = { FRAGMENTS_NOW: new Date(Date.now() - 2 * 3600_000).toISOString() };
    await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`], twoHoursAgo);
    await fragments(home, ['session:start'], twoHoursAgo);
    await fragments(home, ['task:activate', 'T-SESS-01-DB'], twoHoursAgo);
    tmux('new-session', '-d', '-s', 'dormant', '-x', '100', '-y', '30', `env ${homeEnvWords(home)} ${process.execPath} ${BIN}; sleep 60`);
    const pane = () => tmux('capture-pane', '-p', '-t', 'dormant');
    const started = Date.now();
    while (!pane().includes('had been silent for 2h')) {
      if (Date.now() - started > 5000) throw new Error(`No word of the silence:\n${pane()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(pane()).toMatch(/⏱ 0:00:0\d/);
    tmux('send-keys', '-t', 'dormant', 'C-c');
    const status = await fragmentsJson(home, ['session:status']);
    const session = status.data.session as { interruptions: { seconds: number }[] };
    expect(session.interruptions).toHaveLength(1);
    expect(session.interruptions[0]!.seconds).toBeGreaterThan(7100);
  });

  // The home folder as the place of the data: on PostgreSQL the data was never in it.
  it.skipIf(onPostgres)('on a fresh machine, opening makes the home and starts a session there', async () => {
    const home = join(tempHome('tmux-fresh'), 'not-yet');
    tmux('new-session', '-d', '-s', 'fresh', '-x', '80', '-y', '24', `env ${homeEnvWords(home)} ${process.execPath} ${BIN}; sleep 60`);
    const pane = () => tmux('capture-pane', '-p', '-t', 'fresh');
    const started = Date.now();
    while (!pane().includes(`Started SESSION-001: in a new home at ${home}`)) {
      if (Date.now() - started > 5000) throw new Error(`No new home:\n${pane()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(pane()).toContain('No plan yet: /import FILE');
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  it('mission control shows the sessions of two processes, live', async () => {
    const home = tempHome('tmux-mc');
    await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`]);
    tmux('new-session', '-d', '-s', 'mc', '-x', '100', '-y', '30', `env ${homeEnvWords(home)} ${process.execPath} ${BIN}; sleep 60`);
    const pane = () => tmux('capture-pane', '-p', '-t', 'mc');
    const until = async (text: string) => {
      const started = Date.now();
      while (!pane().includes(text)) {
        if (Date.now() - started > 5000) throw new Error(`Never showed ${text}:\n${pane()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    await until('Started SESSION-001');
    tmux('send-keys', '-t', 'mc', '/sessions', 'Enter');
    await until('Sessions (1 open)');
    expect((await fragments(home, ['session:start', '--new', '--agent', 'codex'])).code).toBe(0);
    await fragments(home, ['task:activate', 'T-SESS-01-DB']);
    await until('Sessions (2 open)');
    await until('codex · cli active T-SESS-01-DB');
    tmux('send-keys', '-t', 'mc', 'Escape');
    tmux('send-keys', '-t', 'mc', 'C-c');
  });

  it('kill -INT, like Ctrl+C, leaves the alternate screen', async () => {
    const home = tempHome('tmux-int');
    tmux('new-session', '-d', '-s', 'int', '-x', '80', '-y', '24', `env ${homeEnvWords(home)} ${process.execPath} ${BIN}; sleep 60`);
    const pane = () => tmux('capture-pane', '-p', '-t', 'int');
    const started = Date.now();
    while (!pane().includes('Started SESSION-001')) {
      if (Date.now() - started > 5000) throw new Error(`Never opened:\n${pane()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const pid = tmux('display', '-p', '-t', 'int', '#{pane_pid}').trim();
    const node = execFileSync('pgrep', ['-P', pid], { encoding: 'utf8' }).trim().split('\n')[0]!;
    process.kill(Number(node), 'SIGINT');
    while (tmux('display', '-p', '-t', 'int', '#{alternate_on}').trim() !== '0') {
      if (Date.now() - started > 5000) throw new Error(`Still on the alternate screen:\n${pane()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  });

  it('fragments demo opens on a copy of the example home and leaves the example untouched', async () => {
    tmux('new-session', '-d', '-s', 'demo', '-x', '80', '-y', '24', `${process.execPath} ${BIN} demo; sleep 60`);
    const demo = () => tmux('capture-pane', '-p', '-t', 'demo');
    const started = Date.now();
    while (!/SESSION-001 is paused/.test(demo())) {
      if (Date.now() - started > 5000) throw new Error(`The demo never opened:\n${demo()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(demo()).toMatch(/SPRINT-SESS-1/);
    tmux('send-keys', '-t', 'demo', '/quit', 'Enter');
    while (!demo().includes('it is removed now')) {
      if (Date.now() - started > 10_000) throw new Error(`The demo never closed:\n${demo()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    // Its home is being deleted: nothing in it is offered to pick up.
    expect(demo()).not.toMatch(/picks it up|session:resume/);
    expect(execFileSync('git', ['status', '--porcelain', '.fragments.example'], { cwd: ROOT, encoding: 'utf8' })).toBe('');
  });
});

/** A pane of its own, with helpers to drive it and wait for what it shows. */
function pane(name: string, home: string, columns = 100, rows = 30) {
  tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), `env ${homeEnvWords(home)} ${process.execPath} ${BIN}; sleep 60`);
  const show = () => tmux('capture-pane', '-p', '-t', name);
  const until = untilShown(show, name, 5000);
  const send = (...keys: string[]) => tmux('send-keys', '-t', name, ...keys);
  /** Text as typed, in one write: tmux hands it over as one read, as a fast typist or a paste without markers would. */
  const burst = (text: string) => tmux('send-keys', '-t', name, '-l', text);
  return { show, until, send, burst };
}

const taskSeconds = async (home: string, code: string) => ((await fragmentsJson(home, ['task:show', code])).data.task as { actual_seconds: number }).actual_seconds;

describe.skipIf(!hasTmux)('the screen belongs to its session (issue 18)', () => {
  it('keeps SESSION-001 while a CLI agent and an MCP agent start sessions of their own; a typed /update lands in SESSION-001', async () => {
    const home = tempHome('tmux-agents');
    await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`]);
    const tui = pane('agents', home);
    await tui.until('Started SESSION-001');
    tui.send('/task-start T-SESS-01-DB', 'Enter');
    await tui.until(/T-SESS-01-DB Database schema\s+in_progress/);

    expect((await fragments(home, ['session:start', '--new', '--agent', 'claude'])).code).toBe(0);
    expect((await fragments(home, ['task:activate', 'T-SESS-01-MODELS'])).code).toBe(0);
    expect((await fragments(home, ['update', 'claude: models written'])).code).toBe(0);
    const mcp = await mcpOverStdio(home);
    expect((await callTool(mcp, 'session_start', { new: true, agent: 'codex' })).envelope.session_key).toBe('SESSION-003');
    expect((await callTool(mcp, 'task_activate', { code: 'T-SESS-01-MGR' })).isError).toBe(false);
    expect((await callTool(mcp, 'update', { text: 'codex: manager skeleton' })).isError).toBe(false);

    const screen = await tui.until((s) => /cli SESSION-002\s+started · claude/.test(s) && /mcp SESSION-003\s+started · codex/.test(s));
    expect(screen).toMatch(/◆ Fragments {2}SESSION-001 · work · active/);
    expect(screen).toMatch(/T-SESS-01-DB Database schema\s+in_progress/);
    expect(screen).not.toContain('Now following');
    tui.send('/update developer: index added', 'Enter');
    await tui.until(/tui update\s+developer: index added/);
    const mine = await fragmentsJson(home, ['history', '--session', 'SESSION-001']);
    expect((mine.data.activities as { text: string | null }[]).map((a) => a.text)).toContain('developer: index added');
    for (const key of ['SESSION-002', 'SESSION-003']) {
      const theirs = await fragmentsJson(home, ['history', '--session', key]);
      expect((theirs.data.activities as { text: string | null }[]).map((a) => a.text)).not.toContain('developer: index added');
    }
    tui.send('C-c');
  });

  it('switching to the agent’s session and back leaves the task’s tracked seconds larger, never smaller', async () => {
    const home = tempHome('tmux-switch');
    await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`]);
    const tui = pane('switch', home);
    await tui.until('Started SESSION-001');
    tui.send('/task-start T-SESS-01-DB', 'Enter');
    await tui.until(/⏱ 0:00:0[2-9]/);
    expect((await fragments(home, ['session:start', '--new', '--agent', 'claude'])).code).toBe(0);
    expect((await fragments(home, ['log', 'claude at work'])).code).toBe(0);
    const before = await taskSeconds(home, 'T-SESS-01-DB');
    tui.send('/session-switch SESSION-002', 'Enter');
    await tui.until(/SESSION-002 · work · active/);
    const away = await taskSeconds(home, 'T-SESS-01-DB');
    expect(away).toBeGreaterThanOrEqual(before);
    tui.send('/session-switch SESSION-001', 'Enter');
    await tui.until(/SESSION-001 · work · active/);
    const back = await taskSeconds(home, 'T-SESS-01-DB');
    expect(back).toBeGreaterThanOrEqual(away);
    await tui.until(/T-SESS-01-DB Database schema\s+in_progress/);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await taskSeconds(home, 'T-SESS-01-DB')).toBeGreaterThan(back);
    tui.send('C-c');
  });

  it('three commands sent in one burst all arrive', async () => {
    const home = tempHome('tmux-keys');
    await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`]);
    const tui = pane('keys', home);
    await tui.until('Started SESSION-001');
    tui.send('/task-start T-SESS-01-DB', 'Enter');
    await tui.until(/1 \/update "…"\s+2 \/\w+ "…"/);
    tui.burst('/log one\r/log two\r/log three\r');
    await tui.until(/tui log\s+three/);
    const history = await fragmentsJson(home, ['history', '--session', 'SESSION-001']);
    expect((history.data.activities as { kind: string; text: string | null }[]).filter((a) => a.kind === 'log').map((a) => a.text)).toEqual(['one', 'two', 'three']);
    tui.send('C-c');
  });

  it('Esc, 3 s, a digit leaves the draft intact', async () => {
    const home = tempHome('tmux-esc');
    await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`]);
    const tui = pane('esc', home);
    await tui.until('Started SESSION-001');
    tui.send('/task-start T-SESS-01-DB', 'Enter');
    await tui.until(/1 \/update "…"\s+2 \/\w+ "…"/);
    tui.burst('/note the failing tests:');
    await tui.until('› /note the failing tests:');
    tui.send('Escape');
    await new Promise((r) => setTimeout(r, 3000));
    // Key by key, as a person types: the digit arrives alone.
    tui.burst('2');
    tui.burst(' fail');
    const after = await tui.until('› /note the failing tests:2 fail');
    expect(after).not.toContain('› /done');
    tui.send('C-c');
  });

  it('an agent’s paused session stays paused when the screen is opened after the developer’s session ended', async () => {
    const home = tempHome('tmux-paused');
    await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`]);
    await fragments(home, ['session:start', '--agent', 'claude']);
    await fragments(home, ['session:pause', 'waiting for review']);
    await fragments(home, ['session:start', '--new']);
    await fragments(home, ['session:end', '--summary', 'done for today']);
    const tui = pane('paused', home, 160, 30);
    const screen = await tui.until('Started SESSION-003');
    expect(screen).toContain('Open too: SESSION-001 (claude, paused: waiting for review)');
    const agentSession = await fragmentsJson(home, ['session:status', 'SESSION-001']);
    expect(agentSession.data.session).toMatchObject({ status: 'paused', pause_reason: 'waiting for review', interruptions: [] });
    tui.send('C-c');
  });

  // Only a home's lock makes a command wait for a stopped agent: PostgreSQL keeps the two transactions apart without waiting.
  it.skipIf(onPostgres)('a command that takes long (it waits for a stopped agent holding the lock) shows a running line with its elapsed time, and the clock keeps ticking meanwhile', async () => {
    const home = tempHome('tmux-long');
    await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`]);
    const tui = pane('long', home);
    await tui.until('Started SESSION-001');
    tui.send('/task-start T-SESS-01-DB', 'Enter');
    await tui.until(/T-SESS-01-DB Database schema\s+in_progress/);
    const agent = start(home, BIN, ['log', 'agent holding the lock', '--json'], { FRAGMENTS_STOP_AT: 'locked' });
    await stopped(agent.child.pid!);
    tui.send('/update while the agent is stopped', 'Enter');
    const first = await tui.until(/running `\/update while the agent is stopped` [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] 1s/, 10_000);
    const clock = (s: string) => /⏱ (\d:\d\d:\d\d) ░/.exec(s)![1];
    const second = await tui.until(/running `\/update while the agent is stopped` [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] 2s/, 10_000);
    expect(clock(second)).not.toBe(clock(first));
    agent.child.kill('SIGCONT');
    expect(await agent.exited).toBe(0);
    await tui.until(/update\s+while the agent is stopped/, 30_000);
    tui.send('C-c');
  }, 90_000);
});
