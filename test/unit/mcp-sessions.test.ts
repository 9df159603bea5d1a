/**
 * MCP sessions at `/mcp` through the Hono app (`app.request`, no socket): a
 * session left unused closes after its idle time, one still in use does not,
 * past the cap the least recently used closes, and the SDK transport's own
 * DNS-rebinding check stands behind the app's. Limits are made small here.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { allowedHosts } from '../../src/http/allowed-hosts.js';
import { createApp } from '../../src/http/app.js';
import { mcpOverHttp } from '../../src/http/mcp.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { HomeStore } from '../../src/store/home-store.js';
import { tempHome } from '../helpers/cli.js';

const TOKEN = 'a-token-of-some-length';
const HOSTS = allowedHosts({ host: '127.0.0.1', port: 80, allowHosts: [] });
const IDLE_MS = 300;
const now = () => new Date('2026-01-05T14:30:00Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Requester = { request: (path: string, init: RequestInit) => Response | Promise<Response> };

function app(max = 3) {
  return createApp({ store: new HomeStore(tempHome('mcp-sessions')), now, token: TOKEN, hosts: () => HOSTS, mcpSessions: { idleMs: IDLE_MS, max } }).app;
}

function mcp(a: Requester) {
  const headers = (sid?: string): Record<string, string> => ({
    Host: 'localhost',
    Authorization: `Bearer ${TOKEN}`,
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    ...(sid ? { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' } : {}),
  });
  const post = async (body: unknown, sid?: string) => {
    const answer = await a.request('/mcp', { method: 'POST', headers: headers(sid), body: JSON.stringify(body) });
    return { status: answer.status, sid: answer.headers.get('mcp-session-id'), text: await answer.text() };
  };
  return {
    headers,
    initialize: async () => (await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })).sid!,
    ping: async (sid: string) => (await post({ jsonrpc: '2.0', id: 2, method: 'ping' }, sid)).status,
    post,
  };
}

describe('MCP sessions over HTTP', () => {
  it('close once unused for the idle time, and their client is told to initialize again (404)', async () => {
    const client = mcp(app());
    const sid = await client.initialize();
    expect(await client.ping(sid)).toBe(200);
    await sleep(IDLE_MS * 4);
    expect(await client.ping(sid)).toBe(404);
  });

  it('stay open while used: calls within the idle time, or an event stream open', async () => {
    const a = app();
    const client = mcp(a);
    const sid = await client.initialize();
    for (let i = 0; i < 8; i++) {
      await sleep(IDLE_MS / 3);
      expect(await client.ping(sid)).toBe(200);
    }
    const stream = await a.request('/mcp', { method: 'GET', headers: { ...client.headers(sid), Accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    await sleep(IDLE_MS * 4);
    expect(await client.ping(sid)).toBe(200);
    await stream.body!.cancel();
    await sleep(IDLE_MS * 4);
    expect(await client.ping(sid)).toBe(404);
  });

  it('are kept up to the cap: past it, the least recently used one closes', async () => {
    const client = mcp(app(3));
    const [s1, s2, s3] = [await client.initialize(), await client.initialize(), await client.initialize()];
    expect(await client.ping(s1!)).toBe(200);
    const s4 = await client.initialize();
    // s1 was used after s2: s2 is the one that goes.
    expect(await Promise.all([s1, s2, s3, s4].map((s) => client.ping(s!)))).toEqual([200, 404, 200, 200]);
    for (let i = 0; i < 10; i++) await client.initialize();
    expect(await Promise.all([s1, s3, s4].map((s) => client.ping(s!)))).toEqual([404, 404, 404]);
  });

  it('have the SDK transport’s own DNS-rebinding check on, behind the app’s', async () => {
    const sessions = mcpOverHttp(() => createMcpServer({ store: new HomeStore(tempHome('mcp-rebinding')), now }), () => HOSTS);
    const bare = new Hono();
    bare.all('/mcp', sessions.handle);
    const client = mcp(bare);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
    const host = await bare.request('/mcp', { method: 'POST', headers: { ...client.headers(), Host: 'evil.example' }, body });
    expect(host.status).toBe(403);
    expect(await host.text()).toMatch(/Invalid Host header: evil\.example/);
    const origin = await bare.request('/mcp', { method: 'POST', headers: { ...client.headers(), Origin: 'http://evil.example' }, body });
    expect(origin.status).toBe(403);
    expect(await origin.text()).toMatch(/Invalid Origin header/);
    expect((await bare.request('/mcp', { method: 'POST', headers: client.headers(), body })).status).toBe(200);
    await sessions.close();
  });
});
