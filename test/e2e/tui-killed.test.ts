/**
 * The TUI killed mid-command (issue 11, Hardening: Crash): the real binary in
 * a tmux pane takes `/update` lines as a person types them and is SIGKILLed 50
 * times in a row, each time a moment after Enter. An update is acknowledged
 * once the screen shows it recorded. After all that every file of the home
 * parses, doctor finds nothing, and every acknowledged update is in the
 * history. FRAGMENTS_KILLS lowers the count for a quick local run; CI runs 50.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, fragmentsJson, tempHome } from '../helpers/cli.js';
import { homeEnvWords } from '../helpers/store-env.js';

const KILLS = Number(process.env.FRAGMENTS_KILLS ?? 50);
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `fragments-killed-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: (screen: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = tmux('capture-pane', '-p', '-t', 'tui');
    if (check(text)) return text;
    if (Date.now() - started > timeoutMs) throw new Error(`The pane never showed ${what}. It shows:\n${text}`);
    await sleep(25);
  }
}

/**
 * Types a line, waits until the prompt holds it, then presses Enter: keys that
 * arrive before the TUI puts the terminal in raw mode get their Enter turned
 * into a newline, which the prompt takes for pasted text and does not send.
 */
async function typeLine(line: string): Promise<void> {
  tmux('send-keys', '-t', 'tui', '-l', line);
  await waitFor((s) => s.includes(`› ${line}`), `the prompt holding ${line}`);
  tmux('send-keys', '-t', 'tui', 'Enter');
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

describe.skipIf(!hasTmux)('the TUI killed mid-command', () => {
  it(`survives ${KILLS} SIGKILLs: every file parses, doctor finds nothing, every update the screen showed is kept`, async () => {
    const home = tempHome('tui-killed');
    // A session that outlives each TUI keeps the tmux server up; a pane that dies stays for its last words.
    tmux('new-session', '-d', '-s', 'keep', 'sleep 3600');
    tmux('set-option', '-g', 'remain-on-exit', 'on');
    expect((await fragmentsJson(home, ['session:start'])).success).toBe(true);
    const acknowledged: string[] = [];
    let n = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      // exec: the pane's process is the TUI itself, so its pid is the one to kill.
      tmux('new-session', '-d', '-s', 'tui', '-x', '100', '-y', '30', `exec env ${homeEnvWords(home)} ${process.execPath} ${BIN}`);
      const pid = Number(tmux('display', '-p', '-t', 'tui', '#{pane_pid}').trim());
      await waitFor((s) => s.includes('SESSION-001'), 'the session');
      // Two updates seen through, then one killed a moment after its Enter.
      for (let i = 0; i < 2; i++) {
        const text = `u${++n}`;
        await typeLine(`/update ${text}`);
        await waitFor((s) => new RegExp(`tui update\\s+${text}\\b`).test(s), `update ${text}`);
        acknowledged.push(text);
      }
      await typeLine(`/update u${++n}`);
      await sleep(Math.random() * 80);
      process.kill(pid, 'SIGKILL');
      tmux('kill-session', '-t', 'tui');
    }

    for (const file of jsonFiles(home)) expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
    const doctor = await fragmentsJson(home, ['doctor']);
    expect(doctor.success, JSON.stringify(doctor.data)).toBe(true);
    expect((doctor.data as { damaged: number }).damaged).toBe(0);
    const history = await fragmentsJson(home, ['history', '--limit', String(10 * KILLS)]);
    const texts = new Set((history.data.activities as { text?: string }[]).map((a) => a.text));
    expect(acknowledged.filter((text) => !texts.has(text)), 'acknowledged and lost').toEqual([]);
  }, 600_000);
});
