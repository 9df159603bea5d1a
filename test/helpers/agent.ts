import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll } from 'vitest';
import { storeEnv } from './store-env.js';
import { BIN, ROOT, spawn } from './cli.js';
import type { WireEnvelope } from './cli.js';

const open: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((close) => close().catch(() => undefined)));
});

/** The SDK's own client over a spawned `fragments mcp` on `home`. */
export async function mcpOverStdio(home: string): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], env: { ...(process.env as Record<string, string>), FRAGMENTS_HOME: home, ...storeEnv(home) }, cwd: ROOT, stderr: 'pipe' });
  const client = new Client({ name: 'fragments-test', version: '1.0.0' });
  await client.connect(transport);
  open.push(() => client.close());
  return client;
}

/** The SDK's own client over Streamable HTTP against a running `fragments serve`. */
export async function mcpOverHttp(server: Served, token = server.token): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new Client({ name: 'fragments-test', version: '1.0.0' });
  await client.connect(transport);
  open.push(() => client.close());
  return client;
}

export interface ToolAnswer {
  isError: boolean;
  text: string;
  envelope: WireEnvelope;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
  return { isError: result.isError === true, text, envelope: result.structuredContent as unknown as WireEnvelope };
}

export interface Served {
  url: string;
  token: string;
  pid: number;
  /** What the server printed so far. */
  output: () => string;
  /** Sends the signal and resolves with the exit code once the process is gone. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** A real `fragments serve` on 127.0.0.1 and a free port, until the test file ends. */
export function serve(home: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...extra], { env: { ...process.env, FRAGMENTS_HOME: home, ...storeEnv(home), ...env }, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null) child.kill(signal);
    return exited;
  };
  open.push(() => stop());
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ url, token: readFileSync(join(home, 'api-token'), 'utf8').trim(), pid: child.pid!, output: () => out, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`fragments serve exited ${code} before listening:\n${out}`)));
  });
}
