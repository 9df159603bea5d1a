import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, fragments, fragmentsJson, tempHome } from '../helpers/cli.js';

// The real binary in a real pseudo-terminal, driven as a person would. `.ci/run` installs tmux where it is missing.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('tmux is not installed: the TUI end-to-end test is skipped (apt-get install tmux).');

const socket = `fragments-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
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

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe.skipIf(!hasTmux)('the TUI in a terminal', () => {
  it('runs commands, shows the agent live, opens the check dialog, and leaves the session resumable', async () => {
    const home = tempHome('tmux');
    expect((await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`])).code).toBe(0);
    tmux('new-session', '-d', '-s', 'tui', '-x', '100', '-y', '30', `env FRAGMENTS_HOME=${home} ${process.execPath} ${BIN}; sleep 60`);

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
    tmux('new-session', '-d', '-s', 'dormant', '-x', '100', '-y', '30', `env FRAGMENTS_HOME=${home} ${process.execPath} ${BIN}; sleep 60`);
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

  it('on a fresh machine, opening makes the home and starts a session there', async () => {
    const home = join(tempHome('tmux-fresh'), 'not-yet');
    tmux('new-session', '-d', '-s', 'fresh', '-x', '80', '-y', '24', `env FRAGMENTS_HOME=${home} ${process.execPath} ${BIN}; sleep 60`);
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
    tmux('new-session', '-d', '-s', 'mc', '-x', '100', '-y', '30', `env FRAGMENTS_HOME=${home} ${process.execPath} ${BIN}; sleep 60`);
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
    tmux('new-session', '-d', '-s', 'int', '-x', '80', '-y', '24', `env FRAGMENTS_HOME=${home} ${process.execPath} ${BIN}; sleep 60`);
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
    expect(execFileSync('git', ['status', '--porcelain', '.fragments.example'], { cwd: ROOT, encoding: 'utf8' })).toBe('');
  });
});
