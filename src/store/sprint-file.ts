import { TASK_FIELDS, type PlanPart, type PlanRecent, type Task } from '../domain/plan.js';
import type { FileWrite, JsonFile, TxFile } from './json-file.js';
import { LightPart, ROWS_FROM, layoutOf, partText } from './light-part.js';
import { TaskTexts } from './task-changes.js';

/**
 * Past this size the recent file is folded into the sprint file at the next
 * write: a command that changes a task rewrites the recent file whole, so it
 * is kept small, and folding costs one write of the sprint file per this many
 * bytes of changes.
 */
export const FOLD_AT = 16 * 1024;

const ADDED = ['updates', 'notes', 'artifacts'] as const;

type Entry = PlanRecent['tasks'][number];

/**
 * A sprint's tasks as two files: the sprint file (plan/sprints/…) as it was
 * last written, and its recent file (plan/recent/…) holding only what changed
 * in its tasks since: updates, notes and artifacts added, fields set (a
 * status, a summary). A command that changes tasks the sprint holds writes
 * the recent file, so its cost follows what it changes, not the sprint's
 * size; a change of which tasks the sprint holds (a task added, removed,
 * moved), or a recent file past FOLD_AT, writes the sprint file with the
 * recent entries folded in, and the recent file empty. Readers get one
 * value, the two merged.
 */
export class SprintFile implements TxFile<PlanPart> {
  /** The merged value handed out, and the two file values it was made of. */
  private merged: PlanPart | null = null;
  private recentValue: PlanRecent | null = null;
  /** The tasks as loaded (for a change), to tell what a command changed. */
  private snapshot: TaskTexts | null = null;
  /** Values handed out light, each with how it was read: several transactions of a long-running face may hold one each. */
  private readonly lights = new WeakMap<PlanPart, { part: LightPart; recent: PlanRecent }>();

  constructor(
    readonly base: JsonFile<PlanPart>,
    readonly recent: JsonFile<PlanRecent>,
  ) {}

  get rel(): string {
    return this.base.rel;
  }

  load(): Promise<PlanPart> {
    return this.open(false);
  }

  /**
   * The sprint's tasks. `light`: the command needs only a few of them and the
   * rules' fields of the rest (light-part.ts), so a big sprint file that
   * .checked.json vouches for is read in part; whole() reads the rest.
   */
  async open(write: boolean, light = false): Promise<PlanPart> {
    const recent = await this.recent.load();
    if (light && this.merged === null) {
      const part = this.openLight(recent);
      if (part) return part;
    }
    let base = await this.base.load();
    const same = base === this.merged && (recent === this.recentValue || (recent.tasks.length === 0 && this.recentValue?.tasks.length === 0));
    if (!same) {
      // Another process added entries: a long-running face adds only those, rather than reading the sprint file again.
      const more = base === this.merged && this.recentValue ? extension(this.recentValue, recent) : null;
      if (more) merge(base, { ...recent, tasks: more });
      else {
        // The cached sprint value already holds older recent entries: start from the file again.
        if (base === this.merged) {
          this.base.forget();
          base = await this.base.load();
        }
        merge(base, recent);
      }
      this.merged = base;
      this.recentValue = recent;
      this.snapshot = null;
    }
    if (write && this.snapshot === null) this.snapshot = this.snapshotOf(base);
    return base;
  }

  /** Every task of `value` read, where open() gave it light: for a command that goes on to the whole plan. */
  whole(value: PlanPart): void {
    this.lights.get(value)?.part.readAll();
  }

  private openLight(recent: PlanRecent): PlanPart | null {
    const found = this.base.peek();
    if (!found?.checked) return null;
    const part = LightPart.of(found.text);
    if (!part) return null;
    merge(part.value, recent);
    part.settle();
    this.lights.set(part.value, { part, recent });
    return part.value;
  }

  /** The tasks as loaded, cut from the sprint file's text where it holds them as they are (all but those the recent file changed). */
  private snapshotOf(base: PlanPart): TaskTexts {
    const list = this.base.contents === null ? null : layoutOf(this.base.contents)?.list;
    if (!list) return TaskTexts.of(base.tasks);
    const changed = new Set(this.recentValue?.tasks.map((t) => t.code.toLowerCase()) ?? []);
    const loaded = new Map(changed.size === 0 ? [] : base.tasks.filter((t) => changed.has(t.code.toLowerCase())).map((t) => [t.code, JSON.stringify(t)]));
    return TaskTexts.fromFile(list, base.tasks, loaded);
  }

  /** What to write for `value`: the recent file alone while the sprint holds the same tasks in the same order (entries added, fields set), else the sprint file with the recent entries folded in. */
  writes(value: PlanPart): FileWrite[] {
    const light = this.lights.get(value);
    if (light) {
      const written = light.part.whole ? null : this.lightWrites(value, light.recent, light.part);
      if (written) return written;
      // Past what a light value can say: every task read, and on as for any value.
      this.snapshot = light.part.readAll();
      this.merged = value;
      this.recentValue = light.recent;
      this.lights.delete(value);
    }
    const found = this.snapshot?.changes(value.tasks) ?? null;
    // A list that changed (or a part never loaded for a change) is written whole.
    const reordered = found === null;
    let planChanged = reordered;
    const changed = new Set<Task>(found?.changed.map((c) => c.task) ?? this.snapshot?.differing(value.tasks) ?? value.tasks);
    const now = found?.now ?? null;
    const added: PlanRecent['tasks'] = [];
    for (const { task, before } of found?.changed ?? []) {
      if (planChanged) break;
      const extra = changeOf(before, task);
      if (extra) added.push(extra);
      else planChanged = true;
    }
    if (!planChanged && changed.size === 0) return [];
    const recent = this.recentValue;
    // A big sprint file written before rows is written with them, so the commands after this one read it in part.
    const rowless = value.tasks.length >= ROWS_FROM && !(this.base.contents !== null && layoutOf(this.base.contents)?.rows);
    if (!planChanged && recent && !rowless) {
      const next: PlanRecent = { schema_version: 1, sprint: value.sprint, tasks: withAdded(recent.tasks, added) };
      const text = this.recent.render(next);
      if (text !== null && text.length <= FOLD_AT) {
        this.keep(value, now, next, false);
        return [{ file: this.recent as JsonFile<unknown>, text, value: next }];
      }
    }
    const writes: FileWrite[] = [];
    const whole = partText(value);
    const text = whole === this.base.contents ? null : whole;
    if (text !== null) {
      // For the backup: the tasks that differ from the sprint file on disk, which lacks the recent entries too.
      const folded = new Set(recent?.tasks.map((t) => t.code.toLowerCase()) ?? []);
      const tasks = value.tasks.filter((t) => changed.has(t) || folded.has(t.code.toLowerCase()));
      const change = JSON.stringify(reordered ? { codes: value.tasks.map((t) => t.code), tasks } : { tasks });
      writes.push({ file: this.base as JsonFile<unknown>, text, value, change });
    }
    let emptied = recent;
    if (recent && recent.tasks.length > 0) {
      emptied = { schema_version: 1, sprint: value.sprint, tasks: [] };
      const cleared = this.recent.render(emptied);
      if (cleared !== null) writes.push({ file: this.recent as JsonFile<unknown>, text: cleared, value: emptied });
    }
    this.keep(value, now, emptied, true);
    return writes;
  }

  /** The recent file alone for a light value's changes, or null when they need the sprint file written. */
  private lightWrites(value: PlanPart, recent: PlanRecent, part: LightPart): FileWrite[] | null {
    const added: PlanRecent['tasks'] = [];
    for (const { task, before } of part.changes()) {
      const extra = changeOf(before, task);
      if (!extra) return null;
      added.push(extra);
    }
    if (added.length === 0) return [];
    const next: PlanRecent = { schema_version: 1, sprint: value.sprint, tasks: withAdded(recent.tasks, added) };
    const text = this.recent.render(next);
    if (text === null) return [];
    if (text.length > FOLD_AT) return null;
    this.lights.delete(value);
    return [{ file: this.recent as JsonFile<unknown>, text, value: next }];
  }

  /** After a commit writes what writes() returned, the snapshot is the state just written (a failed commit forgets it all). */
  private keep(value: PlanPart, now: TaskTexts | null, recent: PlanRecent | null, baseWritten: boolean): void {
    if (!this.snapshot || !recent) {
      this.forget();
      return;
    }
    this.snapshot = now ?? TaskTexts.of(value.tasks);
    this.recentValue = recent;
    // The sprint file's cached value is what it was given when written; else the object it holds already.
    if (baseWritten) this.merged = value;
  }

  forget(): void {
    this.base.forget();
    this.recent.forget();
    this.merged = this.recentValue = this.snapshot = null;
  }
}

/** Applies the recent entries to the sprint file's tasks, in place. */
function merge(part: PlanPart, recent: PlanRecent): void {
  if (recent.tasks.length === 0) return;
  // Entries name a task as it is written; another case is looked up only when that misses.
  const byCode = new Map(part.tasks.map((t) => [t.code, t]));
  let anyCase: Map<string, Task> | null = null;
  for (const entry of recent.tasks) {
    const task = byCode.get(entry.code) ?? (anyCase ??= new Map(part.tasks.map((t) => [t.code.toLowerCase(), t]))).get(entry.code.toLowerCase());
    // A sprint file put back from before the task was in it (a restore by hand): its task is not here to add to.
    if (!task) continue;
    if (entry.set) Object.assign(task, entry.set);
    for (const list of ADDED) (task[list] as unknown[]).push(...entry[list]);
    task.updated_at = entry.updated_at;
  }
}

/** What `now` holds beyond `before`, when it only added to it (else null); a task's `set` is whole in each, the newest is applied. */
function extension(before: PlanRecent, now: PlanRecent): PlanRecent['tasks'] | null {
  if (now.tasks.length < before.tasks.length) return null;
  const more: PlanRecent['tasks'] = [];
  for (const [i, task] of now.tasks.entries()) {
    const old = before.tasks[i];
    if (!old) {
      more.push(task);
      continue;
    }
    if (old.code !== task.code) return null;
    const entry = { ...task, updates: task.updates.slice(old.updates.length), notes: task.notes.slice(old.notes.length), artifacts: task.artifacts.slice(old.artifacts.length) };
    for (const list of ADDED) if (JSON.stringify(task[list].slice(0, old[list].length)) !== JSON.stringify(old[list])) return null;
    more.push(entry);
  }
  return more;
}

/**
 * What a command changed in a task, as an entry of the recent file: what it
 * added at the end of its lists, and the other fields it set; null when it
 * did what an entry cannot say (took an entry out of a list, removed a field).
 */
function changeOf(before: Task, now: Task): PlanRecent['tasks'][number] | null {
  if (Object.keys(before).some((key) => !(key in now))) return null;
  const entry: Entry = { code: now.code, updates: [], notes: [], artifacts: [], updated_at: now.updated_at };
  const set: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof Task)[]) {
    if (key === 'updated_at' || key === 'code') continue;
    if ((ADDED as readonly string[]).includes(key)) continue;
    const text = JSON.stringify(now[key]);
    if (JSON.stringify(before[key]) === text) continue;
    // A field taken away has no value to set.
    if (text === undefined) return null;
    // A copy: the entry must not change with the task while it waits to be written.
    set[key] = JSON.parse(text);
  }
  if (Object.keys(set).length > 0) entry.set = set as Entry['set'];
  for (const list of ADDED) {
    const old = before[list] as unknown[];
    const cur = now[list] as unknown[];
    if (cur.length < old.length || JSON.stringify(cur.slice(0, old.length)) !== JSON.stringify(old)) return null;
    (entry[list] as unknown[]) = cur.slice(old.length);
  }
  return inOrder(entry);
}

function withAdded(tasks: PlanRecent['tasks'], added: PlanRecent['tasks']): PlanRecent['tasks'] {
  const next = tasks.map((t) => ({ ...t, updates: [...t.updates], notes: [...t.notes], artifacts: [...t.artifacts] }));
  for (const entry of added) {
    const held = next.find((t) => t.code === entry.code);
    if (!held) {
      next.push(entry);
      continue;
    }
    for (const list of ADDED) (held[list] as unknown[]).push(...entry[list]);
    held.updated_at = entry.updated_at;
    if (entry.set) next[next.indexOf(held)] = inOrder({ ...held, set: { ...held.set, ...entry.set } });
  }
  return next;
}

/**
 * An entry with its fields, and those it sets, in the order its schema reads
 * them back: a file whose check gives back another order is checked again by
 * every command that reads it (.checked.json vouches only for a file that
 * reads the same unchecked).
 */
function inOrder(entry: Entry): Entry {
  const { code, updates, notes, artifacts, set, updated_at } = entry;
  if (!set) return { code, updates, notes, artifacts, updated_at };
  const ordered = Object.fromEntries(TASK_FIELDS.filter((field) => field in set).map((field) => [field, set[field as keyof typeof set]]));
  return { code, updates, notes, artifacts, set: ordered as Entry['set'], updated_at };
}
