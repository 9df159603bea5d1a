import { join } from 'node:path';
import { sameCode } from '../domain/codes.js';
import { codesOf, codesText, holdsCode, type PlanFile, type PlanIndex, type PlanJson, type PlanPart, type Task } from '../domain/plan.js';
import type { JsonFile, TxFile } from './json-file.js';

/** Where the tasks of a sprint live; codes compare without case, so the file name has none either. */
export const partRel = (sprint: string | null) => (sprint === null ? join('plan', 'backlog.json') : join('plan', 'sprints', `${sprint.toLowerCase()}.json`));
/** Where what was added to a sprint file's tasks since it was written waits (sprint-file.ts). */
export const recentRel = (sprint: string | null) => join('plan', 'recent', sprint === null ? 'backlog.json' : `${sprint.toLowerCase()}.json`);

/** What a command names, so that the plan it gets holds those and what their rules look at. */
export interface PlanScope {
  sprints?: (string | null)[];
  tasks?: string[];
}

export interface PlanFiles {
  index: JsonFile<PlanJson>;
  part(sprint: string | null): TxFile<PlanPart> & { whole(value: PlanPart): void };
}

/** Lookups of a task's sprint answered by scanning the index, before a table of every code pays. */
const SCANS_BEFORE_TABLE = 8;

type Load = <T>(file: TxFile<T>, light?: boolean) => Promise<T>;
type Keep = <T>(file: TxFile<T>, value: T) => void;

/**
 * The plan of one transaction. `all()` is the whole plan; `around(scope)` is
 * a plan with every sprint but only the tasks of the sprint files the scope
 * needs: its own, and those holding the dependencies, parent and subtasks of
 * what they hold, so the rules (checks, next task, progress) answer as on the
 * whole plan. Views share the task objects, so a change made through one is
 * written back to the file it came from.
 */
export class PlanState {
  private index: PlanJson | null = null;
  private readonly parts = new Map<string, PlanPart>();
  private full: PlanFile | null = null;
  /** Partial views handed out, with how many tasks each had. */
  private readonly views: [PlanFile, number][] = [];
  /** Task code (lower case) → the sprint whose file holds it; built only when a code is not in a file already read. */
  private where: Map<string, string | null> | null = null;
  /** Files whose tasks' neighbours (dependencies, parents, subtasks) are loaded. */
  private readonly surrounded = new Set<string>();
  private asked = 0;

  constructor(
    private readonly files: PlanFiles,
    private readonly load: Load,
  ) {}

  async all(): Promise<PlanFile> {
    if (this.full) return this.full;
    const index = await this.loadIndex();
    if (index.schema_version === 1) return (this.full = index);
    const parts = await Promise.all(index.parts.map((p) => this.part(p.sprint)));
    // A sprint an earlier view read in part is read whole now, its tasks plain objects in the list.
    index.parts.forEach((p, i) => this.files.part(p.sprint).whole(parts[i]!));
    this.full = { schema_version: 1, sprints: index.sprints, tasks: parts.flatMap((p) => p.tasks) };
    return this.full;
  }

  async around(scope: PlanScope): Promise<PlanFile> {
    if (this.full) return this.full;
    const index = await this.loadIndex();
    if (index.schema_version === 1) return this.all();
    const wanted = new Set<string | null>();
    for (const sprint of scope.sprints ?? []) {
      // An unknown code gets its error, with the closest codes, from the whole plan.
      if (sprint !== null && !index.sprints.some((s) => sameCode(s.code, sprint))) return this.all();
      // A sprint with no task has no file to read.
      const part = index.parts.find((p) => (p.sprint === null ? sprint === null : sprint !== null && sameCode(p.sprint, sprint)));
      if (part) wanted.add(part.sprint);
    }
    for (const code of scope.tasks ?? []) {
      const sprint = this.sprintOf(index, code);
      if (sprint === undefined) return this.all();
      wanted.add(sprint);
    }
    await this.loadParts(wanted, true);
    // A command asks more than once (its own plan, then the instructions'): the files around a sprint are found once.
    for (const sprint of wanted) if (this.surrounded.has(partRel(sprint))) wanted.delete(sprint);
    if (wanted.size > 0) await this.loadNear(index, wanted);
    const view: PlanFile = { schema_version: 1, sprints: index.sprints, tasks: [...this.parts.values()].flatMap((p) => p.tasks) };
    this.views.push([view, view.tasks.length]);
    return view;
  }

  /** Loads the files holding the dependencies, parents and subtasks of the tasks of `sprints`' files. */
  private async loadNear(index: PlanIndex, sprints: Set<string | null>): Promise<void> {
    // Codes as written: a code in another case is looked up, and found in a file already read.
    const held = new Set<string>();
    for (const part of this.parts.values()) for (const task of part.tasks) held.add(task.code);
    const children = new Map<string, string[]>();
    for (const [child, parent] of Object.entries(index.parents)) children.set(parent.toLowerCase(), [...(children.get(parent.toLowerCase()) ?? []), child]);
    const near = new Set<string | null>();
    const look = (code: string) => {
      if (held.has(code)) return;
      const other = this.sprintOf(index, code);
      if (other !== undefined && !this.parts.has(partRel(other))) near.add(other);
    };
    // Run once per command, so mostly by the interpreter: plain loops, no list made per task.
    for (const sprint of sprints) {
      for (const task of this.parts.get(partRel(sprint))!.tasks) {
        for (const code of task.depends) look(code);
        if (task.parent) look(task.parent);
        if (children.size > 0) for (const code of children.get(task.code.toLowerCase()) ?? []) look(code);
      }
      this.surrounded.add(partRel(sprint));
    }
    await this.loadParts(near, true);
  }

  /**
   * Before the transaction writes: the whole plan, when it was read, is split
   * into the index and one file per sprint (which also migrates a home from
   * before the split); a partial view may change tasks, not where they live.
   */
  settle(keep: Keep): void {
    if (this.full) return this.split(this.full, keep);
    if (this.index?.schema_version !== 5) return;
    const moved = (task: Task) => new Error(`A command changed which tasks a sprint holds (${task.code}) on part of the plan; it must ask for the whole plan.`);
    const grown = this.views.find(([view, count]) => view.tasks.length !== count)?.[0].tasks.at(-1);
    if (grown) throw moved(grown);
    const parents = this.index.parents;
    // Run once per write over every task of the files read: plain loops, no path made per task of a big sprint.
    for (const [rel, part] of this.parts) {
      const fileAtHome = partRel(part.sprint) === rel;
      for (const task of part.tasks) {
        if (!(task.sprint === part.sprint ? fileAtHome : partRel(task.sprint) === rel)) throw moved(task);
        if (task.parent !== null) parents[task.code] = task.parent;
        else if (task.code in parents) delete parents[task.code];
      }
    }
  }

  private split(plan: PlanFile, keep: Keep): void {
    const groups = new Map<string, PlanPart>();
    for (const task of plan.tasks) {
      const rel = partRel(task.sprint);
      if (!groups.has(rel)) groups.set(rel, { schema_version: 3, sprint: task.sprint, tasks: [] });
      groups.get(rel)!.tasks.push(task);
    }
    // A file whose tasks all moved away is written empty, so no task lives in two files.
    for (const [rel, part] of this.parts) if (!groups.has(rel)) keep(this.files.part(part.sprint), { ...part, tasks: [] });
    for (const part of groups.values()) keep(this.files.part(part.sprint), part);
    keep(this.files.index, {
      schema_version: 5,
      sprints: plan.sprints,
      parts: [...groups.values()].map((p) => ({ sprint: p.sprint, tasks: codesText(p.tasks.map((t) => t.code)) })),
      parents: Object.fromEntries(plan.tasks.flatMap((t) => (t.parent === null ? [] : [[t.code, t.parent]]))),
    } satisfies PlanIndex);
  }

  /**
   * The sprint whose file holds task `code` (null: the backlog), or undefined
   * for a code the plan lacks. A command scoped to a task asks once or twice:
   * a scan of the index's codes costs less than a table of all of them, made
   * only once the asking goes on (the tasks around a whole sprint).
   */
  private sprintOf(index: PlanIndex, code: string): string | null | undefined {
    if (!this.where && ++this.asked > SCANS_BEFORE_TABLE) {
      this.where = new Map();
      // The first file listing a code holds it, as the scan below finds it.
      for (const part of index.parts) {
        for (const task of codesOf(part)) {
          const code = task.toLowerCase();
          if (!this.where.has(code)) this.where.set(code, part.sprint);
        }
      }
    }
    if (this.where) return this.where.get(code.toLowerCase());
    for (const part of index.parts) if (holdsCode(part.tasks, code)) return part.sprint;
    const lower = code.toLowerCase();
    for (const part of index.parts) if (holdsCode(part.tasks.toLowerCase(), lower)) return part.sprint;
    return undefined;
  }

  private async loadIndex(): Promise<PlanJson> {
    this.index ??= await this.load(this.files.index);
    return this.index;
  }

  /** `light`: the view needs few of their tasks in full, so a big sprint file is read in part (light-part.ts). */
  private async loadParts(sprints: Set<string | null>, light = false): Promise<void> {
    await Promise.all([...sprints].map((sprint) => this.part(sprint, light)));
  }

  private async part(sprint: string | null, light = false): Promise<PlanPart> {
    const rel = partRel(sprint);
    let part = this.parts.get(rel);
    if (!part) {
      part = await this.load(this.files.part(sprint), light);
      this.parts.set(rel, part);
    }
    return part;
  }
}
