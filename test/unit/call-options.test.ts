/**
 * session_key and request_id are one schema on every face: the same key is
 * refused the same way, named as that face's user wrote it.
 */
import { describe, expect, it } from 'vitest';
import { allowedHosts } from '../../src/http/allowed-hosts.js';
import { createApp } from '../../src/http/app.js';
import { callOptions } from '../../src/runner/call-options.js';
import { HomeStore } from '../../src/store/home-store.js';
import { fragmentsJson, tempHome, type WireEnvelope } from '../helpers/cli.js';

const TOKEN = 'a-token-of-some-length';
const auth = { Authorization: `Bearer ${TOKEN}` };

describe('the call options', () => {
  it('take a session key in any case as the key, and refuse other forms naming the option as given', () => {
    expect(callOptions({ session_key: 'session-007', request_id: 'r-1' })).toEqual({ sessionKey: 'SESSION-007', requestId: 'r-1' });
    expect(callOptions({})).toEqual({});
    expect(() => callOptions({ session_key: 'one' })).toThrow('session_key: session keys look like SESSION-001.');
    expect(() => callOptions({ request_id: '' }, { session_key: '--session', request_id: '--request-id' })).toThrow('--request-id: takes 1 to 200 characters.');
    expect(() => callOptions({ request_id: 'x'.repeat(201) })).toThrow('request_id: takes 1 to 200 characters.');
  });

  it('are checked the same on the CLI: a malformed --session or --request-id is a usage error, exit 2', async () => {
    const home = tempHome('call-options');
    const session = await fragmentsJson(home, ['session:status', '--session', 'one']);
    expect(session.exit).toBe(2);
    expect(session.error).toMatchObject({ code: 'USAGE', message: '--session: session keys look like SESSION-001.' });
    const request = await fragmentsJson(home, ['session:start', `--request-id=${'r'.repeat(201)}`]);
    expect(request.exit).toBe(2);
    expect(request.error!.message).toBe('--request-id: takes 1 to 200 characters.');
    const started = await fragmentsJson(home, ['session:start']);
    expect((await fragmentsJson(home, ['session:status', '--session', started.session_key!.toLowerCase()])).session_key).toBe(started.session_key);
  });

  it('are checked the same over HTTP, Idempotency-Key by a middleware before any command runs', async () => {
    const app = createApp({ store: new HomeStore(tempHome('call-options-http')), now: () => new Date('2026-01-05T14:30:00Z'), token: TOKEN, hosts: () => allowedHosts({ host: '127.0.0.1', port: 80, allowHosts: [] }) }).app;
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const r = await app.request(path, { method: 'POST', headers: { ...auth, ...headers }, body: JSON.stringify(body) });
      return { status: r.status, envelope: (await r.json()) as WireEnvelope };
    };
    const header = await post('/api/sessions/start', {}, { 'Idempotency-Key': 'k'.repeat(201) });
    expect(header.status).toBe(400);
    expect(header.envelope.error!.message).toBe('Idempotency-Key: takes 1 to 200 characters.');
    const body = await post('/api/commands/session:status', { session_key: 'one' });
    expect(body.status).toBe(400);
    expect(body.envelope.error!.message).toBe('session_key: session keys look like SESSION-001.');
    expect((await post('/api/commands/session:list', {})).status).toBe(200);
    const first = await post('/api/sessions/start', {}, { 'Idempotency-Key': 'start-1' });
    const retry = await post('/api/sessions/start', {}, { 'Idempotency-Key': 'start-1' });
    expect(retry.envelope.data.replayed).toBe(true);
    expect(retry.envelope.session_key).toBe(first.envelope.session_key);
  });
});
