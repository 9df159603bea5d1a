import { join } from 'node:path';
import { ActivityFile } from '../domain/activity.js';
import { Config } from '../domain/config.js';
import { PlanJson, PlanPart, PlanRecent } from '../domain/plan.js';
import { RequestsFile } from '../domain/requests.js';
import { SESSION_KEY, SessionsFile } from '../domain/session.js';
import { damaged } from '../domain/errors.js';
import { keepCopy } from './backups.js';
import { CheckedFiles } from './checked.js';
import { DurableTextFile } from './durable-file.js';
import { homeFault } from './faults.js';
import { JsonFile } from './json-file.js';
import { withoutRows } from './light-part.js';
import { SprintFile } from './sprint-file.js';
import { partRel, recentRel, type PlanFiles } from './plan-state.js';

export const FILES = {
  config: 'config.json',
  plan: 'plan.json',
  sessions: 'sessions.json',
  requests: 'requests.json',
  current: 'session',
} as const;

export const activityRel = (key: string) => join('activity', `${key}.json`);
/** Closed segment `n` (from 1, oldest first) of a session's activity. */
export const segmentRel = (key: string, n: number) => join('activity', key, `${n}.json`);

/**
 * The files of a home, each one object for the life of the process (so a
 * long-running face re-reads only what another process replaced), and the
 * pointer to the current session.
 */
export class HomeFiles {
  readonly config: JsonFile<Config>;
  readonly plan: JsonFile<PlanJson>;
  readonly planFiles: PlanFiles;
  private readonly parts = new Map<string, JsonFile<PlanPart>>();
  private readonly recents = new Map<string, JsonFile<PlanRecent>>();
  private readonly sprints = new Map<string, SprintFile>();
  readonly sessions: JsonFile<SessionsFile>;
  readonly requests: JsonFile<RequestsFile>;
  private readonly activity = new Map<string, JsonFile<ActivityFile>>();
  private readonly currentFile: DurableTextFile;
  protected readonly checked: CheckedFiles;

  constructor(readonly home: string) {
    const checked = (this.checked = new CheckedFiles(home));
    this.config = new JsonFile(home, FILES.config, Config, () => Config.parse({ schema_version: 1 }), checked, true);
    this.plan = new JsonFile<PlanJson>(home, FILES.plan, PlanJson, () => ({ schema_version: 5, sprints: [], parts: [], parents: {} }), checked);
    this.planFiles = { index: this.plan, part: (sprint) => this.sprintFile(sprint) };
    this.sessions = new JsonFile(home, FILES.sessions, SessionsFile, () => ({ schema_version: 1, sessions: [] }), checked);
    this.requests = new JsonFile(home, FILES.requests, RequestsFile, () => ({ schema_version: 1, entries: [] }), checked);
    this.currentFile = new DurableTextFile(join(home, FILES.current));
  }

  /** A sprint's file of tasks, at `rel` (partRel); the sprint is known only when a command names it, not when doctor finds the file. */
  partFile(rel: string, sprint: string | null = null): JsonFile<PlanPart> {
    return once(this.parts, rel, () => new JsonFile(this.home, rel, PlanPart, () => ({ schema_version: 3, sprint, tasks: [] }), this.checked, false, withoutRows));
  }

  /** What changed in a sprint file's tasks since it was written (sprint-file.ts), at `rel` (recentRel). */
  recentFile(rel: string, sprint: string | null = null): JsonFile<PlanRecent> {
    return once(this.recents, rel, () => new JsonFile(this.home, rel, PlanRecent, () => ({ schema_version: 1, sprint, tasks: [] }), this.checked));
  }

  /** A sprint's tasks as commands see them: its file and its recent changes, one value. */
  sprintFile(sprint: string | null): SprintFile {
    const rel = partRel(sprint);
    return once(this.sprints, rel, () => new SprintFile(this.partFile(rel, sprint), this.recentFile(recentRel(sprint), sprint)));
  }

  activityFile(key: string): JsonFile<ActivityFile> {
    return this.activityAt(activityRel(key), key, 0);
  }

  segmentFile(key: string, n: number): JsonFile<ActivityFile> {
    return this.activityAt(segmentRel(key, n), key, n - 1);
  }

  private activityAt(rel: string, key: string, before: number): JsonFile<ActivityFile> {
    let file = this.activity.get(rel);
    if (!file) {
      file = new JsonFile(this.home, rel, ActivityFile, () => ({ schema_version: 2, session: key, segments: before, activities: [] }), this.checked);
      this.activity.set(rel, file);
    }
    return file;
  }

  /** Drops every value held, after another process's change was finished from its journal. */
  protected forgetAll(): void {
    for (const file of [this.config, this.plan, this.sessions, this.requests, ...this.sprints.values(), ...this.parts.values(), ...this.recents.values(), ...this.activity.values()]) file.forget();
  }

  async readCurrent(): Promise<string | null> {
    let text: string | null;
    try {
      text = this.currentFile.read();
    } catch (e) {
      throw homeFault(e, this.home) ?? damaged(FILES.current, (e as Error).message);
    }
    if (text === null) return null;
    const key = text.trim();
    // Fragments removes the pointer to clear it, so an empty one is damage, not "no session".
    if (key === '') throw damaged(FILES.current, 'it is empty, where it should name the current session');
    if (!SESSION_KEY.test(key)) throw damaged(FILES.current, `it holds ${JSON.stringify(key.slice(0, 40))}, not a session key`);
    return key;
  }

  /** Sets or clears the pointer; its copy holds the key, or nothing once cleared, so repair knows which was last. */
  async writeCurrent(key: string | null): Promise<void> {
    this.installCurrent(key, key === null ? null : this.stageCurrent(key));
  }

  stageCurrent(key: string): string {
    return this.currentFile.stage(`${key}\n`);
  }

  /** Puts the staged pointer in place, or removes the pointer when `key` is null. */
  installCurrent(key: string | null, staged: string | null): void {
    if (key === null) this.currentFile.remove();
    else this.currentFile.install(staged!);
    keepCopy(this.home, FILES.current, key === null ? '' : `${key}\n`);
  }
}

/** The one object a home keeps for `rel`, made on first use: every transaction shares a file's value through it. */
function once<T>(made: Map<string, T>, rel: string, make: () => T): T {
  let value = made.get(rel);
  if (value === undefined) {
    value = make();
    made.set(rel, value);
  }
  return value;
}
