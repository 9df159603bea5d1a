/**
 * `fragments serve` as a client sees it: real requests to a real server on
 * 127.0.0.1, its token, the session routes, status codes, retries, the
 * activity stream, and other processes seeing what it wrote.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, type Served } from '../helpers/agent.js';
import { fragments, fragmentsJson, ROOT, tempHome } from '../helpers/cli.js';
import type { WireEnvelope } from '../helpers/cli.js';

const PLAN = `${ROOT}examples/sprint-plan.md`;

interface Answer {
  status: number;
  headers: Headers;
  envelope: WireEnvelope;
}

function client(server: Served, fixed: Record<string, string> = {}) {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...fixed, ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, headers: response.headers, envelope: (await response.json()) as WireEnvelope };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => request('GET', path, undefined, headers),
    post: (path: string, body: unknown = {}, headers?: Record<string, string>) => request('POST', path, body, headers),
  };
}

describe('fragments serve', () => {
  const home = tempHome('http');
  let server: Served;

  it('says where it listens and where the token is; the token file is private', async () => {
    server = await serve(home);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output()).toContain(join(home, 'api-token'));
    expect(statSync(join(home, 'api-token')).mode & 0o777).toBe(0o600);
  });

  it('answers health without a token', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, name: 'fragments' });
  });

  it('answers 401 without a token and with a wrong one', async () => {
    const none = await fetch(`${server.url}/api/sessions`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as WireEnvelope).error!.code).toBe('UNAUTHORIZED');
    const wrong = await fetch(`${server.url}/api/commands/update`, { method: 'POST', headers: { Authorization: 'Bearer not-the-token' }, body: '{"text":"x"}' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as WireEnvelope).error!.message).toMatch(/Wrong token/);
  });

  it('walks a session through the routes with X-Session-Key', async () => {
    const api = client(server);
    expect((await api.post('/api/commands/import', { file: PLAN })).status).toBe(200);
    const started = await api.post('/api/sessions/start', { agent: 'http-test' });
    expect(started.status).toBe(200);
    const key = started.envelope.data.session_key as string;
    expect(key).toBe('SESSION-001');
    expect(started.headers.get('X-Session-Key')).toBe(key);
    expect(started.envelope.instructions!.suggested_commands.some((c) => c.startsWith('POST /api/commands/task:activate'))).toBe(true);

    const inSession = client(server, { 'X-Session-Key': key });
    expect((await inSession.post('/api/commands/sprint:activate', { code: 'SPRINT-SESS-1' })).status).toBe(200);
    const task = await inSession.post('/api/commands/task:activate');
    expect((task.envelope.data.task as { code: string }).code).toBe('T-SESS-01-DB');
    const update = await inSession.post('/api/tasks/update', { text: 'Migration files created' });
    expect(update.status).toBe(200);
    expect(update.headers.get('X-Session-Key')).toBe(key);
    expect(update.envelope.data.target).toMatchObject({ kind: 'task', code: 'T-SESS-01-DB' });
    expect((await inSession.post('/api/tasks/note', { text: 'uuid keys' })).status).toBe(200);
    expect((await inSession.post('/api/tasks/log', { text: 'ran the migration' })).status).toBe(200);

    const status = await api.get(`/api/sessions/${key}`);
    expect(status.status).toBe(200);
    expect((status.envelope.data.session as { key: string }).key).toBe(key);

    expect((await api.post(`/api/sessions/${key}/pause`, { reason: 'lunch' })).envelope.data).toMatchObject({ session_key: key });
    const resumed = await api.post(`/api/sessions/${key}/resume`);
    expect(resumed.status).toBe(200);
    expect((resumed.envelope.data.last_actions as string[]).join('\n')).toContain('ran the migration');

    const list = await api.get('/api/sessions?status=active');
    expect((list.envelope.data.sessions as { key: string }[]).map((s) => s.key)).toEqual([key]);
  });

  it('answers 409 with the envelope when the completion check fails, 200 once it passes', async () => {
    const inSession = client(server, { 'X-Session-Key': 'SESSION-001' });
    const refused = await inSession.post('/api/tasks/done', {});
    expect(refused.status).toBe(409);
    expect(refused.envelope.error!.code).toBe('VALIDATION_FAILED');
    expect(refused.envelope.instructions!.required_actions.join(' ')).toMatch(/summary/);
    const done = await inSession.post('/api/tasks/done', { summary: 'Schema in place' });
    expect(done.status).toBe(200);
    expect(done.envelope.data.task).toMatchObject({ status: 'completed' });
  });

  it('answers 404 for an unknown session (naming the closest), code or command; 400 for a malformed key', async () => {
    const api = client(server);
    const unknown = await api.post('/api/tasks/update', { text: 'x' }, { 'X-Session-Key': 'SESSION-011' });
    expect(unknown.status).toBe(404);
    expect(unknown.envelope.error!.message).toMatch(/Did you mean SESSION-001/);
    expect((await api.post('/api/commands/task:show', { code: 'T-NOPE' })).status).toBe(404);
    const command = await api.post('/api/commands/updte', { text: 'x' });
    expect(command.status).toBe(404);
    expect(command.envelope.error!.message).toMatch(/Did you mean update/);
    expect((await api.post('/api/tasks/update', { text: 'x' }, { 'X-Session-Key': 'one' })).status).toBe(400);
  });

  it('answers 400 for malformed JSON and bad arguments, 413 for a 2 MiB body', async () => {
    const api = client(server);
    const malformed = await api.post('/api/tasks/update', '{"text": ');
    expect(malformed.status).toBe(400);
    expect(malformed.envelope.error!.code).toBe('BAD_JSON');
    const bad = await api.post('/api/tasks/update', { text: 42 });
    expect(bad.status).toBe(400);
    expect(bad.envelope.error!.message).toMatch(/^update: TEXT/);
    const big = await api.post('/api/tasks/update', { text: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.envelope.error!.code).toBe('BODY_TOO_LARGE');
  });

  it('names an argument it does not take as it was sent, a key like __proto__ too', async () => {
    const api = client(server);
    const proto = await api.post('/api/tasks/update', '{"text":"x","__proto__":{"polluted":1}}');
    expect(proto.status).toBe(400);
    expect(proto.envelope.error!.message).toMatch(/^update: unknown option "__proto__"\./);
    expect(((await api.post('/api/tasks/update', { text: 'x', sumary: 'y' })).envelope.error!.message)).toMatch(/unknown option --sumary/);
  });

  it('records a retried Idempotency-Key once and answers the retry with the first answer', async () => {
    const api = client(server);
    await api.post('/api/commands/task:activate');
    const first = await api.post('/api/tasks/update', { text: 'sent twice' }, { 'Idempotency-Key': 'req-1' });
    const retry = await api.post('/api/tasks/update', { text: 'sent twice' }, { 'Idempotency-Key': 'req-1' });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.envelope.data.replayed).toBe(true);
    const history = await api.post('/api/commands/history', { limit: 100 });
    const texts = (history.envelope.data.activities as { text: string | null }[]).filter((a) => a.text === 'sent twice');
    expect(texts).toHaveLength(1);
  });

  it('streams an activity written by a CLI process as a Server-Sent Event', async () => {
    const response = await fetch(`${server.url}/api/events`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${pattern}:\n${text}`);
        text += value;
      }
    };
    await until(/event: ready/);
    expect((await fragments(home, ['log', 'seen from the CLI'])).code).toBe(0);
    await until(/event: activity\ndata: .*seen from the CLI.*\n/);
    const data = JSON.parse(/event: activity\ndata: (.*seen from the CLI.*)\n/.exec(text)![1]!) as { session: string; source: string; kind: string };
    expect(data).toMatchObject({ session: 'SESSION-001', source: 'cli', kind: 'log' });
    await reader.cancel();
  });

  it('streams only the named session’s activities when X-Session-Key is given', async () => {
    expect((await fragmentsJson(home, ['session:start', '--new'])).session_key).toBe('SESSION-002');
    const response = await fetch(`${server.url}/api/events`, { headers: { Authorization: `Bearer ${server.token}`, 'X-Session-Key': 'SESSION-001' } });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!/event: ready/.test(text)) text += (await reader.read()).value ?? '';
    expect((await fragments(home, ['log', 'in the other session'])).code).toBe(0);
    expect((await fragments(home, ['log', 'in the followed session', '--session', 'SESSION-001'])).code).toBe(0);
    while (!/in the followed session/.test(text)) text += (await reader.read()).value ?? '';
    expect(text).not.toContain('in the other session');
    await reader.cancel();
  });

  it('writes what another process sees at once', async () => {
    const api = client(server);
    await api.post('/api/commands/task:activate', { code: 'T-SESS-01-STACK' }, { 'X-Source': 'mcp' });
    const status = await fragmentsJson(home, ['session:status']);
    expect(status.data.active_task).toMatchObject({ code: 'T-SESS-01-STACK' });
  });

  it('sees at once what another process changed in a sprint it already holds: entries added and fields set', async () => {
    const api = client(server);
    // The server reads (and keeps) the task's sprint; the shell then adds to it and finishes the task.
    expect((await api.post('/api/commands/task:show', { code: 'T-SESS-01-STACK' })).envelope.data.task).toMatchObject({ status: 'in_progress' });
    expect((await fragmentsJson(home, ['update', 'from the shell'])).success).toBe(true);
    expect((await fragmentsJson(home, ['done', 'finished in the shell', '--force'])).success).toBe(true);
    const task = (await api.post('/api/commands/task:show', { code: 'T-SESS-01-STACK' })).envelope.data.task as Record<string, any>;
    expect([task.status, task.summary, task.updates.at(-1).text]).toEqual(['completed', 'finished in the shell', 'from the shell']);
  });

  it('stops cleanly on SIGTERM and on SIGINT', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toMatch(/Stopping/);
    const again = await serve(home);
    expect(again.token).toBe(server.token);
    expect(await again.stop('SIGINT')).toBe(0);
  });
});

describe('fragments serve, bound beyond this machine', () => {
  it('warns', async () => {
    const server = await serve(tempHome('http-wide'), ['--host', '0.0.0.0']);
    expect(server.output()).toMatch(/Warning: bound to 0\.0\.0\.0/);
  });

  it('does not warn for ::ffff:127.0.0.1, which is 127.0.0.1 written as IPv6, and answers there', async () => {
    const server = await serve(tempHome('http-mapped'), ['--host', '::ffff:127.0.0.1']);
    expect(server.url).toMatch(/^http:\/\/\[::ffff:127\.0\.0\.1\]:\d+$/);
    expect(server.output()).not.toMatch(/Warning/);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
