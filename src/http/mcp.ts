import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Context } from 'hono';
import type { McpConnection } from '../mcp/server.js';

/**
 * `/mcp`: the same MCP tools over the SDK's Streamable HTTP transport. Each
 * MCP session (its `Mcp-Session-Id`) is one connection of its own, so it
 * remembers its own work session, as a stdio process would.
 */
export function mcpOverHttp(connect: () => McpConnection) {
  const open = new Map<string, { transport: WebStandardStreamableHTTPServerTransport; connection: McpConnection }>();

  const handle = async (c: Context) => {
    const id = c.req.header('mcp-session-id');
    const known = id === undefined ? undefined : open.get(id);
    if (known) return known.transport.handleRequest(c.req.raw);
    if (id !== undefined) return c.json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found: initialize again' }, id: null }, 404);
    const connection = connect();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (sid) => void open.set(sid, { transport, connection }),
      onsessionclosed: (sid) => void open.delete(sid),
    });
    await connection.server.connect(transport);
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
