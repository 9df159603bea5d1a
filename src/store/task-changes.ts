import type { Task } from '../domain/plan.js';

/** Where each task starts in a list of tasks as JSON.stringify writes it: a task's first key is its code. */
const START = ',{"code":"';

/**
 * The tasks of a sprint as a command found them, kept as one text: a big
 * sprint is serialised in one native call to keep and one to compare, where
 * a text per task made a thousand calls each way and as many strings for the
 * collector. What changed is found from where the two texts stop agreeing.
 */
export class TaskTexts {
  private constructor(
    private readonly text: string,
    readonly codes: readonly string[],
  ) {}

  static of(tasks: readonly Task[]): TaskTexts {
    return new TaskTexts(JSON.stringify(tasks), tasks.map((t) => t.code));
  }

  /**
   * The same as `of(tasks)` for tasks as loaded, cut from `list`, the text of
   * the list as its file holds it, where the tasks in `loaded` (code as the
   * task has it → text; changed by entries since) differ from it. A list that is
   * not as Fragments writes it (an edit by hand) is serialised whole.
   */
  static fromFile(list: string, tasks: readonly Task[], loaded: ReadonlyMap<string, string>): TaskTexts {
    if (!list.startsWith('[') || !list.endsWith(']') || tasks.length === 0) return TaskTexts.of(tasks);
    const cuts: [number, number, string][] = [];
    for (const [code, text] of loaded) {
      const span = taskSpan(list, code);
      if (!span) return TaskTexts.of(tasks);
      cuts.push([span[0], span[1], text]);
    }
    cuts.sort((a, b) => a[0] - b[0]);
    let text = '';
    let from = 0;
    for (const [at, end, task] of cuts) {
      text += list.slice(from, at) + task;
      from = end;
    }
    return new TaskTexts(text + list.slice(from), tasks.map((t) => t.code));
  }

  /**
   * The tasks of `tasks` that differ from what was kept, each with what it
   * was, and `tasks` kept as they are now; null when the list itself changed
   * (a task added, removed or moved), or when the change cannot be placed for
   * certain: the caller then treats every task as changed.
   */
  changes(tasks: readonly Task[]): { changed: { task: Task; before: Task }[]; now: TaskTexts } | null {
    if (tasks.length !== this.codes.length || tasks.some((t, i) => t.code !== this.codes[i])) return null;
    const after = JSON.stringify(tasks);
    const before = this.text;
    const now = new TaskTexts(after, this.codes);
    if (after === before) return { changed: [], now };
    const head = commonPrefix(before, after);
    const tail = commonSuffix(before, after, head);
    // The run of whole tasks that holds every changed character, the same tasks in both texts.
    const start = after.lastIndexOf(START, head - 1) + 1 || 1;
    const endAfter = runEnd(after, after.length - tail);
    const endBefore = endAfter - after.length + before.length;
    const ran = parseRun(after.slice(start, endAfter));
    const was = parseRun(before.slice(start, endBefore));
    if (!ran || !was || ran.length !== was.length) return null;
    const first = this.codes.indexOf(ran[0]!.code);
    if (first < 0) return null;
    const found: { task: Task; before: Task }[] = [];
    for (const [i, old] of was.entries()) {
      const task = tasks[first + i];
      if (!task || task.code !== ran[i]!.code || old.code !== task.code) return null;
      if (JSON.stringify(old) !== JSON.stringify(task)) found.push({ task, before: old });
    }
    // The run must be exactly those tasks as written, else it was not cut at their edges.
    if (JSON.stringify(tasks.slice(first, first + ran.length)) !== `[${after.slice(start, endAfter)}]`) return null;
    return { changed: found, now };
  }

  /** The tasks of `tasks` that are new or differ from what was kept, however the list changed: one pass over every task. */
  differing(tasks: readonly Task[]): Task[] {
    const was = new Map((JSON.parse(this.text) as Task[]).map((t) => [t.code, JSON.stringify(t)]));
    return tasks.filter((t) => was.get(t.code) !== JSON.stringify(t));
  }
}

/**
 * Where task `code` is in `list`, the text of a list of tasks as
 * JSON.stringify writes it: [start, end) of its text, or null when it is not
 * found where a task starts.
 */
export function taskSpan(list: string, code: string): [number, number] | null {
  const at = list.indexOf(`${START.slice(1)}${JSON.stringify(code).slice(1)},`);
  if (at < 1 || (list[at - 1] !== ',' && list[at - 1] !== '[')) return null;
  const next = list.indexOf(START, at);
  return [at, next < 0 ? list.length - 1 : next];
}

/** Where the task holding position `at` (or the one before it) ends: at the next task's start, or at the list's end. */
function runEnd(text: string, at: number): number {
  const next = text.indexOf(START, Math.max(at - START.length + 1, 1));
  return next < 0 ? text.length - 1 : next;
}

function parseRun(run: string): Task[] | null {
  try {
    const tasks = JSON.parse(`[${run}]`) as Task[];
    return tasks.length > 0 ? tasks : null;
  } catch {
    return null;
  }
}

const CHUNK = 4096;

/** Length of the longest common prefix: chunk by chunk (each one native comparison), then by halving within the chunk that differs. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let low = 0;
  while (low + CHUNK <= max && a.slice(low, low + CHUNK) === b.slice(low, low + CHUNK)) low += CHUNK;
  let high = Math.min(low + CHUNK, max);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (a.slice(low, mid) === b.slice(low, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Length of the longest common suffix that does not reach into the first `head` characters of either, found as the prefix is. */
function commonSuffix(a: string, b: string, head: number): number {
  const max = Math.min(a.length, b.length) - head;
  const end = (s: string, from: number, to: number) => s.slice(s.length - to, s.length - from);
  let low = 0;
  while (low + CHUNK <= max && end(a, low, low + CHUNK) === end(b, low, low + CHUNK)) low += CHUNK;
  let high = Math.min(low + CHUNK, max);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (end(a, low, mid) === end(b, low, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}
