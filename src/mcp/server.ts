import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  InitializeRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  PingRequestSchema,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import pkg from '../../package.json' with { type: 'json' };
import { catalogue, type Answer } from '../commands/catalogue.js';
import { renderHuman } from '../render/human.js';
import { failure } from '../runner/envelope.js';
import { execute } from '../runner/execute.js';
import type { Ctx } from '../runner/define.js';
import { closest, didYouMean } from '../domain/codes.js';
import { FragmentsError, stackOf, unexpectedFailure } from '../domain/errors.js';
import { callOptions, type Called } from '../runner/call-options.js';
import type { Store } from '../store/store.js';
import { GuardedTransport, type RequestSchema } from './guard.js';
import { toMcpTool } from './tool.js';

export interface McpOptions {
  store: Store;
  now: () => Date;
}

export interface McpConnection {
  server: Server;
  /** Serves this connection over a transport, behind the checks the SDK leaves to us (see GuardedTransport). */
  connect(transport: Transport): Promise<void>;
  /** The protocol version negotiated at `initialize`; undefined before it. */
  protocolVersion(): string | undefined;
  /** Tells a client that subscribed to the board that the home changed (any process's write). */
  homeChanged(): void;
  /** Resolves once every call in flight has answered. */
  settled(): Promise<void>;
}

const BOARD_URI = 'fragments://board';

/** Every request this server answers, by method: their params are checked before the SDK's handlers see them. */
const REQUESTS = new Map(
  [InitializeRequestSchema, PingRequestSchema, ListToolsRequestSchema, CallToolRequestSchema, ListResourcesRequestSchema, ReadResourceRequestSchema, SubscribeRequestSchema, UnsubscribeRequestSchema].map(
    (schema) => [schema.shape.method.value, schema as unknown as RequestSchema] as const,
  ),
);

const noSuchResource = (uri: string) => new McpError(ErrorCode.InvalidParams, `No resource ${uri}; there is ${BOARD_URI}.`);

/** Three lines for the `initialize` answer: how an agent works with Fragments. */
const SERVER_INSTRUCTIONS = [
  'Start with session_start (or session_resume after a crash or lost context); this connection then remembers the session.',
  'Take a task with task_activate and call update after each meaningful step: no task id is needed while a task is active.',
  'Finish with done and a summary of what was done. Every answer says what to do next; any tool takes session_key (another session) and request_id (a retry with the same id changes nothing).',
].join('\n');

/** The commands that say when an agent should call them; the rest stay on the CLI and `POST /api/commands/NAME`. */
const tools = catalogue.commands.filter((c) => c.agent !== undefined).map((c) => ({ command: c, tool: toMcpTool(c) }));
const byToolName = new Map(tools.map((t) => [t.tool.name, t.command]));

/** The envelope as a tool result: structured for programs, the human rendering (suggestions as tool calls) for the model. */
function toolResult(envelope: Answer): CallToolResult {
  const { out, err } = renderHuman(envelope, false);
  return {
    content: [{ type: 'text', text: (out || err).trimEnd() || `${envelope.command}: ok` }],
    structuredContent: envelope as unknown as Record<string, unknown>,
    ...(envelope.success ? {} : { isError: true }),
  };
}

/**
 * One MCP connection over the command catalogue. Each connection remembers
 * the session it started or resumed, so an agent never repeats the key.
 */
export function createMcpServer({ store, now }: McpOptions): McpConnection {
  const server = new Server({ name: 'fragments', version: pkg.version }, { capabilities: { tools: {}, resources: { subscribe: true } }, instructions: SERVER_INSTRUCTIONS });
  let remembered: string | undefined;
  let boardWatched = false;
  const inFlight = new Set<Promise<unknown>>();

  const call = async (name: string, input: Record<string, unknown>): Promise<Answer> => {
    const command = byToolName.get(name);
    if (!command) {
      const near = closest(name, [...byToolName.keys()]);
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${name}".${didYouMean(near)}`);
    }
    const { session_key, request_id, ...args } = input;
    let given: Called;
    try {
      given = callOptions({ session_key, request_id });
    } catch (e) {
      if (e instanceof FragmentsError) return failure(command.name, null, e);
      throw e;
    }
    const ctx: Ctx = { store, face: 'mcp', now, sessionKey: given.sessionKey ?? remembered, requestId: given.requestId, cwd: process.cwd(), serving: true };
    const envelope = await execute(catalogue, ctx, command.name, args);
    if (envelope.success && command.takesUp) remembered = envelope.session_key ?? remembered;
    // A closed session is no place to go on recording: later calls fall back to the home's current session.
    if (envelope.success && command.endsSession && envelope.session_key === remembered) remembered = undefined;
    return envelope;
  };

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools.map((t) => t.tool) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const running = call(request.params.name, request.params.arguments ?? {}).then(toolResult, (e: unknown) => {
      if (e instanceof McpError) throw e;
      // A bug still answers with an envelope; the stack goes to stderr, never to stdout (the protocol's channel).
      process.stderr.write(`fragments mcp: unexpected failure: ${stackOf(e)}\n`);
      return toolResult(failure(request.params.name, remembered ?? null, unexpectedFailure(e)));
    });
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running)).catch(() => undefined);
    return running;
  });

  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: [{ uri: BOARD_URI, name: 'board', mimeType: 'application/json', description: 'What the live screen shows: session, sprint, task, recent activity from every source. Subscribe to hear of changes.' }],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    if (request.params.uri !== BOARD_URI) throw noSuchResource(request.params.uri);
    const envelope = await execute(catalogue, { store, face: 'mcp', now, sessionKey: remembered }, 'board', {});
    return { contents: [{ uri: BOARD_URI, mimeType: 'application/json', text: JSON.stringify(envelope) }] };
  });
  server.setRequestHandler(SubscribeRequestSchema, (request) => {
    if (request.params.uri !== BOARD_URI) throw noSuchResource(request.params.uri);
    boardWatched = true;
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    if (request.params.uri !== BOARD_URI) throw noSuchResource(request.params.uri);
    boardWatched = false;
    return {};
  });

  let guarded: GuardedTransport | undefined;
  return {
    server,
    connect(transport) {
      guarded = new GuardedTransport(transport, REQUESTS);
      return server.connect(guarded);
    },
    protocolVersion: () => guarded?.version,
    homeChanged() {
      if (boardWatched) server.sendResourceUpdated({ uri: BOARD_URI }).catch(() => undefined);
    },
    async settled() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
