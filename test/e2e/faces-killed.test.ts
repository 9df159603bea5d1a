/**
 * The agent faces killed mid-command (issue 11, Hardening: Crash): `fragments
 * mcp` driven by the SDK's Client and `fragments serve` driven by fetch, each
 * SIGKILLed 50 times in a row while a call is in flight. After all that every
 * file of the home parses, doctor finds nothing, and every command that got a
 * success answer before its kill is there. (The CLI: killed-writer.test.ts.)
 * FRAGMENTS_KILLS lowers the count for a quick local run; CI runs 50.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { callTool, serve } from '../helpers/agent.js';
import { BIN, ROOT, fragmentsJson, tempHome } from '../helpers/cli.js';
import { homeEnv } from '../helpers/store-env.js';

const KILLS = Number(process.env.FRAGMENTS_KILLS ?? 50);
/** A big description makes plan.json large, so more kills land while it is being written. */
const DESCRIPTION = 'd'.repeat(16 * 1024);

interface Running {
  /** Creates task `code`; true on a success answer, false on a failure answer; throws when the connection dies. */
  create(code: string): Promise<boolean>;
  kill(): Promise<void>;
}

async function startMcp(home: string): Promise<Running> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], env: { ...(process.env as Record<string, string>), ...homeEnv(home) }, cwd: ROOT, stderr: 'ignore' });
  const client = new Client({ name: 'fragments-kill-test', version: '1.0.0' });
  // The client's own hook: the transport's belongs to the client, which rejects pending calls on close.
  const closed = new Promise<void>((resolve) => (client.onclose = resolve));
  await client.connect(transport);
  return {
    create: async (code) => (await callTool(client, 'task_create', { code, title: `Task ${code}`, description: DESCRIPTION })).envelope.success,
    kill: async () => {
      process.kill(transport.pid!, 'SIGKILL');
      await closed;
      await client.close().catch(() => undefined);
    },
  };
}

async function startHttp(home: string): Promise<Running> {
  const server = await serve(home);
  return {
    create: async (code) => {
      const response = await fetch(`${server.url}/api/commands/task:create`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, title: `Task ${code}`, description: DESCRIPTION }),
      });
      return ((await response.json()) as { success: boolean }).success;
    },
    kill: async () => void (await server.stop('SIGKILL')),
  };
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ['fragments mcp (stdio, SDK client)', startMcp],
  ['fragments serve (HTTP, fetch)', startHttp],
] as const)('%s killed mid-command', (_, start) => {
  it(`survives ${KILLS} SIGKILLs: every file parses, doctor finds nothing, every acknowledged command is kept`, async () => {
    const home = tempHome('face-killed');
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let next = 1;
    for (let kill = 1; kill <= KILLS; kill++) {
      const face = await start(home);
      let stop = false;
      let acked = 0;
      // One call after another, as an agent makes them, until the connection dies.
      const writer = (async () => {
        while (!stop) {
          const code = `K-${next++}`;
          try {
            if (await face.create(code)) {
              acknowledged.push(code);
              acked++;
            } else refused.push(code);
          } catch {
            return; // the kill: this call's fate is unknown
          }
        }
      })();
      // Killed a random moment after the first success, so writes land between kills.
      while (acked === 0 && refused.length === 0) await sleep(5);
      await sleep(Math.random() * 120);
      await face.kill();
      stop = true;
      await writer;
      expect(refused, `run ${kill}: refused calls`).toEqual([]);
    }

    for (const file of jsonFiles(home)) expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
    const doctor = await fragmentsJson(home, ['doctor']);
    expect(doctor.success, JSON.stringify(doctor.data)).toBe(true);
    expect((doctor.data as { damaged: number }).damaged).toBe(0);
    const codes = new Set(((await fragmentsJson(home, ['task:list'])).data.tasks as { code: string }[]).map((t) => t.code));
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS);
    expect(acknowledged.filter((code) => !codes.has(code)), 'acknowledged and lost').toEqual([]);
  }, 600_000);
});
