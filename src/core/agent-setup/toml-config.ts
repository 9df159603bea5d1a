import { parse, stringify } from 'smol-toml';
import { SERVER_NAME, type ServerEntry } from './clients.js';
import { isTable, sameValue } from './same-value.js';

const TABLE = `mcp_servers.${SERVER_NAME}`;

/**
 * Codex's `config.toml` with our `[mcp_servers.fragments]` table. The file is
 * edited as text, not rewritten from its parse, so the user's comments and
 * layout stay: our old tables are cut out and the new one appended. The
 * result is parsed again and must equal the old file with only our entry
 * changed; anything else (the entry written as dotted keys or inline) is
 * refused rather than guessed at. Loaded only by `init`: one-shot commands
 * never parse the TOML library.
 */
export function withTomlServer(text: string | null, entry: ServerEntry): string {
  let doc: Record<string, unknown>;
  try {
    doc = text === null ? {} : (parse(text) as Record<string, unknown>);
  } catch (e) {
    throw new Error(`is not valid TOML (${(e as Error).message.split('\n')[0]})`);
  }
  const servers = doc.mcp_servers ?? {};
  if (!isTable(servers)) throw new Error('has an "mcp_servers" that is not a table');
  if (text !== null && sameValue(servers[SERVER_NAME], entry)) return text;
  const kept = withoutTable(text ?? '', TABLE).trimEnd();
  const result = `${kept ? `${kept}\n\n` : ''}${stringify({ mcp_servers: { [SERVER_NAME]: entry } }).trimEnd()}\n`;
  const expected = { ...doc, mcp_servers: { ...servers, [SERVER_NAME]: entry } };
  if (!sameValue(parsedOrNull(result), expected)) {
    throw new Error(`defines ${TABLE} in a form init does not edit (dotted keys or an inline table): replace it with a [${TABLE}] table, or remove it, and run init again`);
  }
  return result;
}

/** The text without the table `name` and its sub-tables (`[name]`, `[name.env]`), each up to the next header. */
function withoutTable(text: string, name: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    const header = line.match(/^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$/);
    if (header || /^\s*\[\[/.test(line)) {
      const table = header ? header[1]!.split('.').map((part) => part.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2')).join('.') : '';
      skipping = table === name || table.startsWith(`${name}.`);
    }
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

/** The edited text parsed; null when the edit itself broke it (our entry was also defined some other way). */
function parsedOrNull(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return null;
  }
}
