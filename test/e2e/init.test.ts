/**
 * `fragments init`, spawned for real in empty and lived-in project folders:
 * each client's file is read back with a real parser of its format, a second
 * run changes no byte, other servers and the user's text are kept, a broken
 * file stops the run with nothing written. Then an agent client starts the
 * server from the written `.mcp.json` entry and calls `session_start`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { parse as parseToml } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';
import { callTool } from '../helpers/agent.js';
import { BIN, tempHome } from '../helpers/cli.js';
import type { WireEnvelope } from '../helpers/cli.js';

type Json = Record<string, any>;

interface Answer {
  code: number;
  stdout: string;
  stderr: string;
  envelope: WireEnvelope;
}

/** `fragments init …` run in `dir`, as a developer would in the project folder; `env` replaces the home settings. */
function init(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<Answer> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, 'init', ...args, '--json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', FRAGMENTS_HOME: undefined, ...env } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr, envelope: JSON.parse(stdout) as WireEnvelope });
    });
  });
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const json = (dir: string, file: string) => JSON.parse(read(dir, file)) as Json;

/** Every file of the project with its bytes and modification time: what "changes nothing" is checked against. */
function snapshot(dir: string, files: string[]) {
  return Object.fromEntries(files.map((f) => [f, existsSync(join(dir, f)) ? { text: read(dir, f), mtime: statSync(join(dir, f)).mtimeMs } : null]));
}

describe('fragments init', () => {
  const home = tempHome('init-home');
  const withHome = { FRAGMENTS_HOME: home };

  it('--agent claude in an empty folder writes .mcp.json and CLAUDE.md; a second run changes nothing', async () => {
    const dir = tempHome('init-claude');
    const first = await init(dir, ['--agent', 'claude'], withHome);
    expect(first.code, first.stderr).toBe(0);
    expect((first.envelope.data.changes as Json[]).map((c) => [c.path, c.action])).toEqual([
      ['.mcp.json', 'create'],
      ['CLAUDE.md', 'create'],
    ]);
    // The home is not the default one, so the entry names it.
    expect(json(dir, '.mcp.json')).toEqual({ mcpServers: { fragments: { command: 'fragments', args: ['mcp'], env: { FRAGMENTS_HOME: home } } } });
    const claude = read(dir, 'CLAUDE.md');
    expect(claude).toMatch(/^<!-- fragments:start[^\n]*-->\n## Working with Fragments\n/);
    expect(claude).toMatch(/session_resume/);
    expect(claude).toMatch(/session_start/);
    expect(claude).toMatch(/`update`/);
    expect(claude).toMatch(/`done` with a summary/);
    expect(claude.trimEnd().endsWith('<!-- fragments:end -->')).toBe(true);

    const before = snapshot(dir, ['.mcp.json', 'CLAUDE.md']);
    const second = await init(dir, ['--agent', 'claude'], withHome);
    expect(second.code).toBe(0);
    expect((second.envelope.data.changes as Json[]).map((c) => c.action)).toEqual(['unchanged', 'unchanged']);
    expect(second.envelope.data.written).toBe(false);
    expect(snapshot(dir, ['.mcp.json', 'CLAUDE.md'])).toEqual(before);
  });

  it('leaves FRAGMENTS_HOME out of the entry when the home is the default one', async () => {
    const dir = tempHome('init-default');
    const user = tempHome('init-user');
    const run = await init(dir, ['--agent', 'claude'], { HOME: user });
    expect(run.code, run.stderr).toBe(0);
    expect(json(dir, '.mcp.json').mcpServers.fragments).toEqual({ command: 'fragments', args: ['mcp'] });
    expect(run.stdout).toMatch(/"home_in_entry":false/);
  });

  it('keeps the servers and settings already there, and the user’s own instructions', async () => {
    const dir = tempHome('init-merge');
    const other = { command: 'npx', args: ['-y', '@acme/mcp'], env: { TOKEN: 'x' } };
    writeFileSync(join(dir, '.mcp.json'), `${JSON.stringify({ mcpServers: { acme: other }, extra: true }, null, 4)}\n`);
    writeFileSync(join(dir, 'CLAUDE.md'), '# Project rules\n\nUse tabs.\n');
    const run = await init(dir, ['--agent', 'claude'], withHome);
    expect(run.code, run.stderr).toBe(0);
    const config = json(dir, '.mcp.json');
    expect(config.mcpServers.acme).toEqual(other);
    expect(config.extra).toBe(true);
    expect(config.mcpServers.fragments.command).toBe('fragments');
    // The file's own indent is kept.
    expect(read(dir, '.mcp.json')).toMatch(/^\{\n {4}"mcpServers"/);
    const claude = read(dir, 'CLAUDE.md');
    expect(claude.startsWith('# Project rules\n\nUse tabs.\n\n<!-- fragments:start')).toBe(true);

    // An edited section is put back; the user's text around it stays, and the section is never doubled.
    writeFileSync(join(dir, 'CLAUDE.md'), `${claude.replace('## Working with Fragments', '## Edited')}\nMore rules.\n`);
    expect((await init(dir, ['--agent', 'claude'], withHome)).code).toBe(0);
    const again = read(dir, 'CLAUDE.md');
    expect(again).toBe(`${claude}\nMore rules.\n`);
    expect(again.match(/fragments:start/g)).toHaveLength(1);
  });

  it('refuses a broken .mcp.json, leaves it as it was and writes nothing else', async () => {
    const dir = tempHome('init-broken');
    const broken = '{ "mcpServers": { "acme": { "command": "x", } }\n';
    writeFileSync(join(dir, '.mcp.json'), broken);
    const run = await init(dir, ['--agent', 'claude'], withHome);
    expect(run.code).toBe(1);
    expect(run.envelope.error?.code).toBe('CONFIG_UNREADABLE');
    expect(run.envelope.error?.message).toMatch(/^\.mcp\.json is not valid JSON .*left as it was, and nothing was written/);
    expect(read(dir, '.mcp.json')).toBe(broken);
    expect(existsSync(join(dir, 'CLAUDE.md'))).toBe(false);
  });

  it('--agent all writes each client’s own file, which its own format’s parser reads with the fields the client needs', async () => {
    const dir = tempHome('init-all');
    mkdirSync(join(dir, '.codex'));
    writeFileSync(join(dir, '.codex', 'config.toml'), '# my settings\nmodel = "o3"\n\n[mcp_servers.docs]\ncommand = "docs-mcp"\n');
    const run = await init(dir, ['--agent', 'all'], withHome);
    expect(run.code, run.stderr).toBe(0);
    const entry = { command: 'fragments', args: ['mcp'], env: { FRAGMENTS_HOME: home } };
    expect(json(dir, '.mcp.json').mcpServers.fragments).toEqual(entry);
    expect(json(dir, '.cursor/mcp.json').mcpServers.fragments).toEqual(entry);
    expect(json(dir, '.vscode/mcp.json').servers.fragments).toEqual({ type: 'stdio', ...entry });
    expect(json(dir, '.gemini/settings.json').mcpServers.fragments).toEqual(entry);
    const codexText = read(dir, '.codex/config.toml');
    const codex = parseToml(codexText) as Json;
    expect(codex.mcp_servers.fragments).toEqual(entry);
    expect(codex.mcp_servers.docs).toEqual({ command: 'docs-mcp' });
    expect(codex.model).toBe('o3');
    expect(codexText.startsWith('# my settings\n')).toBe(true);
    // AGENTS.md serves Cursor, VS Code and Codex: one section.
    for (const file of ['CLAUDE.md', 'GEMINI.md', 'AGENTS.md']) expect(read(dir, file).match(/## Working with Fragments/g), file).toHaveLength(1);
    const agentsMd = (run.envelope.data.changes as Json[]).find((c) => c.path === 'AGENTS.md')!;
    expect(agentsMd.agents).toEqual(['cursor', 'vscode', 'codex']);

    const files = ['.mcp.json', '.cursor/mcp.json', '.vscode/mcp.json', '.gemini/settings.json', '.codex/config.toml', 'CLAUDE.md', 'GEMINI.md', 'AGENTS.md'];
    const before = snapshot(dir, files);
    expect((await init(dir, ['--agent', 'all'], withHome)).code).toBe(0);
    expect(snapshot(dir, files)).toEqual(before);
  });

  it('--dry-run prints what it would write and writes nothing; without --agent it lists the clients it finds', async () => {
    const dir = tempHome('init-dry');
    mkdirSync(join(dir, '.cursor'));
    mkdirSync(join(dir, '.vscode'));
    const listed = await init(dir, [], withHome);
    expect(listed.code).toBe(0);
    expect(listed.envelope.data.detected).toEqual(['cursor', 'vscode']);
    const dry = await init(dir, ['--agent', 'cursor', '--dry-run'], withHome);
    expect(dry.code).toBe(0);
    const changes = dry.envelope.data.changes as Json[];
    expect(changes.map((c) => [c.path, c.action])).toEqual([
      ['.cursor/mcp.json', 'create'],
      ['AGENTS.md', 'create'],
    ]);
    expect(JSON.parse(changes[0]!.preview).mcpServers.fragments.command).toBe('fragments');
    expect(existsSync(join(dir, '.cursor', 'mcp.json'))).toBe(false);
    expect(existsSync(join(dir, 'AGENTS.md'))).toBe(false);
  });
});

describe('an agent client started from the written .mcp.json', () => {
  const clients: Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  });

  it('starts the server from the entry and calls session_start', async () => {
    const home = tempHome('init-mcp-home');
    const dir = tempHome('init-mcp');
    expect((await init(dir, ['--agent', 'claude'], { FRAGMENTS_HOME: home })).code).toBe(0);
    const entry = json(dir, '.mcp.json').mcpServers.fragments as { command: string; args: string[]; env: Record<string, string> };
    // The entry runs the installed `fragments`; where it is not installed (a checkout), this repository's own
    // bin stands in for it, with the entry's own arguments and environment.
    const [command, args] = entry.command === 'fragments' ? [process.execPath, [BIN, ...entry.args]] : [entry.command, entry.args];
    const transport = new StdioClientTransport({
      command,
      args,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...entry.env },
      cwd: dir,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'claude-code-stand-in', version: '1.0.0' });
    clients.push(client);
    await client.connect(transport);
    const started = await callTool(client, 'session_start', { agent: 'claude' });
    expect(started.isError, started.text).toBe(false);
    expect(started.envelope.session_key).toBe('SESSION-001');
    // It acts on the home the entry names.
    expect(readFileSync(join(home, 'session'), 'utf8').trim()).toBe('SESSION-001');
  });
});
