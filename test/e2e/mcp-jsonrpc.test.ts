/**
 * JSON-RPC as it arrives from clients nobody here wrote (issue 20): raw lines
 * piped to a spawned `fragments mcp`, raw bodies posted to `/mcp` of a
 * spawned `fragments serve`. Every malformed message gets its JSON-RPC error,
 * and the connection goes on; batches follow the version negotiated, the
 * same way on both.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from '../helpers/agent.js';
import { BIN, tempHome } from '../helpers/cli.js';

interface Answer {
  jsonrpc: '2.0';
  id?: string | number | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

const initialize = (id: number, protocolVersion: string) => ({ jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
const INITIALIZED = { jsonrpc: '2.0', method: 'notifications/initialized' };

/** `fragments mcp` on a raw pipe: lines in, each answer line out, taken in the order asked for. */
function rawMcp() {
  const child = spawn(process.execPath, [BIN, 'mcp'], { env: { ...process.env, FRAGMENTS_HOME: tempHome('mcp-raw') }, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: unknown[] = [];
  const waiting: (() => void)[] = [];
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
    }
    waiting.splice(0).forEach((wake) => wake());
  });
  /** The first answer not yet taken that fits. */
  const take = async <T = Answer>(fits: (line: unknown) => boolean): Promise<T> => {
    for (;;) {
      const at = lines.findIndex(fits);
      if (at !== -1) return lines.splice(at, 1)[0] as T;
      if (child.exitCode !== null) throw new Error(`fragments mcp exited; unanswered, still here: ${JSON.stringify(lines)}`);
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const byId = (id: string | number | null) => (line: unknown) => !Array.isArray(line) && (line as Answer).id === id;
  return {
    send: (line: unknown) => child.stdin.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`),
    answer: (id: string | number | null) => take(byId(id)),
    batchAnswer: () => take<Answer[]>(Array.isArray),
    async open(version = '2025-06-18') {
      this.send(initialize(0, version));
      const answer = await this.answer(0);
      this.send(INITIALIZED);
      return answer;
    },
    close: () => {
      child.stdin.end();
      return new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

describe('fragments mcp, raw JSON-RPC lines on stdin', () => {
  const opened: ReturnType<typeof rawMcp>[] = [];
  const connection = () => {
    const mcp = rawMcp();
    opened.push(mcp);
    return mcp;
  };
  afterAll(() => Promise.all(opened.map((m) => m.close())));

  it('answers a line that is not JSON with -32700, and goes on answering', async () => {
    const mcp = connection();
    await mcp.open();
    mcp.send('{"jsonrpc": "2.0", "id": 5, "method": "ping"');
    expect(await mcp.answer(null)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    mcp.send('not json at all');
    expect((await mcp.answer(null)).error!.code).toBe(-32700);
    mcp.send({ jsonrpc: '2.0', id: 6, method: 'ping' });
    expect(await mcp.answer(6)).toMatchObject({ result: {} });
  });

  it('answers a request with "id": null, and others that are not JSON-RPC, with -32600', async () => {
    const mcp = connection();
    await mcp.open();
    mcp.send({ jsonrpc: '2.0', id: null, method: 'ping' });
    const answer = await mcp.answer(null);
    expect(answer.error).toMatchObject({ code: -32600, message: expect.stringMatching(/"id" is null/) });
    mcp.send({ jsonrpc: '2.0', id: 7, method: 42 });
    expect(await mcp.answer(7)).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/"method" must be a string/) } });
    mcp.send('"just a string"');
    expect((await mcp.answer(null)).error!.code).toBe(-32600);
  });

  it('refuses a batch whole under a version without batches (2025-06-18), and before initialize', async () => {
    const early = connection();
    early.send([{ jsonrpc: '2.0', id: 1, method: 'ping' }]);
    expect(await early.answer(null)).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/initialize alone first/) } });
    const mcp = connection();
    expect((await mcp.open('2025-06-18')).result!.protocolVersion).toBe('2025-06-18');
    mcp.send([{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: 2, method: 'ping' }]);
    expect(await mcp.answer(null)).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/batches are not part of MCP 2025-06-18/) } });
    mcp.send({ jsonrpc: '2.0', id: 3, method: 'ping' });
    expect(await mcp.answer(3)).toMatchObject({ result: {} });
  });

  it('answers a batch as one array under the version that has them (2025-03-26)', async () => {
    const mcp = connection();
    expect((await mcp.open('2025-03-26')).result!.protocolVersion).toBe('2025-03-26');
    mcp.send([{ jsonrpc: '2.0', id: 'a', method: 'ping' }, { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } }, { jsonrpc: '2.0', id: 'b', method: 'tools/list' }]);
    const answers = await mcp.batchAnswer();
    expect(answers.map((a) => a.id).sort()).toEqual(['a', 'b']);
    expect(answers.find((a) => a.id === 'b')!.result!.tools).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'update' })]));
    mcp.send([{ jsonrpc: '2.0', id: 'c', method: 'ping' }, 5]);
    expect(await mcp.answer(null)).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/item 2 of the batch/) } });
  });

  it('answers arguments that are not an object with -32602 and one sentence, not a validator dump', async () => {
    const mcp = connection();
    await mcp.open();
    mcp.send({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'update', arguments: 'notanobject' } });
    const answer = await mcp.answer(8);
    expect(answer.error).toEqual({ code: -32602, message: 'Invalid params for tools/call: params.arguments must be an object, not a string.' });
    mcp.send({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { arguments: {} } });
    expect((await mcp.answer(9)).error).toEqual({ code: -32602, message: 'Invalid params for tools/call: params.name is required.' });
  });

  it('refuses a second initialize on one connection', async () => {
    const mcp = connection();
    await mcp.open();
    mcp.send(initialize(10, '2025-03-26'));
    expect(await mcp.answer(10)).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/already initialized/) } });
    // The first negotiation stands: no batches.
    mcp.send([{ jsonrpc: '2.0', id: 11, method: 'ping' }]);
    expect((await mcp.answer(null)).error!.message).toMatch(/MCP 2025-06-18/);
  });

  it('refuses a subscription to a resource that does not exist, and takes the board’s', async () => {
    const mcp = connection();
    await mcp.open();
    mcp.send({ jsonrpc: '2.0', id: 12, method: 'resources/subscribe', params: { uri: 'fragments://nothing' } });
    expect(await mcp.answer(12)).toMatchObject({ error: { code: -32602, message: expect.stringMatching(/No resource fragments:\/\/nothing; there is fragments:\/\/board/) } });
    mcp.send({ jsonrpc: '2.0', id: 13, method: 'resources/unsubscribe', params: { uri: 'fragments://nothing' } });
    expect((await mcp.answer(13)).error!.code).toBe(-32602);
    mcp.send({ jsonrpc: '2.0', id: 14, method: 'resources/subscribe', params: { uri: 'fragments://board' } });
    expect(await mcp.answer(14)).toMatchObject({ result: {} });
  });
});

describe('fragments serve, raw JSON-RPC bodies to /mcp', () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(tempHome('mcp-raw-http'));
  });

  /** Posts one body; an event stream's events come back as their messages. */
  const post = async (body: unknown, session?: { id: string; version: string }) => {
    const answer = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        ...(session ? { 'mcp-session-id': session.id, 'mcp-protocol-version': session.version } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await answer.text();
    // 202 (a notification taken) has no body; an event stream holds one message per event.
    const messages =
      text === ''
        ? []
        : /^text\/event-stream/.test(answer.headers.get('content-type') ?? '')
          ? [...text.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]!) as Answer)
          : [JSON.parse(text) as Answer];
    return { status: answer.status, sessionId: answer.headers.get('mcp-session-id'), messages };
  };
  const open = async (version: string) => {
    const { sessionId } = await post(initialize(1, version));
    const session = { id: sessionId!, version };
    expect((await post(INITIALIZED, session)).status).toBe(202);
    return session;
  };

  it('answers batches as stdio does: refused under 2025-06-18, answered under 2025-03-26', async () => {
    const strict = await open('2025-06-18');
    const refused = await post([{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: 2, method: 'ping' }], strict);
    expect(refused.status).toBe(400);
    expect(refused.messages).toEqual([{ jsonrpc: '2.0', id: null, error: { code: -32600, message: expect.stringMatching(/batches are not part of MCP 2025-06-18/) } }]);
    const loose = await open('2025-03-26');
    const answered = await post([{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: 2, method: 'ping' }], loose);
    expect(answered.status).toBe(200);
    expect(answered.messages.map((m) => m.id).sort()).toEqual([1, 2]);
  });

  it('answers "id": null with -32600, and arguments that are not an object with -32602 and one sentence', async () => {
    const session = await open('2025-06-18');
    const nullId = await post({ jsonrpc: '2.0', id: null, method: 'ping' }, session);
    expect(nullId.status).toBe(400);
    expect(nullId.messages[0]!.error!.code).toBe(-32600);
    const notAnObject = await post({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'update', arguments: 'notanobject' } }, session);
    expect(notAnObject.messages).toEqual([{ jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'Invalid params for tools/call: params.arguments must be an object, not a string.' } }]);
    expect((await post('{"jsonrpc":', session)).messages[0]!.error!.code).toBe(-32700);
  });
});
