import { styleText } from 'node:util';
import type { Envelope } from '../commands/types.js';
import { formatEstimate, formatSeconds, type Estimate } from '../domain/duration.js';

type Style = Parameters<typeof styleText>[0];

/** Stored text may hold anything an agent sent; never let it drive the terminal. */
export function clean(text: unknown): string {
  return String(text ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
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

const STATUS_MARK: Record<string, string> = { pending: '○', in_progress: '◐', completed: '●', blocked: '⊘', cancelled: '×', planned: '○' };

export function renderHuman(envelope: Envelope, color: boolean): { out: string; err: string } {
  const paint = (style: Style, text: string) => (color ? styleText(style, text) : text);
  const lines: string[] = [];
  const d = envelope.data as Record<string, any>;

  const taskLine = (t: TaskLike) => {
    const time = t.actual_seconds > 0 ? `${formatSeconds(t.actual_seconds)} / ${formatEstimate(t.estimate)}` : formatEstimate(t.estimate);
    const flag = t.incomplete ? paint('yellow', ' (incomplete)') : '';
    return `${STATUS_MARK[t.status] ?? '·'} ${paint('bold', clean(t.code))}  ${clean(t.title)}  ${paint('dim', `${t.status} · ${t.priority ?? ''} · ${time}`)}${flag}`;
  };

  if (!envelope.success && envelope.error) {
    const err = [paint('red', `✗ ${clean(envelope.error.message)}`)];
    for (const e of envelope.instructions?.validation_errors ?? []) err.push(`  ${paint('red', '•')} ${clean(e)}`);
    for (const w of envelope.instructions?.validation_warnings ?? []) err.push(`  ${paint('yellow', '•')} ${clean(w)}`);
    for (const a of envelope.instructions?.required_actions ?? []) err.push(`  → ${clean(a)}`);
    return { out: '', err: `${err.join('\n')}\n` };
  }

  if (typeof d.content === 'string') return { out: d.content, err: '' };
  if (d.message) lines.push(clean(d.message));
  if (d.commands) {
    for (const c of d.commands) lines.push(`  ${paint('bold', c.name.padEnd(22))} ${c.summary}`);
    lines.push('', 'fragments help COMMAND shows one in full. Add --json for the envelope agents read.');
  }
  if (d.command?.usage) {
    lines.push(`${paint('bold', d.command.name)}${d.command.slash ? `  (${d.command.slash})` : ''}: ${d.command.summary}`, `Usage: ${d.command.usage}`);
    if (d.command.example) lines.push(`Example: ${d.command.example}`);
  }
  if (d.sprint) {
    const s = d.sprint;
    lines.push(`${paint('bold', clean(s.code))}  ${clean(s.title)}  ${paint('dim', `${s.status} · ${s.progress.completed}/${s.progress.total} done · ${formatEstimate(s.estimate)}`)}`);
    if (s.goal) lines.push(`  goal: ${clean(s.goal)}`);
    for (const t of s.tasks ?? []) lines.push(`  ${taskLine(t)}`);
  }
  if (d.sprints) {
    if (!d.sprints.length) lines.push('No sprints yet: `fragments import PLAN.md` or `fragments sprint:create`.');
    for (const s of d.sprints) lines.push(`${paint('bold', clean(s.code))}  ${clean(s.title)}  ${paint('dim', `${s.status} · ${s.progress.completed}/${s.progress.total} done`)}`);
  }
  if (d.task) {
    lines.push(taskLine(d.task));
    if (d.task.depends?.length) lines.push(`  after ${d.task.depends.join(', ')}`);
    if (d.task.description) lines.push(`  ${clean(d.task.description)}`);
    if (d.task.summary) lines.push(`  summary: ${clean(d.task.summary)}`);
    for (const u of d.task.updates ?? []) lines.push(`  ${paint('dim', u.at.slice(11, 16))} ${clean(u.text)}`);
  }
  if (d.reason) lines.push(paint('dim', clean(d.reason)));
  if (d.tasks) {
    if (!d.tasks.length) lines.push('No tasks match.');
    for (const t of d.tasks) lines.push(taskLine(t));
  }
  if (d.report?.tasks) {
    const r = d.report;
    lines.push(
      `Sprints: ${r.sprints.created.length} created, ${r.sprints.updated.length} updated, ${r.sprints.unchanged.length} unchanged.`,
      `Tasks: ${r.tasks.created.length} created, ${r.tasks.updated.length} updated, ${r.tasks.unchanged.length} unchanged.`,
    );
    for (const n of r.notes) lines.push(paint('dim', `  ${clean(n)}`));
  }
  if (d.files) {
    for (const f of d.files) {
      lines.push(`${f.ok ? paint('green', '✓') : paint('red', '✗')} ${f.file}${f.problem ? `: ${clean(f.problem)}` : ''}`);
      if (f.repair) lines.push(`  → ${clean(f.repair)}`);
    }
  }

  const ins = envelope.instructions;
  if (ins) {
    for (const w of ins.validation_warnings) lines.push(`${paint('yellow', '!')} ${clean(w)}`);
    for (const a of ins.next_actions) lines.push(`${paint('cyan', '→')} ${clean(a)}`);
    if (ins.suggested_commands.length) lines.push(paint('dim', ins.suggested_commands.map((c) => `  ${clean(c)}`).join('\n')));
  }
  return { out: lines.length ? `${lines.join('\n')}\n` : '', err: '' };
}
