/** The MCP tool list against the catalogue and the suggestions, without a process. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/commands/catalogue.js';
import { toolName } from '../../src/runner/invocation.js';
import { toMcpTool } from '../../src/mcp/tool.js';
import { ROOT } from '../helpers/cli.js';

/** Commands that suggest only themselves, or are suggested only outside MCP (the CLI's help and version). */
const NOT_SUGGESTED_OVER_MCP = new Set(['help', 'version', 'tasks:bulk-complete']);

function suggestedCommands(): Set<string> {
  const names = new Set<string>();
  for (const dir of ['src/core', 'src/commands', 'src/runner', 'src/project']) {
    for (const file of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(ROOT, dir, file), 'utf8').matchAll(/(?<!completes: \{ )command: '([a-z:-]+)'/g)) names.add(m[1]!);
    }
  }
  return names;
}

/** The commands offered as MCP tools: those that say when an agent should call them. */
const AGENT_TOOLS = new Map<string, string>(catalogue.commands.flatMap((c) => (c.agent === undefined ? [] : [[c.name, c.agent] as const])));

describe('the MCP tools', () => {
  it('each describes a command of the catalogue, saying when to call it', () => {
    expect(AGENT_TOOLS.size).toBeGreaterThan(20);
    for (const [name, description] of AGENT_TOOLS) {
      expect(catalogue.find(name)?.name, name).toBe(name);
      expect(toMcpTool(catalogue.find(name)!).description, name).toBe(description);
      // import carries the JSON plan's schema, so an agent can convert any plan without another call.
      if (name !== 'import') expect(description.length, name).toBeLessThanOrEqual(160);
    }
  });

  it('describe import with the JSON plan, content, and where files may be read from', () => {
    const description = AGENT_TOOLS.get('import')!;
    expect(description).toContain('"sprints":[{"code":"SPRINT-1"');
    expect(description).toContain('`content`');
    expect(description).toContain('under the project folder or the home');
    expect(description.length).toBeLessThanOrEqual(1000);
    const tool = toMcpTool(catalogue.find('import')!);
    expect(Object.keys(tool.inputSchema.properties!)).toEqual(['file', 'content', 'prefix', 'dry_run', 'verbose', 'strict', 'session_key', 'request_id']);
    expect(tool.inputSchema.required).toBeUndefined();
  });

  it('cover every command a suggestion can name over MCP', () => {
    const missing = [...suggestedCommands()].filter((c) => !NOT_SUGGESTED_OVER_MCP.has(c) && !AGENT_TOOLS.has(c));
    expect(missing).toEqual([]);
  });

  it('take the command’s own arguments plus session_key and request_id, with its required ones', () => {
    const done = toMcpTool(catalogue.find('done')!);
    expect(done.name).toBe('done');
    expect(Object.keys(done.inputSchema.properties!)).toEqual(['summary', 'force', 'check', 'no_check', 'session_key', 'request_id']);
    expect(done.inputSchema.required).toBeUndefined();
    const create = toMcpTool(catalogue.find('task:create')!);
    expect(create.name).toBe(toolName('task:create'));
    expect(create.inputSchema.required).toEqual(['code', 'title']);
    expect(create.inputSchema.properties!.depends).toEqual({ type: 'array', items: { type: 'string' } });
    expect(toMcpTool(catalogue.find('task:list')!).annotations).toEqual({ readOnlyHint: true });
  });
});
