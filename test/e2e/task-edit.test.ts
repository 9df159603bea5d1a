/**
 * task:edit, the command added as one definition in its family file: it works
 * from the CLI, and the MCP tool list and the HTTP API have it without a line
 * of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, mcpOverStdio, serve, type Served } from '../helpers/agent.js';
import { fragments, fragmentsJson, tempHome } from '../helpers/cli.js';

describe('task:edit', () => {
  const home = tempHome('task-edit');
  beforeAll(async () => {
    expect((await fragmentsJson(home, ['task:create', 'T-1', '--title', 'Add retries', '--estimate', '2h'])).success).toBe(true);
    expect((await fragmentsJson(home, ['task:create', 'T-2', '--title', 'Write docs'])).success).toBe(true);
  });

  it('changes the named fields and says what each was', async () => {
    const edited = await fragmentsJson(home, ['task:edit', 'T-1', '--title', 'Add retries with backoff', '--priority', 'high', '--estimate', '3h']);
    expect(edited.exit).toBe(0);
    expect(edited.data.changes).toEqual({
      title: { from: 'Add retries', to: 'Add retries with backoff' },
      priority: { from: 'medium', to: 'high' },
      estimate: { from: '2h', to: '3h' },
    });
    const shown = await fragmentsJson(home, ['task:show', 'T-1']);
    expect(shown.data.task).toMatchObject({ title: 'Add retries with backoff', priority: 'high', estimate: { low_hours: 3, high_hours: 3 } });
    const human = await fragments(home, ['task:edit', 't-1', '--description', 'Three tries, then give up']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('T-1  Add retries with backoff');
    expect((await fragmentsJson(home, ['task:show', 'T-1'])).data.task.description).toBe('Three tries, then give up');
  });

  it('edits the active task when none is named', async () => {
    await fragmentsJson(home, ['session:start']);
    await fragmentsJson(home, ['task:activate', 'T-2']);
    const edited = await fragmentsJson(home, ['task:edit', '--title', 'Write the README']);
    expect(edited.data.task).toMatchObject({ code: 'T-2', title: 'Write the README' });
    await fragmentsJson(home, ['session:end', '--summary', 'renamed', '--force']);
  });

  it('refuses an edit naming nothing, an unknown task and a bad estimate, changing nothing', async () => {
    const nothing = await fragmentsJson(home, ['task:edit', 'T-1']);
    expect(nothing.exit).toBe(2);
    expect(nothing.error!.message).toBe('task:edit: name what to change: --title, --priority, --estimate or --description.');
    const unknown = await fragmentsJson(home, ['task:edit', 'T-3', '--title', 'x']);
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(unknown.error!.message).toMatch(/Did you mean T-1/);
    const estimate = await fragmentsJson(home, ['task:edit', 'T-1', '--estimate', 'soon', '--title', 'Never applied']);
    expect(estimate.error!.code).toBe('BAD_DURATION');
    expect((await fragmentsJson(home, ['task:show', 'T-1'])).data.task.title).toBe('Add retries with backoff');
    const same = await fragmentsJson(home, ['task:edit', 'T-1', '--priority', 'high']);
    expect(same.data.changes).toEqual({});
    expect(same.instructions!.validation_warnings).toContain('T-1 already has these values: nothing changed.');
  });

  describe('on the other faces, from the catalogue alone', () => {
    let server: Served;
    beforeAll(async () => {
      server = await serve(home);
    });
    afterAll(async () => {
      await server.stop();
    });

    it('is an MCP tool an agent can list and call', async () => {
      const agent = await mcpOverStdio(home);
      const { tools } = await agent.listTools();
      const tool = tools.find((t) => t.name === 'task_edit');
      expect(tool?.description).toMatch(/title, priority, estimate or description/);
      expect(Object.keys(tool!.inputSchema.properties ?? {})).toEqual(['code', 'title', 'priority', 'estimate', 'description', 'session_key', 'request_id']);
      const called = await callTool(agent, 'task_edit', { code: 'T-1', priority: 'critical' });
      expect(called.isError).toBe(false);
      expect(called.envelope.data.changes).toEqual({ priority: { from: 'high', to: 'critical' } });
    });

    it('is a command of the HTTP API', async () => {
      const response = await fetch(`${server.url}/api/commands/task:edit`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: 'T-1', estimate: '90m' }),
      });
      expect(response.status).toBe(200);
      const envelope = (await response.json()) as { data: { changes: unknown } };
      expect(envelope.data.changes).toEqual({ estimate: { from: '3h', to: '1.5h' } });
      const refused = await fetch(`${server.url}/api/commands/task:edit`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: 'T-1', priority: 'urgent' }),
      });
      expect(refused.status).toBe(400);
    });
  });
});
