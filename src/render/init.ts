import { printable } from '../domain/printable.js';
import type { Paint } from './lines.js';

const AGENT_NAMES: Record<string, string> = { claude: 'Claude Code', cursor: 'Cursor', vscode: 'VS Code', gemini: 'Gemini CLI', codex: 'Codex' };

interface InitAnswer {
  dir: string;
  home: string;
  detected?: string[];
  agents?: string[];
  home_in_entry?: boolean;
  dry_run?: boolean;
  changes: { path: string; agents: string[]; kind: string; action: string; preview?: string }[];
}

/** What init wrote and where; with --dry-run, what it would write, in full (`raw`: the answer as given, whose previews keep their lines). */
export function initLines(d: InitAnswer, raw: InitAnswer, paint: Paint): string[] {
  if (!d.agents) {
    const found = (d.detected ?? []).map((a) => AGENT_NAMES[a] ?? a);
    return [
      found.length ? `Found ${found.join(', ')} in ${d.dir}. Set them up with:` : `No agent client's files found in ${d.dir}. Name the one you use:`,
      ...(found.length ? (d.detected ?? []) : ['claude', 'all']).map((a) => `  fragments init --agent ${a}`),
      paint('dim', `Agents: ${Object.keys(AGENT_NAMES).join(', ')}, or all. --dry-run shows what would be written.`),
    ];
  }
  const verb: Record<string, string> = d.dry_run ? { create: 'would create', update: 'would update', unchanged: 'unchanged' } : { create: 'created', update: 'updated', unchanged: 'unchanged' };
  const lines = d.changes.flatMap((c, i) => {
    const what = c.kind === 'mcp' ? 'MCP server entry' : '"Working with Fragments" section';
    const head = `${c.action === 'unchanged' ? paint('dim', '=') : paint('green', '✓')} ${(verb[c.action] ?? c.action).padEnd(12)} ${c.path}  ${paint('dim', `${what} for ${c.agents.map((a) => AGENT_NAMES[a] ?? a).join(', ')}`)}`;
    const preview = raw.changes[i]?.preview;
    return preview ? [head, ...preview.replace(/\n$/, '').split('\n').map((l) => paint('dim', `    │ ${printable(l)}`))] : [head];
  });
  lines.push(paint('dim', `In ${d.dir}; the entry runs \`fragments mcp\` on ${d.home_in_entry ? `the home ${d.home} (FRAGMENTS_HOME)` : 'the default home, ~/.fragments'}.`));
  return lines;
}
