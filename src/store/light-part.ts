import { ROW_FIELDS, TASK_FIELDS, rowOf, type PlanPart, type Task, type TaskRow } from '../domain/plan.js';
import { TaskTexts, taskSpan } from './task-changes.js';

/** A sprint of this many tasks or more is written with rows (domain/plan.ts), so that a command about a few of them reads those alone. */
export const ROWS_FROM = 100;

/** Tasks read one by one before the rest are read at once: past this, one parse of the list costs less than finding each. */
const ALONE = 8;

/** A sprint file's text as Fragments writes it (version 3), taken apart: the text of its list of tasks and of its rows. */
export function layoutOf(text: string): { sprint: string | null; list: string; rows: string | null } | null {
  const prefix = '{"schema_version":3,"sprint":';
  const tasksAt = text.indexOf(',"tasks":[');
  if (!text.startsWith(prefix) || tasksAt < 0 || !text.endsWith('}\n')) return null;
  let sprint: unknown;
  try {
    sprint = JSON.parse(text.slice(prefix.length, tasksAt));
  } catch {
    return null;
  }
  if (typeof sprint !== 'string' && sprint !== null) return null;
  const start = tasksAt + ',"tasks":'.length;
  // Rows come last, and a task has no key of that name: the last `],"rows":[` is where the list ends.
  const rowsAt = text.lastIndexOf('],"rows":[');
  if (rowsAt < start) return { sprint, list: text.slice(start, -2), rows: null };
  return { sprint, list: text.slice(start, rowsAt + 1), rows: text.slice(rowsAt + '],"rows":'.length, -2) };
}

/**
 * A sprint file's value without its rows, which only its check reads: the
 * rows of a big plan cost a fifth of reading it. The list is parsed where it
 * lies in the text, with no copy of it made.
 */
export function withoutRows(text: string): unknown {
  const layout = layoutOf(text);
  if (layout?.rows) {
    try {
      return { schema_version: 3, sprint: layout.sprint, tasks: JSON.parse(layout.list) as unknown };
    } catch {
      // Not as Fragments writes it: read whole, below.
    }
  }
  return JSON.parse(text);
}

/** A sprint file's text for `part`: rows after the tasks once the sprint is big enough to be read in part. */
export function partText(part: PlanPart): string {
  const body = JSON.stringify({ schema_version: 3, sprint: part.sprint, tasks: part.tasks });
  if (part.tasks.length < ROWS_FROM) return `${body}\n`;
  return `${body.slice(0, -1)},"rows":${JSON.stringify(part.tasks.map(rowOf))}}\n`;
}

/**
 * A big sprint's tasks read in part: each task is a stand-in holding the
 * fields of its row (status, dependencies, priority…), and read from the
 * file's text in full the first time anything else of it is asked or
 * anything of it is changed. So a command about one task of a thousand
 * parses its rows and that task, and the rules over the sprint (progress,
 * the next task) read rows; a command that goes on to read many of its tasks
 * gets the whole list parsed once. The stand-ins forward to plain task
 * objects, which the whole read puts in the list in their place.
 */
export class LightPart {
  readonly value: PlanPart;
  /** The plain objects the stand-ins forward to: a row's fields until read, then the task. */
  private readonly targets: Task[];
  /** Each task's text as loaded, once read: what a change is told from. */
  private readonly before: (string | null)[];
  private alone = 0;
  private snapshot: TaskTexts | null = null;

  private constructor(
    private readonly list: string,
    sprint: string | null,
    rows: TaskRow[],
  ) {
    const proto = rest();
    const handler = this.handler();
    this.targets = [];
    this.before = [];
    const stand: Task[] = [];
    rows.forEach(([code, status, priority, created_at, depends, parent, sprintOf], i) => {
      // Named fields, set in one order: a thousand targets share one shape.
      const target = Object.create(proto) as Record<PropertyKey, unknown>;
      target.code = code;
      target.status = status;
      target.priority = priority;
      target.created_at = created_at;
      target.depends = depends;
      target.parent = parent;
      target.sprint = sprintOf;
      target[PART] = this;
      target[AT] = i;
      this.targets.push(target as unknown as Task);
      this.before.push(null);
      stand.push(new Proxy(target as unknown as Task, handler));
    });
    this.value = { schema_version: 3, sprint, tasks: stand };
  }

  /** The light value of a sprint file's text, or null when the text has no rows to read it by. */
  static of(text: string): LightPart | null {
    const layout = layoutOf(text);
    if (!layout?.rows) return null;
    let rows: unknown;
    try {
      rows = JSON.parse(layout.rows);
    } catch {
      return null;
    }
    if (!Array.isArray(rows)) return null;
    return new LightPart(layout.list, layout.sprint, rows as TaskRow[]);
  }

  /** Whether every task has been read and the list holds plain tasks. */
  get whole(): boolean {
    return this.snapshot !== null;
  }

  /** After entries kept since the file was written are applied: the tasks they touched count as loaded as they now are. */
  settle(): void {
    // Entries for many tasks had the whole list read on the way, before all of them were applied.
    if (this.snapshot) this.snapshot = TaskTexts.of(this.value.tasks);
    else this.before.forEach((text, i) => text !== null && (this.before[i] = JSON.stringify(this.targets[i])));
  }

  /** Reads task `i` in full, from its own text or, past a few, with the whole list. */
  fill(i: number): void {
    const target = this.targets[i]!;
    const span = ++this.alone <= ALONE ? taskSpan(this.list, target.code) : null;
    const task = span ? parseTask(this.list.slice(span[0], span[1])) : null;
    if (!span || !task || task.code !== target.code) {
      this.readAll();
      return;
    }
    become(target, task);
    this.before[i] = this.list.slice(span[0], span[1]);
  }

  /** Every task read, the list holding plain tasks; the texts as loaded, for telling what a command changed. */
  readAll(): TaskTexts {
    if (this.snapshot) return this.snapshot;
    const tasks = JSON.parse(this.list) as Task[];
    if (tasks.length !== this.targets.length) throw new Error(`A sprint file's rows (${this.targets.length}) do not match its tasks (${tasks.length}).`);
    const loaded = new Map<string, string>();
    this.targets.forEach((target, i) => {
      if (isRow(target)) become(target, tasks[i]!);
      else if (this.before[i] !== null) loaded.set(target.code, this.before[i]!);
    });
    this.snapshot = TaskTexts.fromFile(this.list, this.targets, loaded);
    this.value.tasks = this.targets;
    return this.snapshot;
  }

  /** The tasks a command changed, each with what it was; only tasks read in full can have changed. */
  changes(): { task: Task; before: Task }[] {
    const changed: { task: Task; before: Task }[] = [];
    this.before.forEach((was, i) => {
      const task = this.targets[i]!;
      if (was !== null && JSON.stringify(task) !== was) changed.push({ task, before: JSON.parse(was) as Task });
    });
    return changed;
  }

  /**
   * The stand-ins' handler, one for the sprint: it has no `get`, so a read of
   * a row field goes to the target and one of another field to the
   * prototype's getter; listing, testing or changing fields reads the task first.
   */
  private handler(): ProxyHandler<Task> {
    const read = (target: Task) => {
      if (isRow(target)) this.fill((target as unknown as { [AT]: number })[AT]);
    };
    return {
      set: (target, key, value) => (read(target), Reflect.set(target, key, value)),
      has: (target, key) => (read(target), Reflect.has(target, key)),
      ownKeys: (target) => (read(target), Reflect.ownKeys(target)),
      getOwnPropertyDescriptor: (target, key) => (read(target), Reflect.getOwnPropertyDescriptor(target, key)),
      defineProperty: (target, key, descriptor) => (read(target), Reflect.defineProperty(target, key, descriptor)),
      deleteProperty: (target, key) => (read(target), Reflect.deleteProperty(target, key)),
    };
  }
}

/**
 * Where a target keeps its sprint and its place in it until its task is read,
 * for the prototype's getters (called on the stand-in). Nothing lists them:
 * every listing of a stand-in's fields reads the task first, which takes them away.
 */
const PART = Symbol('light part');
const AT = Symbol('place in the part');

type Held = { [PART]?: LightPart; [AT]: number };

const isRow = (target: Task) => (target as unknown as Held)[PART] !== undefined;

/** The target becomes `task`: its fields in the task's own order, so it serialises as the file holds it. */
function become(target: Task, task: Task): void {
  const fields = target as unknown as Record<PropertyKey, unknown>;
  for (const field of ROW_FIELDS) delete fields[field];
  delete fields[PART];
  delete fields[AT];
  Object.setPrototypeOf(target, Object.prototype);
  Object.assign(target, task);
}

let restProto: object | null = null;

/**
 * The prototype of a stand-in's target: a getter for each field of a task
 * that its row does not hold, which reads the task first (a change of any
 * field reads it first through the handler). Row fields
 * are the target's own, read at the speed of any object's: the rules read
 * them by the thousand, and a proxy's get trap for each cost milliseconds.
 */
function rest(): object {
  if (restProto) return restProto;
  const proto: PropertyDescriptorMap = {};
  for (const key of TASK_FIELDS) {
    if ((ROW_FIELDS as readonly string[]).includes(key)) continue;
    proto[key] = {
      get(this: Held) {
        this[PART]!.fill(this[AT]);
        const task = this as unknown as Record<string, unknown>;
        return Object.hasOwn(task, key) ? task[key] : undefined;
      },
    };
  }
  return (restProto = Object.create(Object.prototype, proto) as object);
}

function parseTask(text: string): Task | null {
  try {
    return JSON.parse(text) as Task;
  } catch {
    return null;
  }
}
