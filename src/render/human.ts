import { styleText } from 'node:util';
import type { Envelope } from '../runner/define.js';
import { formatEstimate, formatSeconds, type Estimate } from '../domain/duration.js';
import { printable } from '../domain/printable.js';
import { MIN_SAMPLES } from '../core/calibration.js';

type Style = Parameters<typeof styleText>[0];

/**
 * The envelope with every string in it made printable: stored text may hold
 * anything an agent sent, and escaping the whole answer up front, rather than
 * field by field, leaves no field that can reach the screen raw.
 */
function printableAll<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableAll) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableAll(v)])) as T;
  return value;
}

interface TaskLike {
  code: string;
  title: string;
  status: string;
  priority?: string;
  estimate: Estimate | null;
  actual_seconds: number;
  incomplete?: boolean;
  depends?: string[];
}

interface EvidenceLike {
  command: string;
  exit_code: number | null;
  seconds: number;
  at: string;
  timed_out: boolean;
  output_tail?: string;
}

/** How many lines of a failed check's output the human rendering shows; the rest is in --json. */
const TAIL_LINES = 8;

const verdict = (e: EvidenceLike) => (e.exit_code === 0 ? 'passed' : e.timed_out ? 'was stopped at the time limit' : e.exit_code === null ? 'could not run' : `exited ${e.exit_code}`);

/** "`npm test` passed · 12s · 2026-11-25 18:40", and under the newest failure, the end of its output. */
export function evidenceLines(list: EvidenceLike[], paint: (style: Style, text: string) => string): string[] {
  return list.flatMap((e, i) => {
    const mark = e.exit_code === 0 ? paint('green', '✓') : paint('red', '✗');
    const line = `  ${mark} check \`${printable(e.command)}\` ${verdict(e)} · ${e.seconds}s · ${printable(e.at).slice(0, 16).replace('T', ' ')}`;
    if (e.exit_code === 0 || i !== list.length - 1 || !e.output_tail) return [line];
    const tail = e.output_tail.replace(/\n+$/, '').split('\n').slice(-TAIL_LINES);
    return [line, ...tail.map((l) => paint('dim', `    │ ${printable(l)}`))];
  });
}

const AGENT_NAMES: Record<string, string> = { claude: 'Claude Code', cursor: 'Cursor', vscode: 'VS Code', gemini: 'Gemini CLI', codex: 'Codex' };

/** What init wrote and where; with --dry-run, what it would write, in full. */
function initLines(d: Record<string, any>, raw: Record<string, any>, paint: (style: Style, text: string) => string): string[] {
  if (!d.agents) {
    const found = (d.detected as string[]).map((a) => AGENT_NAMES[a] ?? a);
    return [
      found.length ? `Found ${found.join(', ')} in ${d.dir}. Set them up with:` : `No agent client's files found in ${d.dir}. Name the one you use:`,
      ...(found.length ? (d.detected as string[]) : ['claude', 'all']).map((a) => `  fragments init --agent ${a}`),
      paint('dim', `Agents: ${Object.keys(AGENT_NAMES).join(', ')}, or all. --dry-run shows what would be written.`),
    ];
  }
  const verb: Record<string, string> = d.dry_run ? { create: 'would create', update: 'would update', unchanged: 'unchanged' } : { create: 'created', update: 'updated', unchanged: 'unchanged' };
  const lines = (d.changes as { path: string; agents: string[]; kind: string; action: string }[]).flatMap((c, i) => {
    const what = c.kind === 'mcp' ? 'MCP server entry' : '"Working with Fragments" section';
    const head = `${c.action === 'unchanged' ? paint('dim', '=') : paint('green', '✓')} ${(verb[c.action] ?? c.action).padEnd(12)} ${c.path}  ${paint('dim', `${what} for ${c.agents.map((a) => AGENT_NAMES[a] ?? a).join(', ')}`)}`;
    const preview = raw.changes[i]?.preview as string | undefined;
    return preview ? [head, ...preview.replace(/\n$/, '').split('\n').map((l) => paint('dim', `    │ ${printable(l)}`))] : [head];
  });
  lines.push(paint('dim', `In ${d.dir}; the entry runs \`fragments mcp\` on ${d.home_in_entry ? `the home ${d.home} (FRAGMENTS_HOME)` : 'the default home, ~/.fragments'}.`));
  return lines;
}

const STATUS_MARK: Record<string, string> = { pending: '○', in_progress: '◐', completed: '●', blocked: '⊘', cancelled: '×', planned: '○' };

export function renderHuman(answer: Envelope, color: boolean): { out: string; err: string } {
  // An export is a document the user asked for, written as is.
  if (answer.success && typeof answer.data.content === 'string') return { out: answer.data.content, err: '' };
  const envelope = printableAll(answer);
  const paint = (style: Style, text: string) => (color ? styleText(style, text) : text);
  const lines: string[] = [];
  const d = envelope.data as Record<string, any>;
  // Evidence keeps its line breaks: read from the answer as given, each line made printable on its own.
  const raw = answer.data as Record<string, any>;

  const taskLine = (t: TaskLike) => {
    const time = t.actual_seconds > 0 ? `${formatSeconds(t.actual_seconds)} / ${formatEstimate(t.estimate)}` : formatEstimate(t.estimate);
    const flag = t.incomplete ? paint('yellow', ' (incomplete)') : '';
    return `${STATUS_MARK[t.status] ?? '·'} ${paint('bold', t.code)}  ${t.title}  ${paint('dim', `${t.status} · ${t.priority ?? ''} · ${time}`)}${flag}`;
  };

  // doctor's file list says what was repaired even when something was not.
  const fileLines = (files: { file: string; ok: boolean; absent?: boolean; problem?: string; repair?: string }[]) =>
    files.flatMap((f) => [
      f.absent ? paint('dim', `· ${f.file}: none`) : `${f.ok ? paint('green', '✓') : paint('red', '✗')} ${f.file}${f.problem ? `: ${f.problem}` : ''}`,
      ...(f.repair ? [`  → ${f.repair}`] : []),
    ]);

  if (!envelope.success && envelope.error) {
    // doctor's list of files already says what is wrong with each: below it, only how many and what to do.
    const err = [paint('red', `✗ ${d.files && d.summary ? d.summary : envelope.error.message}`)];
    for (const e of envelope.instructions?.validation_errors ?? []) err.push(`  ${paint('red', '•')} ${e}`);
    for (const w of envelope.instructions?.validation_warnings ?? []) err.push(`  ${paint('yellow', '•')} ${w}`);
    // A check that failed just now: the end of its output says why, without a second command.
    if (d.failed_checks?.includes('evidence') && raw.task?.evidence?.length) err.push(...evidenceLines(raw.task.evidence.slice(-1), paint));
    for (const a of envelope.instructions?.required_actions ?? []) err.push(`  → ${a}`);
    const out = d.files ? `${fileLines(d.files).join('\n')}\n` : '';
    return { out, err: `${err.join('\n')}\n` };
  }

  if (d.replayed) lines.push(paint('yellow', `↺ Replayed: this request was answered at ${d.replayed_at}; nothing changed now. The first answer:`));
  if (d.message) lines.push(d.message);
  if (d.commands) {
    for (const c of d.commands) lines.push(`  ${paint('bold', c.name.padEnd(22))} ${c.summary}`);
    lines.push(
      '',
      'fragments help COMMAND shows one in full. Add --json for the envelope agents read.',
      'For an agent: fragments mcp serves these as MCP tools over stdio; fragments serve as an HTTP API (and MCP at /mcp).',
    );
  }
  if (d.topic) lines.push(...d.text, JSON.stringify(raw.schema, null, 2));
  if (d.command?.usage) {
    lines.push(`${paint('bold', d.command.name)}${d.command.slash ? `  (${d.command.slash})` : ''}: ${d.command.summary}`, `Usage: ${d.command.usage}`);
    if (d.command.example) lines.push(`Example: ${d.command.example}`);
  }
  if (d.session?.key) {
    const se = d.session;
    lines.push(`${paint('bold', se.key)} · ${se.type} · ${se.status} · ${formatSeconds(se.active_seconds)} active${d.resumed ? ' · resumed' : ''}`);
    if (d.session_key && d.resumed === false) lines.push(`Session ${se.key} started.`);
  }
  if (d.context_stack) lines.push(`Context: ${['project', ...d.context_stack.slice(1).map((f: { code: string }) => f.code)].join(' > ')}`);
  if (d.interrupted_for >= 60) lines.push(paint('yellow', `Interrupted for ${formatSeconds(d.interrupted_for)}.`));
  if (d.active_task?.code) {
    const t = d.active_task;
    lines.push(`Active: ${paint('bold', t.code)} ${t.title ?? ''}${t.actual_seconds !== undefined ? `  ${formatSeconds(t.actual_seconds)} / ${formatEstimate(t.estimate)}` : ''}`);
    if (t.last_update) lines.push(`  last update: ${t.last_update.text}`);
    if (raw.active_task.evidence?.length) lines.push(...evidenceLines(raw.active_task.evidence.slice(-1), paint));
  }
  if (d.git) {
    const g = d.git;
    const since = g.started_at_commit !== null || g.commits_since.length ? ` · ${g.commits_since.length} commit(s) since the task started` : '';
    lines.push(`git: ${g.branch ?? 'detached'} @ ${g.head ? g.head.slice(0, 7) : 'no commit yet'}${since} · ${g.dirty_files.length} file(s) uncommitted`);
    for (const c of g.commits_since.slice(0, 5)) lines.push(`  ${c.sha.slice(0, 7)} ${c.subject}`);
  }
  if (d.last_actions?.length) {
    lines.push('Last actions:');
    for (const a of d.last_actions) lines.push(`  ${a}`);
  }
  if (d.summary?.duration_seconds !== undefined) {
    const sm = d.summary;
    lines.push(`Ended after ${formatSeconds(sm.duration_seconds)}: ${sm.tasks_completed.length} task(s) completed, ${sm.updates} update(s), ${sm.artifacts} artifact(s).`);
    for (const t of sm.tasks_completed) lines.push(t.incomplete ? `  ◌ ${t.code}  ${formatSeconds(t.seconds)}  ${paint('yellow', 'incomplete (closed by force)')}` : `  ● ${t.code}  ${formatSeconds(t.seconds)}`);
  }
  if (d.target) lines.push(`${paint('green', '✓')} ${envelope.command} recorded on ${d.target.kind} ${d.target.code}`);
  if (d.activity) lines.push(`${paint('green', '✓')} logged${d.activity.task ? ` on ${d.activity.task}` : ''}`);
  if (d.activities) {
    for (const a of d.activities) lines.push(`${paint('dim', a.at.slice(11, 16))} ${a.command}${a.text ? ` ${a.text}` : ''}${a.task ? paint('dim', ` [${a.task}]`) : ''}`);
  }
  if (envelope.command === 'report') {
    for (const s of d.sprints) {
      lines.push(`${paint('bold', s.code ?? '—')}  ${s.title}  ${formatSeconds(s.actual_seconds)} of ${formatSeconds(s.estimate_seconds)} estimated${s.running_ratio !== null ? ` · running ratio ${s.running_ratio}×` : ''}`);
      for (const t of s.tasks) {
        const ratio = t.ratio !== null && t.actual_seconds > 0 ? ` (${t.ratio}×)` : '';
        const check = t.last_check ? ` ${t.last_check.exit_code === 0 ? paint('green', '✓') : paint('red', '✗')} ${t.last_check.command}` : '';
        lines.push(`  ${STATUS_MARK[t.status] ?? '·'} ${t.code.padEnd(22)} ${formatSeconds(t.actual_seconds).padStart(8)} / ${formatEstimate(t.estimate).padEnd(8)}${ratio}${t.incomplete ? paint('yellow', ' incomplete') : ''}${check}`);
      }
    }
    lines.push(calibrationLine(d.calibration));
  }
  if (envelope.command === 'forecast') lines.push(...forecastLines(d));
  if (d.sprint) {
    const s = d.sprint;
    lines.push(`${paint('bold', s.code)}  ${s.title}  ${paint('dim', `${s.status} · ${s.progress.completed}/${s.progress.total} done · ${formatEstimate(s.estimate)}`)}`);
    if (s.goal) lines.push(`  goal: ${s.goal}`);
    for (const t of s.tasks ?? []) lines.push(`  ${taskLine(t)}`);
  }
  if (d.sprints && envelope.command !== 'report') {
    if (!d.sprints.length) lines.push('No sprints yet: `fragments import PLAN.md` or `fragments sprint:create`.');
    for (const s of d.sprints) lines.push(`${paint('bold', s.code)}  ${s.title}  ${paint('dim', `${s.status} · ${s.progress.completed}/${s.progress.total} done`)}`);
  }
  if (d.sessions) {
    if (!d.sessions.length) lines.push('No sessions match.');
    for (const se of d.sessions) {
      const task = se.active_task ? ` · on ${se.active_task.code}` : '';
      const stale = se.stale ? paint('yellow', ` · silent ${formatSeconds(se.silent_seconds)}`) : '';
      lines.push(`${paint('bold', se.key)}  ${se.type} · ${se.status}${task} · ${formatSeconds(se.active_seconds)} · ${se.activity_count} activities · last ${se.last_activity_at.slice(0, 16).replace('T', ' ')}${stale}`);
    }
  }
  if (d.task) {
    lines.push(taskLine(d.task));
    if (d.task.depends?.length) lines.push(`  after ${d.task.depends.join(', ')}`);
    if (d.task.description) lines.push(`  ${d.task.description}`);
    if (d.task.summary) lines.push(`  summary: ${d.task.summary}`);
    for (const u of d.task.updates ?? []) lines.push(`  ${paint('dim', u.at.slice(11, 16))} ${u.text}`);
    if (raw.task.evidence?.length) lines.push(...evidenceLines(raw.task.evidence, paint));
  }
  if (d.reason) lines.push(paint('dim', d.reason));
  if (d.tasks) {
    if (!d.tasks.length) lines.push('No tasks match.');
    for (const t of d.tasks) lines.push(taskLine(t));
  }
  if (d.report?.tasks) {
    if (d.tree) lines.push(...planTree(d.tree, paint));
    for (const line of d.summary_lines ?? []) lines.push(line);
    for (const n of d.report.notes) lines.push(paint('dim', `  ${n}`));
  }
  if (d.files) {
    lines.push(...fileLines(d.files));
    // doctor answers success only when nothing is left wrong.
    lines.push(d.repaired ? `Repaired ${d.repaired} of ${d.damaged}: the home at ${d.home} is sound now.` : `The home at ${d.home} is sound.`);
  }
  if (envelope.command === 'init') lines.push(...initLines(d, raw, paint));

  const ins = envelope.instructions;
  if (ins) {
    for (const w of ins.validation_warnings) lines.push(`${paint('yellow', '!')} ${w}`);
    for (const a of ins.next_actions) lines.push(`${paint('cyan', '→')} ${a}`);
    if (ins.suggested_commands.length) lines.push(paint('dim', ins.suggested_commands.map((c) => `  ${c}`).join('\n')));
  }
  return { out: lines.length ? `${lines.join('\n')}\n` : '', err: '' };
}

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

/** A dry run's tree beyond this many tasks ends with a count: --json holds them all. */
const TREE_TASKS_SHOWN = 300;
const ACTION_MARK: Record<string, string> = { create: '+', update: '~', unchanged: '=' };

/**
 * What an import would make, as a tree: sprints, their phases and groups, and
 * tasks with their status, estimate and dependencies, each marked + (new),
 * ~ (changed) or = (as it is).
 */
function planTree(tree: { code: string; title: string; action: string; from: string; estimate?: string; tasks: TreeTask[] }[], paint: (style: Style, text: string) => string): string[] {
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

/** `forecast` in a few sentences: what is left, how estimates have run, when it ends, or why nothing is said. */
function forecastLines(d: Record<string, any>): string[] {
  const h = (n: number) => formatSeconds(n * 3600);
  const lines = [`${d.sprint_code ?? 'The plan'}: ${d.tasks_left} task(s) left, ${h(d.estimate_hours)} estimated${d.unestimated.length ? ` (${d.unestimated.length} without an estimate, left out)` : ''}.`];
  if (d.calibration_ratio !== null) {
    lines.push(`Estimates have run ${d.calibration_ratio}× (${d.calibration_range.low}–${d.calibration_range.high}×, over ${d.calibration_samples} finished tasks).`);
  }
  if (d.remaining_hours) lines.push(`Expected: ${h(d.remaining_hours.expected)} of work left (${h(d.remaining_hours.low)}–${h(d.remaining_hours.high)}).`);
  if (d.expected_finish) lines.push(`At ${h(d.hours_per_day)} a working day: done by ${d.expected_finish} (between ${d.earliest_finish} and ${d.latest_finish}).`);
  // Why no number is given (d.reason) is printed below, as for every command.
  return lines;
}

/** The report's last word: how estimates have run over every finished task, and per priority where known. */
function calibrationLine(c: { samples: number; overall: { ratio: number; p25: number; p75: number } | null; by_priority: Record<string, { ratio: number }> }): string {
  if (!c.overall) return `Calibration: ${c.samples} finished task(s) with an estimate and tracked time; ${MIN_SAMPLES} are needed.`;
  const per = Object.entries(c.by_priority).map(([p, s]) => `${p} ${s.ratio}×`);
  return `Calibration: tasks took ${c.overall.ratio}× their estimate (${c.overall.p25}–${c.overall.p75}×, ${c.samples} tasks)${per.length ? `; ${per.join(', ')}` : ''}.`;
}
