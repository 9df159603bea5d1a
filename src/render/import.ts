import { STATUS_MARK, type Paint } from './lines.js';

interface TreeTask {
  code: string;
  title: string;
  action: string;
  status: string;
  priority: string;
  estimate: string | null;
  depends: string[];
  parent?: string;
  phase?: string;
  group?: string;
}

interface TreeSprint {
  code: string;
  title: string;
  action: string;
  from: string;
  estimate?: string;
  tasks: TreeTask[];
}

/** What `import` says: the tree a dry run would make, what was read, and with --verbose the notes on each line. */
export function importLines(d: { tree?: TreeSprint[]; summary_lines: string[]; report: { notes: string[] } }, paint: Paint): string[] {
  return [...(d.tree ? planTree(d.tree, paint) : []), ...d.summary_lines, ...d.report.notes.map((n) => paint('dim', `  ${n}`))];
}

/** A dry run's tree beyond this many tasks ends with a count: --json holds them all. */
const TREE_TASKS_SHOWN = 300;
const ACTION_MARK: Record<string, string> = { create: '+', update: '~', unchanged: '=' };

/**
 * What an import would make, as a tree: sprints, their phases and groups, and
 * tasks with their status, estimate and dependencies, each marked + (new),
 * ~ (changed) or = (as it is).
 */
function planTree(tree: TreeSprint[], paint: Paint): string[] {
  const lines: string[] = [];
  let shown = 0;
  const total = tree.reduce((n, s) => n + s.tasks.length, 0);
  for (const sprint of tree) {
    lines.push(`${ACTION_MARK[sprint.action] ?? ' '} ${paint('bold', sprint.code)}  ${sprint.title}${sprint.estimate ? paint('dim', ` (${sprint.estimate})`) : ''}${paint('dim', `  from ${sprint.from}`)}`);
    let phase: string | undefined;
    let group: string | undefined;
    const depth = new Map<string, number>();
    for (const task of sprint.tasks) {
      if (shown >= TREE_TASKS_SHOWN) break;
      if (!task.parent && (task.phase !== phase || task.group !== group)) {
        if (task.phase !== phase && task.phase) lines.push(`    ${paint('cyan', task.phase)}`);
        if (task.group && (task.group !== group || task.phase !== phase)) lines.push(`    ${task.phase ? '  ' : ''}${paint('cyan', task.group)}`);
        phase = task.phase;
        group = task.group;
      }
      const level = task.parent ? (depth.get(task.parent) ?? 0) + 1 : 0;
      depth.set(task.code, level);
      const pad = '    ' + (phase ? '  ' : '') + (group ? '  ' : '') + '  '.repeat(level);
      const after = task.depends.length ? paint('dim', ` after ${task.depends.slice(0, 6).join(', ')}${task.depends.length > 6 ? ` +${task.depends.length - 6}` : ''}`) : '';
      lines.push(`${pad}${ACTION_MARK[task.action] ?? ' '} ${STATUS_MARK[task.status] ?? '·'} ${paint('bold', task.code)}  ${task.title.split('\n')[0]}  ${paint('dim', `${task.status} · ${task.priority} · ${task.estimate ?? 'no estimate'}`)}${after}`);
      shown++;
    }
  }
  if (total > shown) lines.push(paint('dim', `  … and ${total - shown} more task(s): --json lists them all.`));
  return lines;
}
