/** The HTTP face's middlewares, through `app.request`: no socket needed. */
import { describe, expect, it } from 'vitest';
import { allowedHosts } from '../../src/http/allowed-hosts.js';
import { createApp } from '../../src/http/app.js';
import { statusOf } from '../../src/http/status.js';
import { HomeStore } from '../../src/store/home-store.js';
import { tempHome } from '../helpers/cli.js';
import type { WireEnvelope } from '../helpers/cli.js';

const TOKEN = 'a-token-of-some-length';

// In-process requests carry no Host header: their URL's host, `localhost`, port 80, stands for it.
const HOSTS = allowedHosts({ host: '127.0.0.1', port: 80, allowHosts: [] });

function app() {
  return createApp({ store: new HomeStore(tempHome('http-app')), now: () => new Date('2026-01-05T14:30:00Z'), token: TOKEN, hosts: () => HOSTS }).app;
}
const auth = { Authorization: `Bearer ${TOKEN}` };
const body = async (r: Response) => (await r.json()) as WireEnvelope;

describe('the HTTP app', () => {
  it('asks every route but health for the token, and says it is the home\'s api-token without saying where the home is', async () => {
    const a = app();
    expect((await a.request('/api/health')).status).toBe(200);
    const refused = await a.request('/api/sessions');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    const message = (await body(refused)).error!.message;
    expect(message).toContain("the home's api-token file");
    expect(message).not.toMatch(/\//);
    expect((await a.request('/api/sessions', { headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await a.request('/mcp', { method: 'POST' })).status).toBe(401);
    expect((await a.request('/api/sessions', { headers: auth })).status).toBe(200);
  });

  it('checks X-Source and X-Session-Key before any command runs', async () => {
    const a = app();
    const source = await a.request('/api/sessions', { headers: { ...auth, 'X-Source': 'browser' } });
    expect(source.status).toBe(400);
    expect((await body(source)).error!.message).toMatch(/X-Source must be one of tui, cli, mcp, api/);
    expect((await a.request('/api/sessions', { headers: { ...auth, 'X-Session-Key': 'SESSION-1' } })).status).toBe(400);
    expect((await a.request('/api/sessions', { headers: { ...auth, 'X-Session-Key': 'SESSION-001' } })).status).toBe(404);
  });

  it('tags what it records with X-Source', async () => {
    const a = app();
    const started = await body(await a.request('/api/sessions/start', { method: 'POST', headers: { ...auth, 'X-Source': 'mcp' } }));
    expect((started.data.session as { source: string }).source).toBe('mcp');
    // Suggestions follow the source's syntax: tool calls for mcp.
    expect(started.instructions!.suggested_commands.every((c) => !c.startsWith('POST '))).toBe(true);
  });

  it('answers GET /api/sessions/current with the current session, not a session named "current"', async () => {
    const a = app();
    const started = await body(await a.request('/api/sessions/start', { method: 'POST', headers: auth }));
    const current = await a.request('/api/sessions/current', { headers: auth });
    expect(current.status).toBe(200);
    expect((await body(current)).session_key).toBe(started.session_key);
  });

  it('answers an unknown route with the routes there are', async () => {
    const r = await app().request('/api/nothing', { headers: auth });
    expect(r.status).toBe(404);
    expect((await body(r)).error!.message).toMatch(/POST \/api\/commands\/:name/);
  });
});

describe('statusOf', () => {
  const failed = (code: string): WireEnvelope => ({ schema_version: 1, success: false, command: 'x', session_key: null, data: {}, error: { code, message: '' } });
  it('maps what went wrong to what a client can branch on', () => {
    expect(statusOf({ ...failed('X'), success: true })).toBe(200);
    expect(['USAGE', 'BAD_DURATION', 'BAD_JSON', 'REQUEST_ID_REUSED'].map((c) => statusOf(failed(c)))).toEqual([400, 400, 400, 400]);
    expect(['NOT_FOUND', 'UNKNOWN_COMMAND', 'UNKNOWN_ROUTE'].map((c) => statusOf(failed(c)))).toEqual([404, 404, 404]);
    expect(['VALIDATION_FAILED', 'NO_ACTIVE_TASK', 'TASK_CLOSED'].map((c) => statusOf(failed(c)))).toEqual([409, 409, 409]);
    expect(statusOf(failed('BODY_TOO_LARGE'))).toBe(413);
    expect(statusOf(failed('INTERNAL'))).toBe(500);
  });
});
