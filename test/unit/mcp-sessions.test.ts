/**
 * MCP sessions at `/mcp` through Hono (`app.request`, no socket): the SDK
 * transport's own DNS-rebinding check stands behind the app's.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { allowedHosts } from '../../src/http/allowed-hosts.js';
import { mcpOverHttp } from '../../src/http/mcp.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { Store } from '../../src/store/store.js';
import { tempHome } from '../helpers/cli.js';

const TOKEN = 'a-token-of-some-length';
const HOSTS = allowedHosts({ host: '127.0.0.1', port: 80, allowHosts: [] });
const now = () => new Date('2026-01-05T14:30:00Z');

type Requester = { request: (path: string, init: RequestInit) => Response | Promise<Response> };

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

describe('MCP over HTTP', () => {
  it('have the SDK transport’s own DNS-rebinding check on, behind the app’s', async () => {
    const sessions = mcpOverHttp(() => createMcpServer({ store: new Store(tempHome('mcp-rebinding')), now }), () => HOSTS);
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
