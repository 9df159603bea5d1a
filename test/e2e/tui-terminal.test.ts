/**
 * What the TUI does to the terminal it runs in, seen from the terminal (tmux):
 * no colour under NO_COLOR, mission control beside the work on a wide one with
 * an MCP agent's session in it, the mouse asked for while it runs and given
 * back on every way out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { callTool, mcpOverStdio } from '../helpers/agent.js';
import { BIN, ROOT, fragments, tempHome } from '../helpers/cli.js';
import { homeEnvWords } from '../helpers/store-env.js';
import { hasTmux, tmuxServer, untilShown } from '../helpers/tmux.js';

const tmux = tmuxServer('terminal');

/** SGR colour parameters in `capture-pane -e` output (39 and 49, back to the default, are no colour). */
const colourCodes = (text: string) => [...text.matchAll(/\x1b\[([\d;]*)m/g)].flatMap((m) => m[1]!.split(';')).filter((p) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(p));

/** The TUI in a pane of its own (its process is the pane's, so a signal reaches it); `env` words go before the home's. */
function pane(name: string, home: string, { columns = 100, rows = 30, env = '' } = {}) {
  tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), `exec env -u FORCE_COLOR ${env} ${homeEnvWords(home)} ${process.execPath} ${BIN}`);
  const show = (...flags: string[]) => tmux('capture-pane', '-p', ...flags, '-t', name);
  const until = untilShown(show, name, 8000);
  const flag = (format: string) => tmux('display', '-p', '-t', name, format).trim();
  /** Resolves once the TUI has left: its pane is dead (its farewell, printed as it exits, tmux may not draw before the pane dies). */
  const ended = async (timeoutMs = 20_000) => {
    const started = Date.now();
    while (flag('#{pane_dead}') !== '1') {
      if (Date.now() - started > timeoutMs) throw new Error(`Pane ${name}: the TUI did not leave:\n${show()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { show, until, flag, ended, keys: (...k: string[]) => tmux('send-keys', '-t', name, ...k), raw: (text: string) => tmux('send-keys', '-t', name, '-l', text) };
}

async function planned(label: string): Promise<string> {
  const home = tempHome(label);
  expect((await fragments(home, ['import', `${ROOT}/examples/sprint-plan.md`])).code).toBe(0);
  return home;
}

describe.skipIf(!hasTmux)('the TUI and its terminal', () => {
  beforeAll(() => {
    // A session that outlives each TUI keeps the server up; a pane whose TUI left stays, for what it said and the terminal's modes.
    tmux('new-session', '-d', '-s', 'keep', 'sleep 600');
    tmux('set-option', '-g', 'remain-on-exit', 'on');
  });

  it('sends not one colour code under NO_COLOR, and colours the same screen without it', async () => {
    const home = await planned('tmux-colour');
    const plain = pane('plain', home, { env: 'NO_COLOR=1' });
    await plain.until('Started SESSION-001');
    plain.keys('/task-start T-SESS-01-DB', 'Enter');
    await plain.until(/T-SESS-01-DB Database schema\s+in_progress/);
    expect(colourCodes(plain.show('-e'))).toEqual([]);
    plain.keys('C-c');
    await plain.ended();

    const coloured = pane('coloured', home);
    await coloured.until(/T-SESS-01-DB Database schema\s+in_progress/);
    expect(colourCodes(coloured.show('-e')).length).toBeGreaterThan(10);
    coloured.keys('C-c');
    await coloured.ended();
  });

  it('at 170×45 mission control stands beside the work, with an MCP agent’s session live in it', async () => {
    const home = await planned('tmux-side');
    const tui = pane('wide', home, { columns: 170, rows: 45 });
    await tui.until('Started SESSION-001');
    tui.keys('/task-start T-SESS-01-DB', 'Enter');
    const alone = await tui.until(/T-SESS-01-DB Database schema\s+in_progress · critical │/);
    expect(alone).toMatch(/│ ─ Sessions \(1 open\)/);

    const mcp = await mcpOverStdio(home);
    expect((await callTool(mcp, 'session_start', { new: true, agent: 'codex' })).envelope.session_key).toBe('SESSION-002');
    // On a shared store each session also names its person.
    const panel = await tui.until(/│ +SESSION-002 (\S+ · )?codex · mcp active/);
    expect(panel).toMatch(/─ Sprint ─+ +│ ─ Sessions \(2 open\)/);
    expect(panel).toMatch(/│ ▸ SESSION-001 \(this screen\) (\S+ · )?tui/);
    expect(panel).toMatch(/T-SESS-01-DB Database schema\s+in_progress · critical │/);
    expect((await callTool(mcp, 'task_activate', { code: 'T-SESS-01-MODELS' })).isError).toBe(false);
    await tui.until(/│ +T-SESS-01-MODELS \d+s · last just now/);
    await mcp.close();

    // A click on the agent's session (row 6: header, title, two lines of SESSION-001, a gap) watches it.
    tui.raw('\x1b[<0;150;6M\x1b[<0;150;6m');
    await tui.until('SESSION-002 (watching, read-only)');
    tui.keys('Escape');
    await tui.until(/SESSION-001 · work · active/);
    tui.keys('C-c');
    await tui.ended();
  });

  it('asks for the mouse only while it runs, and gives it back on Ctrl+C and on SIGTERM', async () => {
    const home = await planned('tmux-mouse');
    const first = pane('mouse', home);
    await first.until('Started SESSION-001');
    expect(first.flag('#{mouse_sgr_flag} #{mouse_standard_flag}')).toBe('1 1');
    // The wheel scrolls the activity.
    for (let i = 0; i < 30; i++) await fragments(home, ['log', `step ${i}`]);
    await first.until('step 29');
    first.raw('\x1b[<64;10;15M');
    await first.until('↓ 3 newer (PgDn)');
    first.keys('C-c');
    await first.ended();
    expect(first.flag('#{mouse_sgr_flag} #{mouse_standard_flag} #{alternate_on}')).toBe('0 0 0');

    const second = pane('terminated', home);
    await second.until(/SESSION-001 · work · active/);
    expect(second.flag('#{mouse_sgr_flag}')).toBe('1');
    process.kill(Number(second.flag('#{pane_pid}')), 'SIGTERM');
    const started = Date.now();
    while (second.flag('#{pane_dead}') !== '1') {
      if (Date.now() - started > 8000) throw new Error('the TUI did not leave on SIGTERM');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(second.flag('#{mouse_sgr_flag} #{mouse_standard_flag} #{alternate_on}')).toBe('0 0 0');
  });

  it('with tui.mouse false in config, leaves the mouse to the terminal', async () => {
    const home = await planned('tmux-no-mouse');
    const path = `${home}/config.json`;
    const config = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...config, tui: { mouse: false } }));
    const tui = pane('no-mouse', home);
    await tui.until('Started SESSION-001');
    expect(tui.flag('#{mouse_sgr_flag} #{mouse_standard_flag}')).toBe('0 0');
    tui.keys('C-c');
    await tui.ended();
  });
});
