import { parse } from 'yaml';
import type { Priority, TaskStatus } from '../../domain/plan.js';
import type { SprintInput, TaskInput } from '../../domain/plan-input.js';
import { isCode, slugCode } from '../plan-md/codes.js';
import { field, isRecord, text, type PeerRead } from './common.js';

/*
 * A Backlog.md folder: `backlog/tasks/*.md` (and `completed/`, `archive/tasks/`),
 * each task a Markdown file with YAML front matter (id, title, status,
 * assignee, labels, milestone, dependencies, priority, parent_task_id) and a
 * body of sections (Description, Acceptance Criteria, Implementation Plan…).
 * Milestones (`backlog/milestones/*.md`) are sprints; tasks in none go to one
 * sprint of the backlog. Statuses are the project's own words (config.yml).
 */

export interface BacklogFile {
  /** Where it lies under the backlog folder: `tasks/task-1 - Title.md`, `completed/…`, `milestones/…`. */
  path: string;
  text: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const PRIORITY: Record<string, Priority> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** The front matter and body of a Backlog.md file, or undefined when it has none that parses. */
export function frontMatter(source: string): { data: Record<string, unknown>; body: string } | undefined {
  const m = FRONT_MATTER.exec(source);
  if (!m) return undefined;
  const body = source.slice(m[0].length);
  for (const yaml of [m[1]!, quoteHandles(m[1]!)]) {
    try {
      const data = parse(yaml) as unknown;
      if (isRecord(data)) return { data, body };
    } catch {
      // Backlog.md writes `assignee: @name` unquoted, which YAML reserves: quoted, it parses.
    }
  }
  return undefined;
}

function quoteHandles(yaml: string): string {
  return yaml.replace(/^(\s*(?:assignee|reporter)\s*:\s*)(@[^\s#,[\]]+)\s*$/gm, '$1"$2"').replace(/([[,]\s*)(@[^\s,\]]+)/g, '$1"$2"');
}

/** Whether a Markdown file is a Backlog.md task: front matter with an id and a title. */
export function isBacklogTask(source: string): boolean {
  const fm = frontMatter(source);
  return fm !== undefined && text(fm.data.id) !== undefined && text(fm.data.title) !== undefined;
}

function statusOf(word: string | undefined, folder: string, statuses: string[]): TaskStatus {
  const w = (word ?? '').toLowerCase().replace(/[-_]/g, ' ').trim();
  if (folder === 'completed' || /^(?:done|completed?|closed)$/.test(w)) return 'completed';
  if (/^(?:won'?t do|wont do|cancell?ed|rejected|obsolete)$/.test(w)) return 'cancelled';
  if (/^(?:in progress|doing|wip|in review|review)$/.test(w)) return 'in_progress';
  if (w === 'blocked') return 'blocked';
  if (folder === 'archive') return 'cancelled';
  // The project's own last status is its done column.
  if (statuses.length > 1 && w === statuses.at(-1)!.toLowerCase()) return 'completed';
  return 'pending';
}

/** The body's sections worth keeping as the description: Description and Acceptance Criteria, their marker comments taken out. */
function descriptionOf(body: string): string | undefined {
  const sections = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of body.split('\n')) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading) {
      current = heading[1]!.toLowerCase();
      if (!sections.has(current)) sections.set(current, []);
      continue;
    }
    if (current !== undefined && !/^\s*<!--.*-->\s*$/.test(line)) sections.get(current)!.push(line);
  }
  const part = (name: string, label?: string) => {
    const lines = sections.get(name);
    const t = lines?.join('\n').trim();
    return t ? (label ? `${label}:\n${t}` : t) : undefined;
  };
  const kept = [part('description'), part('acceptance criteria', 'Acceptance criteria')].filter((p): p is string => !!p);
  if (kept.length === 0 && !sections.size) return text(body);
  return kept.length ? kept.join('\n\n') : undefined;
}

/** The id a file's name gives (`task-12 - Title.md` → task-12), for a file whose front matter has none. */
function idFromName(path: string): string | undefined {
  const name = path.split('/').at(-1) ?? '';
  return /^([A-Za-z]+-[\d.]+)\s/.exec(name)?.[1];
}

export function readBacklog(files: BacklogFile[], configText: string | undefined): PeerRead {
  const warnings: string[] = [];
  let statuses: string[] = [];
  if (configText) {
    try {
      const config = parse(configText) as unknown;
      const list = field(config, 'statuses');
      if (Array.isArray(list)) statuses = list.filter((s): s is string => typeof s === 'string');
    } catch {
      warnings.push('config.yml is not valid YAML; statuses read by their usual names');
    }
  }
  const milestones = new Map<string, { code: string; title: string }>();
  for (const file of files.filter((f) => /(?:^|\/)milestones\//.test(f.path))) {
    const fm = frontMatter(file.text);
    const id = text(fm?.data.id);
    const title = text(fm?.data.title) ?? id;
    if (!id || !title) continue;
    const milestone = { code: isCode(id) ? id : slugCode(id), title };
    milestones.set(id.toLowerCase(), milestone);
    milestones.set(title.toLowerCase(), milestone);
  }
  const sprints = new Map<string, SprintInput>();
  const sprintFor = (milestone: string | undefined): SprintInput => {
    const known = milestone === undefined ? undefined : milestones.get(milestone.toLowerCase());
    const code = known?.code ?? (milestone ? slugCode(milestone) : 'BACKLOG');
    let sprint = sprints.get(code.toLowerCase());
    if (!sprint) {
      sprint = { code, title: known?.title ?? milestone ?? 'Backlog', tasks: [] };
      sprints.set(code.toLowerCase(), sprint);
    }
    return sprint;
  };
  const seen = new Set<string>();
  for (const file of files) {
    const folder = /^(tasks|completed|archive\/tasks)\//.exec(file.path)?.[1]?.replace('/tasks', '');
    if (!folder) continue;
    const fm = frontMatter(file.text);
    if (!fm) {
      warnings.push(`${file.path}: no front matter that parses as YAML; left out`);
      continue;
    }
    const id = text(fm.data.id) ?? idFromName(file.path);
    const title = text(fm.data.title);
    if (!id || !title || !isCode(id)) {
      warnings.push(`${file.path}: no usable id or title; left out`);
      continue;
    }
    // A task both in tasks/ and archived keeps its live copy, which comes first.
    if (seen.has(id.toLowerCase())) continue;
    seen.add(id.toLowerCase());
    const task: TaskInput = { code: id, title, status: statusOf(text(fm.data.status), folder, statuses) };
    const description = descriptionOf(fm.body);
    if (description) task.description = description;
    const priority = PRIORITY[(text(fm.data.priority) ?? '').toLowerCase()];
    if (priority) task.priority = priority;
    const labels = fm.data.labels;
    if (Array.isArray(labels)) {
      const tags = labels.map((l) => text(l)).filter((l): l is string => l !== undefined);
      if (tags.length) task.tags = tags;
    }
    const deps = fm.data.dependencies;
    const depends = (Array.isArray(deps) ? deps : typeof deps === 'string' ? deps.split(',') : []).map((d) => text(d)).filter((d): d is string => d !== undefined && isCode(d));
    if (depends.length) task.depends = depends;
    const parent = text(fm.data.parent_task_id) ?? text(fm.data.parent);
    if (parent && isCode(parent)) task.parent = parent;
    sprintFor(text(fm.data.milestone)).tasks.push(task);
  }
  // Links to tasks the folder does not hold (deleted, or in a draft) are left out by the import, with a warning each.
  return { plan: { sprints: [...sprints.values()] }, warnings };
}

/** Files in the order the reader takes them: live tasks before completed ones before the archive. */
export function backlogOrder(a: BacklogFile, b: BacklogFile): number {
  const rank = (p: string) => (p.startsWith('tasks/') ? 0 : p.startsWith('completed/') ? 1 : p.startsWith('archive/') ? 2 : 3);
  return rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
