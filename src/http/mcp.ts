import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Context } from 'hono';
import { readPayload } from '../mcp/jsonrpc.js';
import type { McpConnection } from '../mcp/server.js';
import type { AllowedHosts } from './allowed-hosts.js';

/** How long an MCP session may sit unused, and how many may be open; past either, sessions close. */
export interface SessionLimits {
  idleMs: number;
  max: number;
}

export const SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, max: 100 };

interface Open {
  transport: WebStandardStreamableHTTPServerTransport;
  connection: McpConnection;
  lastUsed: number;
  /** Requests whose answer is still being sent (an event stream stays open): a session is not idle while one is. */
  answering: number;
}

const sessionNotFound = () => Response.json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found: initialize again' }, id: null }, { status: 404 });

/**
 * Counts the request as answering until its body has been sent or dropped.
 * An event stream lasts as long as the client listens, so the session it
 * belongs to is in use all that time.
 */
function whileAnswering(open: Open, response: Response): Response {
  let answered = false;
  // Once: a cancel also ends the read in progress.
  const done = () => {
    if (answered) return;
    answered = true;
    open.lastUsed = Date.now();
    open.answering--;
  };
  if (!response.body) {
    done();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done: ended } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (ended) {
        done();
        controller.close();
      } else controller.enqueue(value);
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
  return new Response(body, response);
}

/**
 * `/mcp`: the same MCP tools over the SDK's Streamable HTTP transport. Each
 * MCP session (its `Mcp-Session-Id`) is one connection of its own, so it
 * remembers its own work session, as a stdio process would. A session that
 * is not used for `idleMs` closes, and past `max` open sessions the least
 * recently used one closes: a client that never says DELETE costs nothing
 * for long. A client of a closed session is told to initialize again (404).
 */
export function mcpOverHttp(connect: () => McpConnection, allowed: () => AllowedHosts, limits: SessionLimits = SESSION_LIMITS) {
  const open = new Map<string, Open>();

  const end = (id: string) => {
    const session = open.get(id);
    if (!session) return;
    open.delete(id);
    void session.connection.settled().then(() => session.connection.server.close());
  };
  /** The first in the map's order (which each use moves to the end), preferring one that is not answering. */
  const leastRecentlyUsed = () => {
    for (const [id, session] of open) if (session.answering === 0) return id;
    return open.keys().next().value!;
  };
  const sweep = setInterval(() => {
    const before = Date.now() - limits.idleMs;
    for (const [id, session] of open) if (session.answering === 0 && session.lastUsed < before) end(id);
  }, Math.min(limits.idleMs, 60_000));
  sweep.unref();

  /**
   * A body checked as stdio checks a line, before the SDK reads it: the SDK
   * takes a batch whatever the version negotiated, and calls a message that
   * is JSON but not JSON-RPC (an "id": null) a parse error.
   */
  const refusedPayload = async (request: Request, connection: McpConnection | undefined) => {
    if (request.method !== 'POST') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(await request.clone().text());
    } catch {
      return undefined; // The SDK answers -32700 itself.
    }
    const payload = readPayload(value, connection?.protocolVersion());
    return 'refusal' in payload ? Response.json(payload.refusal, { status: 400 }) : undefined;
  };

  const handle = async (c: Context) => {
    const id = c.req.header('mcp-session-id');
    const known = id === undefined ? undefined : open.get(id);
    if (id !== undefined && !known) return sessionNotFound();
    const refused = await refusedPayload(c.req.raw, known?.connection);
    if (refused) return refused;
    if (known) {
      known.lastUsed = Date.now();
      known.answering++;
      // Moved to the end of the map's order: the first entry is always the least recently used.
      open.delete(id!);
      open.set(id!, known);
      return whileAnswering(known, await known.transport.handleRequest(c.req.raw));
    }
    const connection = connect();
    const { hosts, origins } = allowed();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      // The app refuses other hosts and origins first; the SDK's own check stands behind it for /mcp.
      enableDnsRebindingProtection: true,
      allowedHosts: hosts,
      allowedOrigins: origins,
      onsessioninitialized: (sid) => {
        open.set(sid, { transport, connection, lastUsed: Date.now(), answering: 0 });
        if (open.size > limits.max) end(leastRecentlyUsed());
      },
      onsessionclosed: (sid) => void open.delete(sid),
    });
    await connection.connect(transport);
    const response = await transport.handleRequest(c.req.raw);
    // Only an initialize opens a session; anything else without one was refused, and its connection goes.
    if (transport.sessionId === undefined) await connection.server.close();
    return response;
  };

  return {
    handle,
    /** Tells every MCP session's board subscribers that the home changed. */
    homeChanged: () => open.forEach(({ connection }) => connection.homeChanged()),
    /** Lets calls in flight answer, then ends every MCP session. */
    async close() {
      clearInterval(sweep);
      const all = [...open.values()];
      open.clear();
      await Promise.all(
        all.map(async ({ connection }) => {
          await connection.settled();
          await connection.server.close();
        }),
      );
    },
  };
}
