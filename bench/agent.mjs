// The agent faces' figures for `npm run bench`: MCP start-up, the tool list's
// size, warm call latency over MCP and HTTP, and the server the writer mix (mix.mjs) writes to.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { summary } from './stats.mjs';

const INITIALIZE = `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } })}\n`;

/** Milliseconds from spawning `fragments mcp` to its answer to `initialize`. */
export function mcpStartup(bin, home) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, 'mcp'], { env: { ...process.env, FRAGMENTS_HOME: home }, stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdout.once('data', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      child.stdin.end();
      child.once('exit', () => resolve(ms));
    });
    child.once('error', reject);
    child.stdin.write(INITIALIZE);
  });
}

async function timed(fn, warm, runs) {
  for (let i = 0; i < warm; i++) await fn(i);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summary(times);
}

/** The tools/list answer's size, and warm `update` calls over one stdio connection. */
export async function mcpCalls(bin, home, runs = 300) {
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], env: { ...process.env, FRAGMENTS_HOME: home } }));
  const listBytes = Buffer.byteLength(JSON.stringify(await client.listTools()));
  const update = await timed((i) => client.callTool({ name: 'update', arguments: { text: `mcp bench ${i}` } }), 30, runs);
  const read = await timed(() => client.callTool({ name: 'task_show', arguments: {} }), 30, runs);
  await client.close();
  return { listBytes, update, read };
}

/** A `fragments serve` on a free port of 127.0.0.1; resolves once it listens. */
export function startServer(bin, home) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { env: { ...process.env, FRAGMENTS_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ url, token: readFileSync(join(home, 'api-token'), 'utf8').trim(), stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) });
    });
    child.once('exit', (code) => reject(new Error(`fragments serve exited ${code}`)));
  });
}

const post = (server, path, body) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => {
    const envelope = await r.json();
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${envelope.error?.message}`);
    return envelope;
  });

/** Warm `GET /api/sessions/current` and `POST /api/tasks/update` calls, one after another. */
export async function httpCalls(server, runs = 300) {
  const status = await timed(async () => {
    const r = await fetch(`${server.url}/api/sessions/current`, { headers: { Authorization: `Bearer ${server.token}` } });
    if (r.status !== 200) throw new Error(`GET /api/sessions/current: ${r.status}`);
    await r.json();
  }, 30, runs);
  const update = await timed((i) => post(server, '/api/tasks/update', { text: `http bench ${i}` }), 30, runs);
  return { status, update };
}
