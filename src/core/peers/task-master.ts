import type { Priority, TaskStatus } from '../../domain/plan.js';
import type { PlanInput, SprintInput, TaskInput } from '../../domain/plan-input.js';
import { isCode, slugCode } from '../plan-md/codes.js';
import { field, isRecord, text, type PeerRead } from './common.js';

/*
 * task-master's `.taskmaster/tasks/tasks.json`: tagged, `{ "master": { "tasks":
 * [...], "metadata": {...} }, "feature-x": {...} }`, each tag a sprint; or the
 * legacy `{ "tasks": [...] }`. A task's id is its code (`2`), a subtask's is
 * its parent's and its own (`2.1`); a number among a subtask's dependencies is
 * a sibling subtask, a string such as "2.1" names any task or subtask.
 */

const STATUS: Record<string, { status: TaskStatus; tag?: string }> = {
  pending: { status: 'pending' },
  done: { status: 'completed' },
  completed: { status: 'completed' },
  'in-progress': { status: 'in_progress' },
  in_progress: { status: 'in_progress' },
  review: { status: 'in_progress', tag: 'review' },
  deferred: { status: 'pending', tag: 'deferred' },
  cancelled: { status: 'cancelled' },
  blocked: { status: 'blocked' },
};
const PRIORITY: Record<string, Priority> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** Whether a parsed JSON document is task-master's: a list of tasks with ids and titles, at the top or under tags. */
export function isTaskMaster(raw: unknown): boolean {
  return tagsOf(raw) !== undefined;
}

function looksLikeTasks(list: unknown): boolean {
  return Array.isArray(list) && list.every((t) => isRecord(t) && ('id' in t) && typeof t.title === 'string');
}

function tagsOf(raw: unknown): [string, unknown[]][] | undefined {
  if (!isRecord(raw)) return undefined;
  if (looksLikeTasks(raw.tasks) && !('sprints' in raw)) return [['master', raw.tasks as unknown[]]];
  const tags = Object.entries(raw).filter(([, v]) => isRecord(v) && looksLikeTasks(v.tasks));
  return tags.length > 0 && tags.length === Object.keys(raw).length ? tags.map(([name, v]) => [name, (v as { tasks: unknown[] }).tasks]) : undefined;
}

export function readTaskMaster(raw: unknown): PeerRead {
  const warnings: string[] = [];
  const tags = tagsOf(raw) ?? [];
  // The master tag (or the only one) keeps the ids as they are; another tag's ids are the same numbers again, so they take its name.
  const plain = tags.length === 1 ? tags[0]![0] : 'master';
  const sprints = tags.map(([tag, tasks]): SprintInput => {
    const prefix = tag === plain ? '' : `${slugCode(tag, 40)}-`;
    const code = (id: string) => `${prefix}${id}`;
    const sprint: SprintInput = { code: isCode(tag) ? tag : slugCode(tag), title: tag, tasks: [] };
    for (const [i, rawTask] of tasks.entries()) {
      const id = String(field(rawTask, 'id'));
      const task = readTask(rawTask, code(id), `${tag}.tasks[${i}]`, warnings);
      if (!task) continue;
      task.depends = links(field(rawTask, 'dependencies'), (d) => code(String(d)));
      sprint.tasks.push(task);
      const subtasks = field(rawTask, 'subtasks');
      if (!Array.isArray(subtasks)) continue;
      for (const [j, rawSub] of subtasks.entries()) {
        const subId = String(field(rawSub, 'id'));
        const sub = readTask(rawSub, code(subId.includes('.') ? subId : `${id}.${subId}`), `${tag}.tasks[${i}].subtasks[${j}]`, warnings);
        if (!sub) continue;
        sub.parent = task.code;
        // A number is a sibling subtask (`1` in task 2 is 2.1); a string is any task's id as written.
        sub.depends = links(field(rawSub, 'dependencies'), (d) => code(typeof d === 'number' ? `${id}.${d}` : String(d)));
        sprint.tasks.push(sub);
      }
    }
    for (const task of sprint.tasks) if (task.depends?.length === 0) delete task.depends;
    return sprint;
  });
  const plan: PlanInput = { sprints };
  return { plan, warnings };
}

function readTask(raw: unknown, code: string, where: string, warnings: string[]): TaskInput | undefined {
  const title = text(field(raw, 'title'));
  if (!isCode(code) || !title) {
    warnings.push(`${where}: no usable id or title; left out`);
    return undefined;
  }
  const task: TaskInput = { code, title };
  const description = [
    text(field(raw, 'description')),
    labelled('Details', text(field(raw, 'details'))),
    labelled('Test strategy', text(field(raw, 'testStrategy'))),
    labelled('Acceptance criteria', text(field(raw, 'acceptanceCriteria'))),
  ].filter((p): p is string => !!p);
  if (description.length) task.description = description.join('\n\n');
  const status = text(field(raw, 'status'));
  if (status) {
    const known = STATUS[status.toLowerCase()];
    if (known) {
      task.status = known.status;
      if (known.tag) task.tags = [known.tag];
    } else warnings.push(`${where} (${code}): a status task-master does not define, read as pending`);
  }
  const priority = PRIORITY[(text(field(raw, 'priority')) ?? '').toLowerCase()];
  if (priority) task.priority = priority;
  return task;
}

function labelled(label: string, value: string | undefined): string | undefined {
  return value ? `${label}:\n${value}` : undefined;
}

function links(value: unknown, code: (d: string | number) => string): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((d): d is string | number => typeof d === 'string' || typeof d === 'number').map(code).filter(isCode);
}
