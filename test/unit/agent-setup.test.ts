/** The pure edits `init` makes to each client's file, without a process. */
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { CLIENTS, serverEntry } from '../../src/core/agent-setup/clients.js';
import { SECTION, withSection } from '../../src/core/agent-setup/instructions.js';
import { withJsonServer } from '../../src/core/agent-setup/json-config.js';
import { withTomlServer } from '../../src/core/agent-setup/toml-config.js';

const entry = serverEntry(CLIENTS.codex, '/srv/fragments-home');

describe('the JSON entry', () => {
  it('is added to a file without one, replaced in place, and left byte for byte when it is there', () => {
    const first = withJsonServer(null, 'mcpServers', entry);
    expect(JSON.parse(first)).toEqual({ mcpServers: { fragments: entry } });
    expect(withJsonServer(first, 'mcpServers', entry)).toBe(first);
    const old = '{"mcpServers":{"fragments":{"command":"old"},"b":{"command":"b"}}}';
    expect(Object.keys(JSON.parse(withJsonServer(old, 'mcpServers', entry)).mcpServers)).toEqual(['fragments', 'b']);
  });

  it('refuses what is not a JSON object, saying why', () => {
    expect(() => withJsonServer('[1]', 'servers', entry)).toThrow('is JSON but not an object');
    expect(() => withJsonServer('{"servers": 3}', 'servers', entry)).toThrow('has a "servers" that is not an object');
    expect(() => withJsonServer('{ // jsonc\n}', 'servers', entry)).toThrow(/^is not valid JSON/);
  });
});

describe('the TOML entry', () => {
  const lived = '# keep me\nmodel = "o3"\n\n[mcp_servers.fragments]\ncommand = "old"\n\n[mcp_servers.fragments.env]\nX = "1"\n\n[mcp_servers.docs] # docs\ncommand = "docs"\n';

  it('replaces our tables (sub-tables too), keeps comments and other servers, and changes nothing the second time', () => {
    const text = withTomlServer(lived, entry);
    expect(text.startsWith('# keep me\nmodel = "o3"\n\n[mcp_servers.docs] # docs\ncommand = "docs"\n')).toBe(true);
    const doc = parse(text) as Record<string, any>;
    expect(doc.mcp_servers).toEqual({ docs: { command: 'docs' }, fragments: entry });
    expect(withTomlServer(text, entry)).toBe(text);
  });

  it('refuses a broken file, and an entry written in a form it would have to guess at', () => {
    expect(() => withTomlServer('model = \n', entry)).toThrow(/^is not valid TOML/);
    expect(() => withTomlServer('mcp_servers = 1\n', entry)).toThrow('has an "mcp_servers" that is not a table');
    expect(() => withTomlServer('mcp_servers.fragments.command = "old"\n', entry)).toThrow(/dotted keys or an inline table/);
  });
});

describe('the instructions section', () => {
  it('is appended once, then replaced between its markers; a marker left open is refused', () => {
    const once = withSection('# Mine\n');
    expect(once).toContain(SECTION);
    expect(withSection(once)).toBe(once);
    const edited = `${once.replace('Working with Fragments', 'Old')}tail\n`;
    expect(withSection(edited)).toBe(`${once}tail\n`);
    expect(() => withSection('<!-- fragments:start -->\nhalf')).toThrow(/without/);
  });
});
