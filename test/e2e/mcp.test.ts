/**
 * `fragments mcp` and MCP at `/mcp` of `fragments serve`, driven by the SDK's
 * own Client as an agent would: the tool list, the work-session walk, a
 * failed completion check, recovery on a second connection, bad arguments,
 * and concurrent calls on one connection.
 */
import { spawn } from 'node:child_process';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { callTool, mcpOverHttp, mcpOverStdio, serve } from '../helpers/agent.js';
import { BIN, fragments, fragmentsJson, ROOT, tempHome } from '../helpers/cli.js';
import { homeEnv } from '../helpers/store-env.js';

const PLAN = `${ROOT}examples/sprint-plan.md`;
const SPRINT = 'SPRINT-SESS-1';
const FIRST = 'T-SESS-01-DB';

type Connect = (home: string) => Promise<Client>;
const overHttp: Connect = async (home) => mcpOverHttp(await serve(home));

describe.each([
  ['stdio (fragments mcp)', mcpOverStdio],
  ['Streamable HTTP (fragments serve, /mcp)', overHttp],
] as const)('MCP over %s', (_, connect: Connect) => {
  const home = tempHome('mcp');
  let agent: Client;

  it('answers initialize with three lines of instructions, and lists a lean set of tools', async () => {
    agent = await connect(home);
    const instructions = agent.getInstructions() ?? '';
    expect(instructions.split('\n')).toHaveLength(3);
    expect(instructions).toMatch(/session_start/);
    expect(instructions).toMatch(/done/);

    const list = await agent.listTools();
    const names = list.tools.map((t) => t.name);
    for (const name of ['session_start', 'session_resume', 'session_end', 'sprint_activate', 'task_activate', 'update', 'note', 'done', 'next', 'report', 'import', 'task_list']) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain('session_heartbeat');
    expect(JSON.stringify(list).length).toBeLessThanOrEqual(16 * 1024);
    const update = list.tools.find((t) => t.name === 'update')!;
    expect(update.description).toMatch(/^Call after each meaningful step/);
    expect(update.inputSchema.required).toEqual(['text']);
    expect(Object.keys(update.inputSchema.properties ?? {})).toEqual(['text', 'session_key', 'request_id']);
    expect(update.outputSchema?.required).toContain('success');
    expect(list.tools.find((t) => t.name === 'task_list')!.annotations?.readOnlyHint).toBe(true);
  });

  it('walks a session: start, sprint, task, an update with no task id', async () => {
    expect((await callTool(agent, 'import', { file: PLAN })).envelope.success).toBe(true);
    const started = await callTool(agent, 'session_start', { agent: 'test-agent' });
    expect(started.isError).toBe(false);
    expect(started.envelope.session_key).toBe('SESSION-001');
    expect(started.envelope.data.session_key).toBe('SESSION-001');
    // Suggestions are written as tool calls of this server.
    expect(started.envelope.instructions!.suggested_commands).toContain(`task_activate {"code":"${FIRST}"}`);

    expect((await callTool(agent, 'sprint_activate', { code: SPRINT })).envelope.success).toBe(true);
    const task = await callTool(agent, 'task_activate');
    expect((task.envelope.data.task as { code: string }).code).toBe(FIRST);

    const update = await callTool(agent, 'update', { text: 'Migration files created' });
    expect(update.isError).toBe(false);
    expect(update.envelope.data.target).toMatchObject({ kind: 'task', code: FIRST });
    expect(update.text).toContain(`update recorded on task ${FIRST}`);
    expect(update.text).toContain('done {"summary":"…"}');
  });

  it('answers done without a summary as a failed check in the result (isError), never a protocol error', async () => {
    const refused = await callTool(agent, 'done');
    expect(refused.isError).toBe(true);
    expect(refused.envelope.success).toBe(false);
    expect(refused.envelope.error!.code).toBe('VALIDATION_FAILED');
    expect(refused.envelope.instructions!.validation_errors.join(' ')).toMatch(/no summary/);
    expect(refused.text).toMatch(/not complete/);

    const done = await callTool(agent, 'done', { summary: 'Schema and migration in place' });
    expect(done.isError).toBe(false);
    expect(done.envelope.data.task).toMatchObject({ code: FIRST, status: 'completed', summary: 'Schema and migration in place' });
  });

  it('gives a second connection the recovery package with the last actions', async () => {
    await callTool(agent, 'task_activate');
    await callTool(agent, 'update', { text: 'Models drafted' });
    const second = await connect(home);
    const resumed = await callTool(second, 'session_resume');
    expect(resumed.isError).toBe(false);
    expect(resumed.envelope.session_key).toBe('SESSION-001');
    const lastActions = resumed.envelope.data.last_actions as string[];
    expect(lastActions.length).toBeGreaterThan(0);
    expect(lastActions.join('\n')).toContain('Models drafted');
  });

  it('answers a bad argument with the CLI’s own message', async () => {
    const cli = await fragmentsJson(home, ['update']);
    const missing = await callTool(agent, 'update', {});
    expect(missing.isError).toBe(true);
    expect(missing.envelope.error).toMatchObject({ code: 'USAGE', message: cli.error!.message });
    expect(missing.text).toContain('update: TEXT is required');

    const wrongType = await callTool(agent, 'estimate', { duration: 'soon' });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.envelope.error!.code).toBe('BAD_DURATION');

    const cliTypo = await fragmentsJson(home, ['done', '--sumary', 'x']);
    const typo = await callTool(agent, 'done', { sumary: 'x' });
    expect(typo.isError).toBe(true);
    expect(typo.envelope.error!.message).toBe(cliTypo.error!.message);
    expect(typo.text).toContain('unknown option --sumary (did you mean --summary?)');

    const badKey = await callTool(agent, 'update', { text: 'x', session_key: 'session one' });
    expect(badKey.isError).toBe(true);
    expect(badKey.text).toMatch(/session_key: session keys look like SESSION-001/);
  });

  it('answers 20 concurrent calls on one connection, every one recorded', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => callTool(agent, 'update', { text: `step ${i}` })));
    expect(answers.every((a) => a.envelope.success)).toBe(true);
    const history = await callTool(agent, 'history', { limit: 100 });
    const texts = (history.envelope.data.activities as { text: string | null }[]).map((a) => a.text);
    for (let i = 0; i < 20; i++) expect(texts).toContain(`step ${i}`);
  });
});

describe('one MCP connection', () => {
  it('remembers the session it started, even when the home moves on to another', async () => {
    const home = tempHome('mcp-remember');
    const agent = await mcpOverStdio(home);
    expect((await callTool(agent, 'session_start')).envelope.session_key).toBe('SESSION-001');
    expect((await fragmentsJson(home, ['session:start', '--new'])).session_key).toBe('SESSION-002');
    const logged = await callTool(agent, 'log', { text: 'still here' });
    expect(logged.envelope.session_key).toBe('SESSION-001');
    const other = await callTool(agent, 'log', { text: 'over there', session_key: 'SESSION-002' });
    expect(other.envelope.session_key).toBe('SESSION-002');
  });

  it('tells a client watching the board when another process writes to the home', async () => {
    const home = tempHome('mcp-watch');
    const agent = await mcpOverStdio(home);
    await callTool(agent, 'session_start');
    const updated = new Promise<string>((resolve) => agent.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => resolve(n.params.uri)));
    await agent.subscribeResource({ uri: 'fragments://board' });
    expect((await fragments(home, ['log', 'from the CLI'])).code).toBe(0);
    expect(await updated).toBe('fragments://board');
    const board = await agent.readResource({ uri: 'fragments://board' });
    expect(JSON.stringify(board.contents[0])).toContain('from the CLI');
  });

  it('refuses a client over HTTP without the token', async () => {
    const server = await serve(tempHome('mcp-token'));
    await expect(mcpOverHttp(server, 'wrong')).rejects.toThrow(/401|Wrong token/);
  });

  it.each(['stdin closes', 'SIGTERM'])('ends cleanly when %s', async (how) => {
    const home = tempHome('mcp-stop');
    const child = spawn(process.execPath, [BIN, 'mcp'], { env: { ...process.env, ...homeEnv(home) }, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const answered = new Promise<string>((resolve) => child.stdout.on('data', (d: Buffer) => resolve(d.toString())));
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`);
    expect(JSON.parse(await answered).result.serverInfo.name).toBe('fragments');
    if (how === 'SIGTERM') child.kill('SIGTERM');
    else child.stdin.end();
    expect(await exited).toBe(0);
  });
});
