import { promises as fsp } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as z from 'zod';
import { AGENTS, CLIENTS, serverEntry, type Agent } from '../core/agent-setup/clients.js';
import { withSection } from '../core/agent-setup/instructions.js';
import { withJsonServer } from '../core/agent-setup/json-config.js';
import { FragmentsError } from '../domain/errors.js';
import { defaultHome } from '../store/home.js';
import { Flag, Text } from './shared/args.js';
import { defineCommand, type Ctx } from '../runner/define.js';

/** One file `init` looked at, and what it did (or, with --dry-run, would do) to it. */
export interface InitChange {
  path: string;
  /** The clients it serves: AGENTS.md serves several. */
  agents: Agent[];
  kind: 'mcp' | 'instructions';
  action: 'create' | 'update' | 'unchanged';
  /** With --dry-run: the text it would write. */
  preview?: string;
}

interface Planned extends InitChange {
  text: string;
}

async function readText(path: string): Promise<string | null> {
  return fsp.readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw new FragmentsError('FILE_UNREADABLE', `${path} cannot be read (${e.code ?? e.message}); nothing was written.`);
  });
}

const exists = (path: string) => fsp.stat(path).then(() => true, () => false);

/** The clients whose files are in the project already. */
async function detect(dir: string): Promise<Agent[]> {
  const found = await Promise.all(AGENTS.map(async (a) => ((await Promise.all(CLIENTS[a].marks.map((m) => exists(join(dir, m))))).some(Boolean) ? a : null)));
  return found.filter((a): a is Agent => a !== null);
}

/** Each file's new text, every one worked out before any is written: a file that cannot be merged stops them all. */
async function plan(dir: string, agents: Agent[], home: string | null): Promise<Planned[]> {
  const planned: Planned[] = [];
  const change = (path: string, before: string | null, text: string, kind: InitChange['kind'], agent: Agent): Planned => ({
    path,
    agents: [agent],
    kind,
    action: before === null ? 'create' : before === text ? 'unchanged' : 'update',
    text,
  });
  const refuse = (path: string, problem: string) =>
    new FragmentsError('CONFIG_UNREADABLE', `${path} ${problem}. It was left as it was, and nothing was written: fix it (or move it aside) and run init again.`, { path });
  for (const agent of agents) {
    const client = CLIENTS[agent];
    const before = await readText(join(dir, client.config));
    const entry = serverEntry(client, home);
    let text: string;
    try {
      if (client.format === 'json') text = withJsonServer(before, client.key, entry);
      else {
        // The TOML library loads only for Codex, and only here.
        const { withTomlServer } = await import('../core/agent-setup/toml-config.js');
        text = withTomlServer(before, entry);
      }
    } catch (e) {
      throw refuse(client.config, (e as Error).message);
    }
    planned.push(change(client.config, before, text, 'mcp', agent));
    const shared = planned.find((p) => p.path === client.instructions);
    if (shared) shared.agents.push(agent);
    else {
      const current = await readText(join(dir, client.instructions));
      try {
        planned.push(change(client.instructions, current, withSection(current), 'instructions', agent));
      } catch (e) {
        throw refuse(client.instructions, (e as Error).message);
      }
    }
  }
  return planned;
}

function refuseHere(ctx: Ctx): void {
  if (ctx.byDeveloper) return;
  throw new FragmentsError('INIT_NOT_ALLOWED', '`init` writes project files, so it runs only where the developer types it: run `fragments init` in the project folder (CLI or TUI).');
}

export const initCommands = [
  defineCommand({
    name: 'init',
    slash: '/init',
    summary: 'Set an agent up in this project: the MCP server entry in its own config file, and a "Working with Fragments" section in its instructions file',
    tx: 'none',
    args: { agent: z.enum([...AGENTS, 'all']).optional(), dir: Text.optional(), dry_run: Flag },
    example: 'fragments init --agent claude',
    async run(ctx, args) {
      refuseHere(ctx);
      const dir = resolve(ctx.cwd ?? process.cwd(), args.dir ?? '.');
      if (!(await fsp.stat(dir).then((s) => s.isDirectory(), () => false))) {
        throw new FragmentsError('USAGE', `init: ${dir} is not a folder. Run init in the project folder, or give --dir DIR.`);
      }
      const home = ctx.store.home === defaultHome() ? null : ctx.store.home;
      if (!args.agent) {
        const detected = await detect(dir);
        return { data: { ui: 'init', dir, home: ctx.store.home, detected, changes: [], written: false } };
      }
      const agents = args.agent === 'all' ? [...AGENTS] : [args.agent];
      const planned = await plan(dir, agents, home);
      const dryRun = args.dry_run === true;
      if (!dryRun) {
        for (const p of planned.filter((p) => p.action !== 'unchanged')) {
          const path = join(dir, p.path);
          await fsp.mkdir(dirname(path), { recursive: true });
          await fsp.writeFile(path, p.text);
        }
      }
      const changes: InitChange[] = planned.map(({ text, ...p }) => (dryRun && p.action !== 'unchanged' ? { ...p, preview: text } : p));
      return { data: { ui: 'init', dir, home: ctx.store.home, home_in_entry: home !== null, agents, changes, written: !dryRun && changes.some((c) => c.action !== 'unchanged'), dry_run: dryRun } };
    },
  }),
];
