import { ensureHome } from '../store/home.js';
import { createMcpServer, type McpOptions } from './server.js';
import { CheckedStdioTransport } from './stdio-transport.js';

/**
 * `fragments mcp`: the catalogue as MCP tools over stdin/stdout, until the
 * client closes stdin or the process is told to stop. Calls in flight answer
 * first. Stdout belongs to the protocol: nothing else is written there.
 */
export async function serveMcpStdio(options: McpOptions): Promise<void> {
  const connection = createMcpServer(options);
  // The home is watched (for board subscribers), so it must exist before the first call makes it.
  await ensureHome(options.store.home);
  const unwatch = options.store.watch(() => connection.homeChanged());
  const transport = new CheckedStdioTransport(() => connection.protocolVersion());
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const stop = () => finished();
  process.stdin.once('end', stop);
  // `on`, not `once`, until the calls in flight are answered: a second signal during the
  // drain must not fall through to the default action and kill the process mid-write.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  connection.server.onclose = stop;
  await connection.connect(transport);
  await done;
  await connection.settled();
  unwatch();
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
  await connection.server.close();
}
