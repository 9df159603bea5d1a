import { ROW_FIELDS, Task, rowOf, type PlanPart, type TaskRow } from '../domain/plan.js';
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

/** A sprint file's value without its rows, which only its check reads: the rows of a big plan cost a fifth of reading it. */
export function withoutRows(text: string): unknown {
  const at = text.lastIndexOf('],"rows":[');
  if (at >= 0) {
    try {
      return JSON.parse(`${text.slice(0, at + 1)}}`);
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
  private readonly held: Lazy[];
  private alone = 0;
  private snapshot: TaskTexts | null = null;

  private constructor(
    private readonly list: string,
    sprint: string | null,
    rows: TaskRow[],
  ) {
    const proto = rest();
    this.held = rows.map((row) => new Lazy(row, this, proto));
    this.value = { schema_version: 3, sprint, tasks: this.held.map((lazy) => lazy.proxy) };
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
    else for (const lazy of this.held) if (lazy.before !== null) lazy.before = JSON.stringify(lazy.target);
  }

  /** Reads the task of `lazy` in full, from its own text or, past a few, with the whole list. */
  fill(lazy: Lazy): void {
    const code = lazy.target.code;
    const span = ++this.alone <= ALONE ? taskSpan(this.list, code) : null;
    const task = span ? parseTask(this.list.slice(span[0], span[1])) : null;
    if (!span || !task || task.code !== code) {
      this.readAll();
      return;
    }
    lazy.become(task);
    lazy.before = this.list.slice(span[0], span[1]);
  }

  /** Every task read, the list holding plain tasks; the texts as loaded, for telling what a command changed. */
  readAll(): TaskTexts {
    if (this.snapshot) return this.snapshot;
    const tasks = JSON.parse(this.list) as Task[];
    if (tasks.length !== this.held.length) throw new Error(`A sprint file's rows (${this.held.length}) do not match its tasks (${tasks.length}).`);
    const loaded = new Map<string, string>();
    this.held.forEach((lazy, i) => {
      if (lazy.row) lazy.become(tasks[i]!);
      else if (lazy.before !== null) loaded.set(lazy.target.code, lazy.before);
    });
    const targets = this.held.map((lazy) => lazy.target);
    this.snapshot = TaskTexts.fromFile(this.list, targets, loaded);
    this.value.tasks = targets;
    return this.snapshot;
  }

  /** The tasks a command changed, each with what it was; only tasks read in full can have changed. */
  changes(): { task: Task; before: Task }[] {
    const changed: { task: Task; before: Task }[] = [];
    for (const lazy of this.held) {
      if (lazy.before !== null && JSON.stringify(lazy.target) !== lazy.before) changed.push({ task: lazy.target, before: JSON.parse(lazy.before) as Task });
    }
    return changed;
  }
}

/**
 * Where a target keeps its lazy task, for the prototype's getters (called on
 * the stand-in). Nothing lists it: every listing of a stand-in's fields reads
 * the task first, which takes it away.
 */
const LAZY = Symbol('lazy task');

let restProto: object | null = null;

/**
 * The prototype of a stand-in's target: a getter and a setter for each field
 * of a task that its row does not hold, which read the task first. Row fields
 * are the target's own, read at the speed of any object's: the rules read
 * them by the thousand, and a proxy's get trap for each cost milliseconds.
 */
function rest(): object {
  if (restProto) return restProto;
  const proto: PropertyDescriptorMap = {};
  for (const key of Object.keys(Task.unwrap().shape)) {
    if ((ROW_FIELDS as readonly string[]).includes(key)) continue;
    proto[key] = {
      get(this: { [LAZY]: Lazy }) {
        const lazy = this[LAZY];
        lazy.read();
        return Object.hasOwn(lazy.target, key) ? (lazy.target as Record<string, unknown>)[key] : undefined;
      },
      set(this: { [LAZY]: Lazy }, value: unknown) {
        const lazy = this[LAZY];
        lazy.read();
        (lazy.target as Record<string, unknown>)[key] = value;
      },
    };
  }
  return (restProto = Object.create(Object.prototype, proto) as object);
}

/**
 * One task of a light part: its target holds the row's fields until the task
 * is read, then the task itself, with the plain prototype of any task. The
 * handler has no `get`: a read of a row field goes to the target, one of
 * another field to the prototype's getter; listing, testing or changing the
 * fields reads the task first.
 */
class Lazy implements ProxyHandler<Task> {
  readonly target: Task;
  readonly proxy: Task;
  /** The task's text as loaded, once read: what a change is told from. */
  before: string | null = null;
  row = true;

  constructor(
    values: TaskRow,
    private readonly part: LightPart,
    proto: object,
  ) {
    // Named fields, in one literal: a thousand targets share one shape.
    const [code, status, priority, created_at, depends, parent, sprint] = values;
    this.target = { __proto__: proto, code, status, priority, created_at, depends, parent, sprint, [LAZY]: this } as unknown as Task;
    this.proxy = new Proxy(this.target, this);
  }

  read(): void {
    if (this.row) this.part.fill(this);
  }

  /** The target becomes `task`: its fields in the task's own order, so it serialises as the file holds it. */
  become(task: Task): void {
    const target = this.target as unknown as Record<string, unknown>;
    for (const field of ROW_FIELDS) delete target[field];
    delete (target as { [LAZY]?: Lazy })[LAZY];
    Object.setPrototypeOf(target, Object.prototype);
    Object.assign(target, task);
    this.row = false;
  }

  set(target: Task, key: PropertyKey, value: unknown): boolean {
    this.read();
    return Reflect.set(target, key, value);
  }

  has(target: Task, key: PropertyKey): boolean {
    this.read();
    return Reflect.has(target, key);
  }

  ownKeys(target: Task): ArrayLike<string | symbol> {
    this.read();
    return Reflect.ownKeys(target);
  }

  getOwnPropertyDescriptor(target: Task, key: PropertyKey): PropertyDescriptor | undefined {
    this.read();
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  defineProperty(target: Task, key: PropertyKey, descriptor: PropertyDescriptor): boolean {
    this.read();
    return Reflect.defineProperty(target, key, descriptor);
  }

  deleteProperty(target: Task, key: PropertyKey): boolean {
    this.read();
    return Reflect.deleteProperty(target, key);
  }
}

function parseTask(text: string): Task | null {
  try {
    return JSON.parse(text) as Task;
  } catch {
    return null;
  }
}
