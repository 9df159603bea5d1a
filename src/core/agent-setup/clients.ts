/*
 * The agent clients `init` sets up, each in its own file and format: where
 * it reads MCP servers from, under which key, and which instructions file it
 * reads. Data only; the files are read and written by the `init` command.
 */

export const AGENTS = ['claude', 'cursor', 'vscode', 'gemini', 'codex'] as const;
export type Agent = (typeof AGENTS)[number];

export interface Client {
  name: string;
  /** The MCP configuration file, relative to the project folder. */
  config: string;
  format: 'json' | 'toml';
  /** The table of servers in that file. */
  key: 'mcpServers' | 'servers' | 'mcp_servers';
  /** VS Code names the transport of each server; the others take a command as stdio. */
  typed: boolean;
  /** The instructions file the agent reads at the start of every conversation. */
  instructions: 'CLAUDE.md' | 'GEMINI.md' | 'AGENTS.md';
  /** Paths whose presence says the project uses this client. */
  marks: string[];
}

export const CLIENTS: Record<Agent, Client> = {
  claude: { name: 'Claude Code', config: '.mcp.json', format: 'json', key: 'mcpServers', typed: false, instructions: 'CLAUDE.md', marks: ['.mcp.json', '.claude', 'CLAUDE.md'] },
  cursor: { name: 'Cursor', config: '.cursor/mcp.json', format: 'json', key: 'mcpServers', typed: false, instructions: 'AGENTS.md', marks: ['.cursor'] },
  vscode: { name: 'VS Code', config: '.vscode/mcp.json', format: 'json', key: 'servers', typed: true, instructions: 'AGENTS.md', marks: ['.vscode'] },
  gemini: { name: 'Gemini CLI', config: '.gemini/settings.json', format: 'json', key: 'mcpServers', typed: false, instructions: 'GEMINI.md', marks: ['.gemini', 'GEMINI.md'] },
  codex: { name: 'Codex', config: '.codex/config.toml', format: 'toml', key: 'mcp_servers', typed: false, instructions: 'AGENTS.md', marks: ['.codex'] },
};

/** The name the server goes by in every client's table. */
export const SERVER_NAME = 'fragments';

/** The installed executable, found on the PATH the client starts it with. */
const EXECUTABLE = 'fragments';

export interface ServerEntry {
  type?: 'stdio';
  command: string;
  args: string[];
  env?: { FRAGMENTS_HOME: string };
}

/**
 * The entry that starts the installed `fragments` as an MCP server. The home
 * is named only when it is not the default one, so a project shared by
 * several people does not carry one person's path.
 */
export function serverEntry(client: Client, home: string | null): ServerEntry {
  return {
    ...(client.typed ? { type: 'stdio' as const } : {}),
    command: EXECUTABLE,
    args: ['mcp'],
    ...(home ? { env: { FRAGMENTS_HOME: home } } : {}),
  };
}
