import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, isJSONRPCRequest, type JSONRPCErrorResponse, type JSONRPCMessage, type MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import type * as z from 'zod';
import { negotiatedVersion } from './jsonrpc.js';

/** A request schema of the SDK's: an object whose `method` is a literal. */
export type RequestSchema = z.ZodObject<{ method: z.ZodLiteral<string> }>;

const EXPECTED: Record<string, string> = { record: 'an object', object: 'an object', string: 'a string', number: 'a number', int: 'an integer', boolean: 'true or false', array: 'a list' };

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** zod's first complaint about a request, as one sentence naming the field as the client wrote it. */
function paramsProblem(message: Record<string, unknown>, method: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  const got = issue.path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), message);
  const field = issue.path.join('.');
  const problem =
    issue.code === 'invalid_type'
      ? got === undefined
        ? 'is required'
        : `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(got)}`
      : `is not valid: ${issue.message}`;
  return `Invalid params for ${method}: ${field} ${problem}.`;
}

const refuse = (id: string | number, code: number, message: string): JSONRPCErrorResponse => ({ jsonrpc: '2.0', id, error: { code, message } });

/**
 * One connection's side of the protocol that the SDK's server leaves open,
 * in front of any transport: a second `initialize` is refused (-32600), and
 * a request whose params do not fit its method is answered -32602 with one
 * readable sentence, where the SDK would answer -32603 with its validator's
 * dump. It also keeps the protocol version the connection negotiated.
 */
export class GuardedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  /** The protocol version this connection settled on at `initialize`; undefined before. */
  version: string | undefined;

  constructor(
    private readonly inner: Transport,
    private readonly schemas: ReadonlyMap<string, RequestSchema>,
  ) {}

  get sessionId() {
    return this.inner.sessionId;
  }

  async start() {
    this.inner.onmessage = (message, extra) => {
      const refused = this.check(message);
      if (refused) this.inner.send(refused).catch((e: Error) => this.onerror?.(e));
      else this.onmessage?.(message, extra);
    };
    this.inner.onerror = (e) => this.onerror?.(e);
    this.inner.onclose = () => this.onclose?.();
    await this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions) {
    return this.inner.send(message, options);
  }

  close() {
    return this.inner.close();
  }

  private check(message: JSONRPCMessage): JSONRPCErrorResponse | undefined {
    if (!isJSONRPCRequest(message)) return undefined;
    const { id, method } = message;
    if (method === 'initialize' && this.version !== undefined) return refuse(id, ErrorCode.InvalidRequest, 'Invalid Request: this connection is already initialized.');
    const schema = this.schemas.get(method);
    const parsed = schema?.safeParse(message);
    if (parsed && !parsed.success) return refuse(id, ErrorCode.InvalidParams, paramsProblem(message, method, parsed.error));
    // A key the schema check would silently drop: refused like any argument no tool takes.
    const args = method === 'tools/call' ? message.params?.arguments : undefined;
    if (args && Object.hasOwn(args, '__proto__')) return refuse(id, ErrorCode.InvalidParams, 'Invalid params for tools/call: no tool takes an argument "__proto__".');
    if (method === 'initialize') this.version = negotiatedVersion(message.params?.protocolVersion);
    return undefined;
  }
}
