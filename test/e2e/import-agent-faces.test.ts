/**
 * `import` from the agent faces, as an agent (or anyone holding the token)
 * would try it: the SDK's own MCP client over stdio and real HTTP requests.
 * Only plan files under the project folder (the server's, here the
 * repository) or the home are read; no answer quotes a file's bytes; a FIFO
 * is refused at once and holds no lock; a big file keeps the server answering.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callTool, mcpOverStdio, serve, type Served } from '../helpers/agent.js';
import { fragmentsJson, ROOT, tempHome } from '../helpers/cli.js';
import type { WireEnvelope } from '../helpers/cli.js';

const SECRET = 'DB_PASSWORD=hunter2-do-not-leak';

/** A folder outside the project and outside any home: what an agent must not read. */
function outside(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fragments-outside-'));
  writeFileSync(join(dir, 'plan.md'), `# Secrets\n\n${SECRET}\n\n## Sprint 1\n\n- [ ] T-1 ${SECRET}\n`);
  return dir;
}

async function post(server: Served, body: unknown): Promise<{ status: number; envelope: WireEnvelope }> {
  const response = await fetch(`${server.url}/api/commands/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, envelope: (await response.json()) as WireEnvelope };
}

/** The answer with the path it was given taken out: what is left must be the same for every refusal. */
const withoutPath = (message: string, path: string) => message.split(path).join('<path>');

describe.each([
  ['MCP over stdio', 'mcp'],
  ['HTTP', 'http'],
] as const)('import over %s', (_, face) => {
  const home = tempHome(`faces-${face}`);
  let importing: (args: Record<string, unknown>) => Promise<WireEnvelope>;

  it('connects', async () => {
    if (face === 'mcp') {
      const agent = await mcpOverStdio(home);
      importing = async (args) => (await callTool(agent, 'import', args)).envelope;
    } else {
      const server = await serve(home);
      importing = async (args) => (await post(server, args)).envelope;
    }
  });

  it('refuses a file outside the project and the home without quoting it, `..` included, and says the same of a missing file', async () => {
    const dir = outside();
    const direct = await importing({ file: join(dir, 'plan.md'), dry_run: true, verbose: true });
    const climbing = relative(ROOT, join(dir, 'plan.md'));
    expect(climbing.startsWith('..')).toBe(true);
    const dotted = await importing({ file: climbing, dry_run: true, verbose: true });
    const missing = await importing({ file: join(dir, 'nothing-here.md'), dry_run: true });
    const etc = await importing({ file: '/etc/passwd', dry_run: true });
    for (const [answer, path] of [
      [direct, join(dir, 'plan.md')],
      [dotted, climbing],
      [missing, join(dir, 'nothing-here.md')],
      [etc, '/etc/passwd'],
    ] as const) {
      expect(answer.success).toBe(false);
      expect(answer.error!.code).toBe('FILE_UNREADABLE');
      expect(JSON.stringify(answer)).not.toContain('hunter2');
      expect(JSON.stringify(answer)).not.toContain('root:');
      expect(withoutPath(answer.error!.message, path)).toBe(withoutPath(direct.error!.message, join(dir, 'plan.md')));
    }
    expect(direct.error!.message).toContain('Or send the plan itself as `content`');
  });

  it('reads a plan under the home, and never quotes a file it read: not a skipped line, not a JSON error', async () => {
    writeFileSync(join(home, 'plan.md'), `# Plan\n\n${SECRET}\n\n## Sprint 1\n\n- [ ] T-1 Build it\n`);
    const read = await importing({ file: join(home, 'plan.md'), dry_run: true, verbose: true });
    expect(read.success).toBe(true);
    expect(JSON.stringify(read)).not.toContain('hunter2');
    expect((read.data.report as { notes: string[] }).notes).toContain('line 3 skipped as prose');

    writeFileSync(join(home, 'notes.md'), `${SECRET}\n\nJust prose, no plan.\n`);
    const prose = await importing({ file: join(home, 'notes.md') });
    expect(prose.error!.code).toBe('NO_TASKS');
    expect(JSON.stringify(prose)).not.toContain('hunter2');

    writeFileSync(join(home, 'bad.json'), `[${SECRET}`);
    const json = await importing({ file: join(home, 'bad.json') });
    expect(json.error!.code).toBe('BAD_PLAN');
    expect(json.error!.message).toMatch(/^\S+bad\.json is not valid JSON \(line 1, column 2\)\./);
    expect(JSON.stringify(json)).not.toContain('hunter2');

    // A bad value in a JSON plan is left out with a warning naming its place, not its value.
    writeFileSync(join(home, 'valued.json'), JSON.stringify({ sprints: [{ code: 'S-V', title: 'Values', tasks: [{ code: 'T-V', title: 'Valued', estimate: SECRET, depends: [SECRET] }] }] }));
    const valued = await importing({ file: join(home, 'valued.json'), dry_run: true });
    expect(valued.success).toBe(true);
    expect(valued.instructions!.validation_warnings).toContain('sprints[0].tasks[0] (T-V): estimate left out: not a duration above zero (write 90m, 2h, 2-3h or 1.5 days)');
    expect(JSON.stringify(valued)).not.toContain('hunter2');

    // A file that is no plan file (no plan extension) gets the one refusal, whatever it holds.
    writeFileSync(join(home, '.env'), `${SECRET}\n`);
    const env = await importing({ file: join(home, '.env') });
    expect(env.error!.code).toBe('FILE_UNREADABLE');
    expect(JSON.stringify(env)).not.toContain('hunter2');
  });

  it('takes the plan as content, Markdown or the JSON plan, and may quote what the agent sent', async () => {
    const markdown = await importing({ content: '## Sprint 2\n\n- [ ] T-20 From content\n\nPlain prose line\n', file: 'agent-plan.md', dry_run: true, verbose: true });
    expect(markdown.success).toBe(true);
    expect((markdown.data.report as { tasks: { created: string[] } }).tasks.created).toEqual(['T-20']);
    expect((markdown.data.report as { notes: string[] }).notes).toContain('line 5 skipped: Plain prose line');
    const json = await importing({ content: JSON.stringify({ sprints: [{ code: 'S-J', title: 'JSON', tasks: [{ code: 'T-J1', title: 'One', estimate: '2h' }] }] }) });
    expect(json.success).toBe(true);
    expect((await fragmentsJson(home, ['task:show', 'T-J1'])).data.task).toMatchObject({ title: 'One', estimate: { low_hours: 2, high_hours: 2 } });
  });

  it('refuses a FIFO at once, holding no lock, while a write from the CLI goes through', async () => {
    const fifo = join(home, `plan-${face}.md`);
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const [answer, cli] = await Promise.all([importing({ file: fifo }), fragmentsJson(home, ['sprint:create', `S-FIFO-${face}`, '--title', 'Written meanwhile'])]);
    // A read of the FIFO would block until a writer came: none ever does.
    expect(Date.now() - started).toBeLessThan(8000);
    expect(answer.success).toBe(false);
    expect(answer.error!.code).toBe('FILE_UNREADABLE');
    expect(cli.success).toBe(true);
    const devStdin = await importing({ file: '/dev/stdin' });
    expect(devStdin.error!.code).toBe('FILE_UNREADABLE');
  });
});

describe('a big plain-text file imported over HTTP', () => {
  it('is answered while /api/health keeps answering within 200 ms', async () => {
    const home = tempHome('big');
    const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.';
    const lines: string[] = [];
    for (let i = 0, size = 0; size < 1.5 * 1024 * 1024; i++) {
      lines.push(i % 10 === 0 ? `- ${line} ${i}` : `${line} ${i}`);
      size += lines.at(-1)!.length + 1;
    }
    writeFileSync(join(home, 'big.txt'), lines.join('\n'));
    const server = await serve(home);
    let done = false;
    const latencies: number[] = [];
    const probe = (async () => {
      while (!done) {
        const at = performance.now();
        const response = await fetch(`${server.url}/api/health`);
        await response.text();
        latencies.push(performance.now() - at);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const answer = await post(server, { file: join(home, 'big.txt') });
    done = true;
    await probe;
    expect(answer.envelope.error?.code).toBe('NO_TASKS');
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(200);
  });
});
