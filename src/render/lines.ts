import type { styleText } from 'node:util';
import type { Activity } from '../domain/activity.js';
import { formatEstimate, formatSeconds, type Estimate } from '../domain/duration.js';
import type { GitContext } from '../domain/git.js';
import { printable } from '../domain/printable.js';

/*
 * The lines the human rendering is made of, one kind of thing each: a task,
 * a sprint, a session, git, a check's evidence. Every text reaching these
 * has been made printable already (see human.ts), except where a line says
 * it reads the answer as given.
 */

export type Style = Parameters<typeof styleText>[0];
export type Paint = (style: Style, text: string) => string;

export const STATUS_MARK: Record<string, string> = { pending: '○', in_progress: '◐', completed: '●', blocked: '⊘', cancelled: '×', planned: '○' };

export interface TaskLike {
  code: string;
  title: string;
  status: string;
  priority?: string;
  estimate: Estimate | null;
  actual_seconds: number;
  incomplete?: boolean;
  depends?: string[];
  description?: string | null;
  summary?: string | null;
  updates?: { at: string; text: string }[];
  evidence?: EvidenceLike[];
}

export interface EvidenceLike {
  command: string;
  exit_code: number | null;
  seconds: number;
  at: string;
  timed_out: boolean;
  output_tail?: string;
}

export function taskLine(t: TaskLike, paint: Paint): string {
  const time = t.actual_seconds > 0 ? `${formatSeconds(t.actual_seconds)} / ${formatEstimate(t.estimate)}` : formatEstimate(t.estimate);
  const flag = t.incomplete ? paint('yellow', ' (incomplete)') : '';
  return `${STATUS_MARK[t.status] ?? '·'} ${paint('bold', t.code)}  ${t.title}  ${paint('dim', `${t.status} · ${t.priority ?? ''} · ${time}`)}${flag}`;
}

/** A task with what is recorded on it; `raw` is the same task as given, whose evidence keeps its line breaks. */
export function taskLines(t: TaskLike, raw: TaskLike, paint: Paint): string[] {
  const lines = [taskLine(t, paint)];
  if (t.depends?.length) lines.push(`  after ${t.depends.join(', ')}`);
  if (t.description) lines.push(`  ${t.description}`);
  if (t.summary) lines.push(`  summary: ${t.summary}`);
  for (const u of t.updates ?? []) lines.push(`  ${paint('dim', u.at.slice(11, 16))} ${u.text}`);
  if (raw.evidence?.length) lines.push(...evidenceLines(raw.evidence, paint));
  return lines;
}

interface SprintLike {
  code: string;
  title: string;
  status: string;
  goal: string | null;
  estimate: Estimate | null;
  progress: { completed: number; total: number };
  tasks?: TaskLike[];
}

export function sprintLines(s: SprintLike, paint: Paint): string[] {
  const lines = [`${paint('bold', s.code)}  ${s.title}  ${paint('dim', `${s.status} · ${s.progress.completed}/${s.progress.total} done · ${formatEstimate(s.estimate)}`)}`];
  if (s.goal) lines.push(`  goal: ${s.goal}`);
  for (const t of s.tasks ?? []) lines.push(`  ${taskLine(t, paint)}`);
  return lines;
}

export function sprintListLines(sprints: SprintLike[], paint: Paint): string[] {
  if (!sprints.length) return ['No sprints yet: `fragments import PLAN.md` or `fragments sprint:create`.'];
  return sprints.map((s) => `${paint('bold', s.code)}  ${s.title}  ${paint('dim', `${s.status} · ${s.progress.completed}/${s.progress.total} done`)}`);
}

export function taskListLines(tasks: TaskLike[], paint: Paint): string[] {
  return tasks.length ? tasks.map((t) => taskLine(t, paint)) : ['No tasks match.'];
}

/** The plan as a board: each sprint, then its tasks with what holds each back. */
export function taskBoardLines(sprints: { code: string | null; title: string; status: string; tasks: (TaskLike & { waiting_on: string[]; block_reason: string | null })[] }[], paint: Paint): string[] {
  if (sprints.length === 0) return ['No plan yet.'];
  return sprints.flatMap((s) => [
    `${paint('bold', s.code ? `${s.code}  ${s.title}` : s.title)}  ${paint('dim', s.status)}`,
    ...s.tasks.map((t) => `  ${taskLine(t, paint)}${blockers(t, paint)}`),
  ]);
}

/** What holds a task back, as the end of its line: ` · waits on T-1, T-2 · blocked: reason`. */
export function blockers(t: { waiting_on: string[]; block_reason: string | null }, paint: Paint): string {
  const waits = t.waiting_on.length ? ` · waits on ${t.waiting_on.join(', ')}` : '';
  const blocked = t.block_reason ? ` · blocked: ${t.block_reason}` : '';
  return paint('yellow', waits + blocked);
}

export const sessionLine = (se: { key: string; type: string; status: string; active_seconds: number }, paint: Paint, resumed = false) =>
  `${paint('bold', se.key)} · ${se.type} · ${se.status} · ${formatSeconds(se.active_seconds)} active${resumed ? ' · resumed' : ''}`;

export const contextLine = (stack: { code: string | null }[]) => `Context: ${['project', ...stack.slice(1).map((f) => f.code)].join(' > ')}`;

export interface ActiveTaskLike {
  code: string;
  title: string;
  actual_seconds?: number;
  estimate?: Estimate | null;
  last_update?: { text: string } | null;
  evidence?: EvidenceLike[];
}

/** `Active: T-1 Title  1h / 2h`, its last update, and its newest check. */
export function activeTaskLines(t: ActiveTaskLike, raw: ActiveTaskLike, paint: Paint): string[] {
  const lines = [`Active: ${paint('bold', t.code)} ${t.title ?? ''}${t.actual_seconds !== undefined ? `  ${formatSeconds(t.actual_seconds)} / ${formatEstimate(t.estimate ?? null)}` : ''}`];
  if (t.last_update) lines.push(`  last update: ${t.last_update.text}`);
  if (raw.evidence?.length) lines.push(...evidenceLines(raw.evidence.slice(-1), paint));
  return lines;
}

export function gitLines(g: GitContext): string[] {
  const since = g.started_at_commit !== null || g.commits_since.length ? ` · ${g.commits_since.length} commit(s) since the task started` : '';
  const lines = [`git: ${g.branch ?? 'detached'} @ ${g.head ? g.head.slice(0, 7) : 'no commit yet'}${since} · ${g.dirty_files.length} file(s) uncommitted`];
  for (const c of g.commits_since.slice(0, 5)) lines.push(`  ${c.sha.slice(0, 7)} ${c.subject}`);
  return lines;
}

export const activityLines = (activities: Activity[], paint: Paint) =>
  activities.map((a) => `${paint('dim', a.at.slice(11, 16))} ${a.command}${a.text ? ` ${a.text}` : ''}${a.task ? paint('dim', ` [${a.task}]`) : ''}`);

/** How many lines of a failed check's output the human rendering shows; the rest is in --json. */
const TAIL_LINES = 8;

const verdict = (e: EvidenceLike) => (e.exit_code === 0 ? 'passed' : e.timed_out ? 'was stopped at the time limit' : e.exit_code === null ? 'could not run' : `exited ${e.exit_code}`);

/** "`npm test` passed · 12s · 2026-11-25 18:40", and under the newest failure, the end of its output; read as given, each line made printable. */
export function evidenceLines(list: EvidenceLike[], paint: Paint): string[] {
  return list.flatMap((e, i) => {
    const mark = e.exit_code === 0 ? paint('green', '✓') : paint('red', '✗');
    const line = `  ${mark} check \`${printable(e.command)}\` ${verdict(e)} · ${e.seconds}s · ${printable(e.at).slice(0, 16).replace('T', ' ')}`;
    if (e.exit_code === 0 || i !== list.length - 1 || !e.output_tail) return [line];
    const tail = e.output_tail.replace(/\n+$/, '').split('\n').slice(-TAIL_LINES);
    return [line, ...tail.map((l) => paint('dim', `    │ ${printable(l)}`))];
  });
}

/** doctor's file list: it says what was repaired even when something was not. */
export const fileLines = (files: { file: string; ok: boolean; absent?: boolean; problem?: string; repair?: string }[], paint: Paint) =>
  files.flatMap((f) => [
    f.absent ? paint('dim', `· ${f.file}: none`) : `${f.ok ? paint('green', '✓') : paint('red', '✗')} ${f.file}${f.problem ? `: ${f.problem}` : ''}`,
    ...(f.repair ? [`  → ${f.repair}`] : []),
  ]);
