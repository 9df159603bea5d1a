import { PassThrough, type Readable, type Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, isJSONRPCRequest, type JSONRPCMessage, type MessageExtraInfo, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import { PARSE_ERROR, readPayload, refusal, type Refusal } from './jsonrpc.js';

/** A longer line is refused, and the connection goes on. Well under the SDK reader's own limit (10 MiB), past which it closes. */
const MAX_LINE = 4 * 1024 * 1024;

/**
 * The SDK's stdio transport with every line checked before it reads it. Its
 * reader drops a line that is not JSON, or not one JSON-RPC message (an
 * `"id": null`, a batch), telling only its `onerror`: the client waits for
 * an answer that never comes. Here such a line gets its JSON-RPC error
 * (-32700, -32600) at once. A batch, where the version negotiated has them,
 * goes on item by item and its answers come back together, as one array.
 */
export class CheckedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;

  /** What the SDK's transport reads: only lines that passed. */
  private readonly passed = new PassThrough();
  private readonly inner: StdioServerTransport;
  private line: Buffer[] = [];
  private lineSize = 0;
  /** Batches whose requests are still being answered. */
  private readonly batches: { waiting: Set<RequestId>; answers: JSONRPCMessage[] }[] = [];

  constructor(
    /** The protocol version negotiated so far, which says whether a batch is taken. */
    private readonly version: () => string | undefined,
    private readonly stdin: Readable = process.stdin,
    private readonly stdout: Writable = process.stdout,
  ) {
    this.inner = new StdioServerTransport(this.passed, stdout);
  }

  async start() {
    this.inner.onmessage = (message) => this.onmessage?.(message);
    this.inner.onerror = (e) => this.onerror?.(e);
    this.inner.onclose = () => this.onclose?.();
    await this.inner.start();
    this.stdin.on('data', this.read);
    this.stdin.on('error', this.failed);
  }

  async send(message: JSONRPCMessage) {
    const id = 'id' in message && ('result' in message || 'error' in message) ? message.id : undefined;
    const batch = id === undefined ? undefined : this.batches.find((b) => b.waiting.has(id));
    if (!batch) return this.inner.send(message);
    batch.waiting.delete(id!);
    batch.answers.push(message);
    if (batch.waiting.size > 0) return;
    this.batches.splice(this.batches.indexOf(batch), 1);
    this.write(batch.answers);
  }

  async close() {
    this.stdin.off('data', this.read);
    this.stdin.off('error', this.failed);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    await this.inner.close();
  }

  private readonly failed = (e: Error) => this.onerror?.(e);

  private readonly read = (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      this.keep(chunk.subarray(start, end));
      this.lineDone();
      start = end + 1;
    }
    this.keep(chunk.subarray(start));
  };

  /** Keeps a piece of the current line; past MAX_LINE only its length is counted, to say so at its end. */
  private keep(piece: Buffer) {
    this.lineSize += piece.length;
    if (this.lineSize <= MAX_LINE) this.line.push(piece);
    else this.line = [];
  }

  private lineDone() {
    const tooLong = this.lineSize > MAX_LINE;
    const text = Buffer.concat(this.line).toString('utf8').replace(/\r$/, '');
    this.line = [];
    this.lineSize = 0;
    if (tooLong) return this.write(refusal(null, ErrorCode.InvalidRequest, `Invalid Request: a message is limited to ${MAX_LINE / 1024 / 1024} MiB.`));
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.write(PARSE_ERROR('the line'));
    }
    const payload = readPayload(value, this.version());
    if ('refusal' in payload) return this.write(payload.refusal);
    if (!payload.batch) return void this.passed.write(`${text}\n`);
    const waiting = new Set(payload.messages.filter(isJSONRPCRequest).map((m) => m.id));
    if (waiting.size > 0) this.batches.push({ waiting, answers: [] });
    for (const message of payload.messages) this.passed.write(`${JSON.stringify(message)}\n`);
  }

  /** What this layer answers itself, written whole as one line, in order with the SDK's own. */
  private write(answer: Refusal | JSONRPCMessage[]) {
    this.stdout.write(`${JSON.stringify(answer)}\n`);
  }
}
