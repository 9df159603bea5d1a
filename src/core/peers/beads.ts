import type { Priority, TaskStatus } from '../../domain/plan.js';
import type { SprintInput, TaskInput } from '../../domain/plan-input.js';
import { isCode } from '../plan-md/codes.js';
import { field, isRecord, text, type PeerRead } from './common.js';

/*
 * beads' `.beads/issues.jsonl`: one issue a line, `{"id":"bd-2","title":…,
 * "status":"open","priority":1,"issue_type":"task","dependencies":[{"issue_id":
 * "bd-2","depends_on_id":"bd-1","type":"blocks"}]}`. Priority 0 is the most
 * urgent. An epic is a group: its children (`parent-child`) are its tasks, and
 * waiting for an epic is waiting for all of them. Messages, agents and other
 * records that are not work are passed over.
 */

const STATUS: Record<string, TaskStatus> = {
  open: 'pending',
  in_progress: 'in_progress',
  hooked: 'in_progress',
  blocked: 'blocked',
  deferred: 'pending',
  closed: 'completed',
};
const PRIORITY: Priority[] = ['critical', 'high', 'medium', 'low', 'low'];
const WORK = new Set(['task', 'bug', 'feature', 'chore', 'epic', 'decision', '']);

export interface Issue {
  line: number;
  raw: Record<string, unknown>;
}

/** Whether a text is JSON Lines of issues: every line that says anything an object with an id and a title. */
export function isBeads(source: string): boolean {
  const lines = source.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0 || !lines[0]!.trimStart().startsWith('{')) return false;
  try {
    const first = JSON.parse(lines[0]!) as unknown;
    return isRecord(first) && typeof first.id === 'string' && typeof first.title === 'string' && ('status' in first || 'issue_type' in first);
  } catch {
    return false;
  }
}

/** Parses the lines; a line that is not JSON is warned about by number (never quoted) and left out. */
export function issuesOf(source: string, warnings: string[]): Issue[] {
  const issues: Issue[] = [];
  source.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const raw = JSON.parse(line) as unknown;
      if (isRecord(raw)) issues.push({ line: i + 1, raw });
      else warnings.push(`line ${i + 1}: not an issue (a JSON object); left out`);
    } catch {
      warnings.push(`line ${i + 1}: not valid JSON; left out`);
    }
  });
  return issues;
}

export function readBeads(source: string, sprint: { code: string; title: string }): PeerRead {
  const warnings: string[] = [];
  const issues = issuesOf(source, warnings);
  const byId = new Map<string, Issue>();
  for (const issue of issues) {
    const id = field(issue.raw, 'id');
    if (typeof id === 'string') byId.set(id, issue);
  }
  const parentOf = (issue: Issue): string | undefined => {
    const deps = field(issue.raw, 'dependencies');
    const link = Array.isArray(deps) ? deps.find((d) => field(d, 'type') === 'parent-child' && field(d, 'issue_id') === field(issue.raw, 'id')) : undefined;
    return text(field(link, 'depends_on_id')) ?? text(field(issue.raw, 'parent'));
  };
  const isEpic = (id: string | undefined) => id !== undefined && text(field(byId.get(id)?.raw, 'issue_type')) === 'epic';
  /** The epic a task is in: the nearest epic up its parents. */
  const epicOf = (issue: Issue): string | undefined => {
    const seen = new Set<string>();
    for (let parent = parentOf(issue); parent !== undefined && !seen.has(parent); parent = byId.get(parent) ? parentOf(byId.get(parent)!) : undefined) {
      if (isEpic(parent)) return parent;
      seen.add(parent);
    }
    return undefined;
  };
  const children = new Map<string, string[]>();
  const tasks: TaskInput[] = [];
  for (const issue of issues) {
    const id = text(field(issue.raw, 'id'));
    const title = text(field(issue.raw, 'title'));
    const type = text(field(issue.raw, 'issue_type')) ?? '';
    const status = text(field(issue.raw, 'status')) ?? 'open';
    if (!id || !title || !isCode(id)) {
      warnings.push(`line ${issue.line}: no usable id or title; left out`);
      continue;
    }
    if (status === 'tombstone' || !WORK.has(type) || field(issue.raw, 'ephemeral') === true) continue;
    const epic = epicOf(issue);
    if (epic) children.set(epic, [...(children.get(epic) ?? []), id]);
    if (type === 'epic') continue;
    const task: TaskInput = { code: id, title };
    const description = [
      text(field(issue.raw, 'description')),
      labelled('Design', field(issue.raw, 'design')),
      labelled('Acceptance criteria', field(issue.raw, 'acceptance_criteria')),
      labelled('Notes', field(issue.raw, 'notes')),
    ].filter((p): p is string => !!p);
    if (description.length) task.description = description.join('\n\n');
    task.status = STATUS[status] ?? 'pending';
    if (!(status in STATUS)) warnings.push(`line ${issue.line} (${id}): a status beads does not define, read as pending`);
    const priority = field(issue.raw, 'priority');
    if (typeof priority === 'number' && PRIORITY[priority]) task.priority = PRIORITY[priority];
    const minutes = field(issue.raw, 'estimated_minutes');
    if (typeof minutes === 'number' && minutes > 0) task.estimate = `${minutes}m`;
    const labels = field(issue.raw, 'labels');
    const tags = [...(Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string') : []), ...(type && type !== 'task' ? [type] : [])];
    if (tags.length) task.tags = tags;
    if (epic) task.group = text(field(byId.get(epic)?.raw, 'title')) ?? epic;
    const parent = parentOf(issue);
    if (parent && !isEpic(parent) && byId.has(parent)) task.parent = parent;
    const deps = field(issue.raw, 'dependencies');
    task.depends = Array.isArray(deps)
      ? deps.filter((d) => field(d, 'type') === 'blocks' && field(d, 'issue_id') === id).map((d) => text(field(d, 'depends_on_id'))).filter((d): d is string => d !== undefined)
      : [];
    tasks.push(task);
  }
  const inEpic = (epic: string, seen = new Set<string>()): string[] => {
    if (seen.has(epic)) return [];
    seen.add(epic);
    return (children.get(epic) ?? []).flatMap((c) => (isEpic(c) ? inEpic(c, seen) : [c]));
  };
  for (const task of tasks) {
    // Waiting for an epic is waiting for every task in it.
    const depends = task.depends!.flatMap((d) => (isEpic(d) ? inEpic(d) : byId.has(d) ? [d] : []));
    const missing = task.depends!.filter((d) => !byId.has(d));
    if (missing.length) warnings.push(`${task.code}: depends on ${missing.join(', ')}, not in this file; left out`);
    if (depends.length) task.depends = [...new Set(depends)];
    else delete task.depends;
  }
  const input: SprintInput = { code: sprint.code, title: sprint.title, tasks };
  return { plan: { sprints: [input] }, warnings };
}

function labelled(label: string, value: unknown): string | undefined {
  const t = text(value);
  return t ? `${label}:\n${t}` : undefined;
}
