import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Context } from 'hono';
import { readPayload } from '../mcp/jsonrpc.js';
import type { McpConnection } from '../mcp/server.js';
import type { AllowedHosts } from './allowed-hosts.js';

/**
 * `/mcp`: the same MCP tools over the SDK's Streamable HTTP transport. Each
 * MCP session (its `Mcp-Session-Id`) is one connection of its own, so it
 * remembers its own work session, as a stdio process would.
 */
export function mcpOverHttp(connect: () => McpConnection, allowed: () => AllowedHosts) {
  const open = new Map<string, { transport: WebStandardStreamableHTTPServerTransport; connection: McpConnection }>();

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
    if (id !== undefined && !known) return c.json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found: initialize again' }, id: null }, 404);
    const refused = await refusedPayload(c.req.raw, known?.connection);
    if (refused) return refused;
    if (known) return known.transport.handleRequest(c.req.raw);
    const connection = connect();
    const { hosts, origins } = allowed();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      // The app refuses other hosts and origins first; the SDK's own check stands behind it for /mcp.
      enableDnsRebindingProtection: true,
      allowedHosts: hosts,
      allowedOrigins: origins,
      onsessioninitialized: (sid) => void open.set(sid, { transport, connection }),
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
      const all = [...open.values()];
      open.clear();
      await Promise.all(all.map(async ({ connection }) => {
        await connection.settled();
        await connection.server.close();
      }));
    },
  };
}
