/**
 * `fragments serve` against what a hostile page or client sends (issue 20):
 * a rebound Host or a foreign Origin on every route. Real requests to a
 * spawned server.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/commands/types.js';
import { serve, type Served } from '../helpers/agent.js';
import { fragmentsJson, tempHome } from '../helpers/cli.js';
import { rawRequest } from '../helpers/raw-http.js';

const INITIALIZE = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
const MCP_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };

/** Each route a page could aim at, as it would send it. */
const ROUTES = [
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/sessions' },
  { method: 'GET', path: '/api/events' },
  { method: 'POST', path: '/api/sessions/start', body: '{"agent":"rebound"}' },
  { method: 'POST', path: '/api/tasks/update', body: '{"text":"from a rebound page"}' },
  { method: 'POST', path: '/mcp', body: INITIALIZE, headers: MCP_HEADERS },
];

const portOf = (server: Served) => new URL(server.url).port;

describe('fragments serve, against DNS rebinding', () => {
  const home = tempHome('http-rebinding');
  let server: Served;
  let port: string;
  const send = (route: (typeof ROUTES)[number], headers: Record<string, string>) =>
    rawRequest(`${server.url}${route.path}`, { method: route.method, body: route.body, headers: { Authorization: `Bearer ${server.token}`, ...route.headers, ...headers } });

  beforeAll(async () => {
    server = await serve(home, ['--allow-host', 'fragments.test']);
    port = portOf(server);
  });

  it('refuses (403) a Host that is not its own on every route, health, the event stream and MCP included, and records nothing', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `localhost:${Number(port) + 1}`]) {
      for (const route of ROUTES) {
        const answer = await send(route, { Host: host });
        expect(answer.status, `${route.method} ${route.path} with Host ${host}`).toBe(403);
        expect((JSON.parse(answer.text) as Envelope).error!.code).toBe('HOST_NOT_ALLOWED');
      }
    }
    expect((await fragmentsJson(home, ['session:list'])).data.sessions).toEqual([]);
  });

  it('refuses (403) an Origin that is not its own, even with its own Host', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, 'null', `http://localhost:${Number(port) + 1}`]) {
      for (const route of ROUTES) {
        const answer = await send(route, { Host: `127.0.0.1:${port}`, Origin: origin });
        expect(answer.status, `${route.method} ${route.path} with Origin ${origin}`).toBe(403);
        expect((JSON.parse(answer.text) as Envelope).error!.code).toBe('ORIGIN_NOT_ALLOWED');
      }
    }
    expect((await fragmentsJson(home, ['session:list'])).data.sessions).toEqual([]);
  });

  it('answers its own names, and a name allowed with --allow-host, on every route', async () => {
    const own = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'fragments.test', `fragments.test:${port}`];
    for (const host of own) {
      for (const route of ROUTES.filter((r) => r.method === 'GET' || r.path === '/mcp')) {
        expect((await send(route, { Host: host })).status, `${route.method} ${route.path} with Host ${host}`).toBe(200);
      }
    }
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`, 'https://fragments.test']) {
      expect((await send(ROUTES[0]!, { Host: `localhost:${port}`, Origin: origin })).status).toBe(200);
    }
    expect(server.output()).toMatch(/It also answers to fragments\.test/);
  });
});
