import {
  ErrorCode,
  isInitializeRequest,
  JSONRPCMessageSchema,
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';

/**
 * A JSON-RPC error answer this layer sends itself. Its `id` is null when the
 * request's own could not be read (JSON-RPC 2.0, section 5), which the SDK's
 * message types do not allow: so these are written as they are, not sent
 * through the SDK.
 */
export interface Refusal {
  jsonrpc: '2.0';
  id: string | number | null;
  error: { code: number; message: string };
}

export const refusal = (id: string | number | null, code: number, message: string): Refusal => ({ jsonrpc: '2.0', id, error: { code, message } });

export const PARSE_ERROR = (what: string) => refusal(null, ErrorCode.ParseError, `Parse error: ${what} is not JSON.`);

/** The version an `initialize` settles on, as the SDK's server answers it: the client's if spoken here, else the latest. */
export const negotiatedVersion = (requested: unknown): string =>
  typeof requested === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION;

/** JSON-RPC batches are part of one MCP version only: added by 2025-03-26, removed by 2025-06-18. */
export const takesBatches = (version: string | undefined) => version === '2025-03-26';

/** What a payload holds: the messages to hand on, or the one answer to give instead. */
export type Payload = { messages: JSONRPCMessage[]; batch: boolean } | { refusal: Refusal };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const readableId = (value: unknown) => (typeof value === 'string' || Number.isInteger(value) ? (value as string | number) : null);

/** Why a JSON value is not a JSON-RPC message, said so a person can fix the request. */
function whyNotMessage(value: unknown): string {
  if (!isObject(value)) return 'a message is a JSON object';
  if (value.jsonrpc !== '2.0') return '"jsonrpc" must be "2.0"';
  if ('id' in value && value.id === null) return '"id" is null; MCP requests carry a string or an integer id';
  if ('id' in value && readableId(value.id) === null) return '"id" must be a string or an integer';
  if ('method' in value && typeof value.method !== 'string') return '"method" must be a string';
  if ('params' in value && !isObject(value.params)) return '"params" must be an object';
  return 'not a JSON-RPC request, notification or response';
}

// The message is handed on as it came, not as the schema parsed it: the server's own checks see what was sent.
function oneMessage(value: unknown): { message: JSONRPCMessage } | { refusal: Refusal } {
  if (JSONRPCMessageSchema.safeParse(value).success) return { message: value as JSONRPCMessage };
  return { refusal: refusal(isObject(value) ? readableId(value.id) : null, ErrorCode.InvalidRequest, `Invalid Request: ${whyNotMessage(value)}.`) };
}

/**
 * Checks a parsed payload (a line on stdio, a POST body on HTTP) against the
 * protocol version negotiated so far, the same way on both: one message, or
 * a batch where the version has them. A batch is refused whole when any item
 * is not a message, or is an `initialize` (which opens a connection alone).
 */
export function readPayload(value: unknown, version: string | undefined): Payload {
  if (!Array.isArray(value)) {
    const one = oneMessage(value);
    return 'refusal' in one ? one : { messages: [one.message], batch: false };
  }
  const invalid = (why: string) => ({ refusal: refusal(null, ErrorCode.InvalidRequest, `Invalid Request: ${why}.`) });
  if (version === undefined) return invalid('a batch cannot open a connection; send initialize alone first');
  if (!takesBatches(version)) return invalid(`batches are not part of MCP ${version}, the version this connection negotiated; send one message at a time`);
  if (value.length === 0) return invalid('the batch is empty');
  const messages: JSONRPCMessage[] = [];
  for (const [i, item] of value.entries()) {
    const one = oneMessage(item);
    if ('refusal' in one) return invalid(`item ${i + 1} of the batch: ${whyNotMessage(item)}`);
    if (isInitializeRequest(one.message)) return invalid('initialize cannot be part of a batch');
    messages.push(one.message);
  }
  return { messages, batch: true };
}
