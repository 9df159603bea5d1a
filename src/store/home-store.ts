import { join } from 'node:path';
import { ActivityFile, type Activity } from '../domain/activity.js';
import { Config } from '../domain/config.js';
import { PlanJson, PlanPart, PlanRecent, type PlanFile } from '../domain/plan.js';
import { REQUESTS_KEPT, RequestsFile, type RequestEntry } from '../domain/requests.js';
import { SESSION_KEY, SessionsFile } from '../domain/session.js';
import { FragmentsError, damaged } from '../domain/errors.js';
import { keepCopy } from './backups.js';
import { CheckedFiles } from './checked.js';
import { DurableTextFile, discardStaged } from './durable-file.js';
import { asHomeFault, homeFault } from './faults.js';
import { ensureHome, requireHome } from './home.js';
import { JsonFile, type FileWrite, type TxFile } from './json-file.js';
import { SprintFile } from './sprint-file.js';
import { clearJournal, readJournal, replayJournal, writeJournal, type Journal } from './journal.js';
import { lockHome, type HomeLock } from './lock.js';
import type { FileCheck } from './doctor-files.js';
import { dumpHome, loadHome } from './home-dump.js';
import type { Store, StoreDump, Tx } from './port.js';
import { watchHome } from './watch.js';
import { appendToSegments, readSegmentsBack } from './segments.js';
import { stopPoint } from './stop-points.js';
import { PlanState, partRel, recentRel, type PlanFiles, type PlanScope } from './plan-state.js';

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

/** The state a command works on, from the home's files. Files load on first use; a transaction writes back what changed. */
export class HomeTx implements Tx {
  private readonly used = new Map<TxFile<unknown>, Promise<unknown>>();
  private currentKey: { value: string | null; changed: boolean } | null = null;
  private planState: PlanState | null = null;

  /** `lock` is the home's lock for a change; a read has none and never commits. */
  constructor(
    private readonly store: HomeStore,
    private readonly lock: HomeLock | null = null,
  ) {}

  person(): null {
    return null;
  }

  config(): Promise<Config> {
    return this.use(this.store.config);
  }
  /** The whole plan: for commands whose answer spans it (lists, import, reports). */
  plan(): Promise<PlanFile> {
    return this.planFiles().all();
  }
  /** The plan as far as `scope` needs it: the index and a sprint file or a few, however big the plan (see plan-state.ts). */
  planAround(scope: PlanScope): Promise<PlanFile> {
    return this.planFiles().around(scope);
  }
  private planFiles(): PlanState {
    this.planState ??= new PlanState(this.store.planFiles, (file) => this.use(file));
    return this.planState;
  }
  sessions(): Promise<SessionsFile> {
    return this.use(this.store.sessions);
  }
  async requestAnswer(id: string): Promise<RequestEntry | null> {
    return (await this.use(this.store.requests)).entries.find((e) => e.id === id) ?? null;
  }
  /** Every answer kept, oldest first (store:copy). */
  async requestEntries(): Promise<RequestEntry[]> {
    return (await this.use(this.store.requests)).entries;
  }
  async remember(entry: RequestEntry): Promise<void> {
    const requests = await this.use(this.store.requests);
    requests.entries.push(entry);
    if (requests.entries.length > REQUESTS_KEPT) requests.entries.splice(0, requests.entries.length - REQUESTS_KEPT);
  }
  appendActivity(key: string, make: (id: number) => Activity): Promise<Activity> {
    return appendToSegments(this, key, make);
  }
  readBack(key: string, enough: (read: Activity[]) => boolean): Promise<Activity[]> {
    return readSegmentsBack(this, key, enough);
  }
  /** The session's current activity segment (segments.ts appends and reads back through it). */
  activity(key: string): Promise<ActivityFile> {
    return this.use(this.store.activityFile(key));
  }
  closedSegment(key: string, n: number): Promise<ActivityFile> {
    return this.use(this.store.segmentFile(key, n));
  }

  /** The home's current session key (file `session`), or null. */
  async current(): Promise<string | null> {
    if (!this.currentKey) this.currentKey = { value: await this.store.readCurrent(), changed: false };
    return this.currentKey.value;
  }

  setCurrent(key: string | null): void {
    // Pointing it where it already points writes nothing: one file fewer in the journal.
    if (this.currentKey?.value === key) return;
    this.currentKey = { value: key, changed: true };
  }

  /** Keeps the load itself, so two callers asking at once share one value and no change is lost. */
  private use<T>(file: TxFile<T>): Promise<T> {
    const key = file as TxFile<unknown>;
    if (!this.used.has(key)) this.used.set(key, file.open(this.lock !== null));
    return this.used.get(key) as Promise<T>;
  }

  /**
   * Writes what changed. Several files go through the journal, so a kill
   * never leaves half a change. Every file is staged (written and fsynced
   * beside its target) before any is installed, so a full disk fails the
   * command before the home holds any of it, journal included: its answer
   * "run it again" is true. Nothing is written unless this process still
   * holds the lock.
   */
  async commit(): Promise<void> {
    this.planState?.settle((file, value) => this.used.set(file as TxFile<unknown>, Promise.resolve(value)));
    const changes: FileWrite[] = [];
    for (const [file, loading] of this.used) changes.push(...file.writes(await loading));
    const pointer = this.currentKey?.changed ? this.currentKey.value : undefined;
    if (changes.length === 0 && pointer === undefined) return;
    if (!this.lock?.held()) {
      throw new FragmentsError(
        'LOCK_LOST',
        `This command no longer held the lock of ${this.store.home} when it came to write (another process took it over), so it wrote nothing. Run it again.`,
      );
    }
    const journal: Journal | null =
      changes.length + (pointer === undefined ? 0 : 1) > 1
        ? { files: changes.map((c) => ({ rel: c.file.rel, text: c.text })), ...(pointer === undefined ? {} : { current: pointer }) }
        : null;
    if (journal) await writeJournal(this.store.home, journal);
    stopPoint('journal');
    const staged: string[] = [];
    let pointerStaged: string | null = null;
    try {
      for (const { file, text } of changes) staged.push(file.stage(text));
      if (pointer) pointerStaged = this.store.stageCurrent(pointer);
    } catch (e) {
      for (const temp of [...staged, ...(pointerStaged ? [pointerStaged] : [])]) discardStaged(temp);
      // Nothing was replaced: without its journal the change never happened.
      if (journal) await clearJournal(this.store.home);
      throw e;
    }
    try {
      changes.forEach(({ file, text, value, change }, i) => {
        file.install(staged[i]!, text, value, change);
        if (i === 0 && journal) stopPoint('installing');
      });
      if (pointer !== undefined) this.store.installCurrent(pointer, pointerStaged);
      if (journal) await clearJournal(this.store.home);
      stopPoint('installed');
    } catch (e) {
      if (!journal) throw e;
      // Once the journal is on disk the change is committed: a failure while
      // applying it is finished here, or else by the next command.
      this.abandon();
      try {
        await replayJournal(this.store.home, journal, (key) => this.store.writeCurrent(key));
      } catch (again) {
        throw pending(homeFault(again, this.store.home) ?? (again as Error));
      }
    }
  }

  abandon(): void {
    for (const file of this.used.keys()) file.forget();
  }
}

/** A change waiting in a group, and how to answer it. */
interface Member {
  fn: (tx: HomeTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A fault met while finishing a committed change: the change is safe in the journal, and must not be made again. */
function pending(e: Error): Error {
  const message = `${e.message.replace(/ Free some space, then run the command again\.$/, '')} The change itself is recorded in the journal and is finished by the next command once this is fixed: do not run it again.`;
  return e instanceof FragmentsError ? new FragmentsError(e.code, message, { ...e.details, pending: true }) : new Error(message);
}

/** The home folder: JSON files, a cross-process lock, atomic durable writes, a journal for changes of several files. */
export class HomeStore implements Store {
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
  private readonly checked: CheckedFiles;
  private ready = false;
  private turn: Promise<unknown> = Promise.resolve();
  /** Changes waiting for their turn, to be written together. */
  private group: Member[] | null = null;

  readonly where: string;

  /** `user` names whoever runs this, for the pointer a copy of the home carries (store:copy). */
  constructor(
    readonly home: string,
    readonly who: () => string = () => 'unknown',
  ) {
    this.where = home;
    const checked = (this.checked = new CheckedFiles(home));
    this.config = new JsonFile(home, FILES.config, Config, () => Config.parse({ schema_version: 1 }), checked, true);
    this.plan = new JsonFile<PlanJson>(home, FILES.plan, PlanJson, () => ({ schema_version: 3, sprints: [], parts: [], parents: {} }), checked);
    this.planFiles = { index: this.plan, part: (sprint) => this.sprintFile(sprint) };
    this.sessions = new JsonFile(home, FILES.sessions, SessionsFile, () => ({ schema_version: 1, sessions: [] }), checked);
    this.requests = new JsonFile(home, FILES.requests, RequestsFile, () => ({ schema_version: 1, entries: [] }), checked);
    this.currentFile = new DurableTextFile(join(home, FILES.current));
  }

  /** A sprint's file of tasks, at `rel` (partRel); the sprint is known only when a command names it, not when doctor finds the file. */
  partFile(rel: string, sprint: string | null = null): JsonFile<PlanPart> {
    let file = this.parts.get(rel);
    if (!file) {
      file = new JsonFile(this.home, rel, PlanPart, () => ({ schema_version: 2, sprint, tasks: [] }), this.checked);
      this.parts.set(rel, file);
    }
    return file;
  }

  /** What was added to a sprint file's tasks since it was written (sprint-file.ts), at `rel` (recentRel). */
  recentFile(rel: string, sprint: string | null = null): JsonFile<PlanRecent> {
    let file = this.recents.get(rel);
    if (!file) {
      file = new JsonFile(this.home, rel, PlanRecent, () => ({ schema_version: 1, sprint, tasks: [] }), this.checked);
      this.recents.set(rel, file);
    }
    return file;
  }

  /** A sprint's tasks as commands see them: its file and its recent additions, one value. */
  sprintFile(sprint: string | null): SprintFile {
    const rel = partRel(sprint);
    let file = this.sprints.get(rel);
    if (!file) {
      file = new SprintFile(this.partFile(rel, sprint), this.recentFile(recentRel(sprint), sprint));
      this.sprints.set(rel, file);
    }
    return file;
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

  /**
   * One change: lock, re-read what others changed, apply, write atomically,
   * release. Changes asked for while this process is busy with another (a
   * server's concurrent calls) wait in one group, which runs in order under
   * one lock and is written once (group commit): each is answered only when
   * the write that holds it is durable, and the fsyncs are paid once per group.
   */
  transact<T>(fn: (tx: HomeTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const member: Member = { fn, resolve: resolve as (v: unknown) => void, reject };
      if (this.group) {
        this.group.push(member);
        return;
      }
      const group = (this.group = [member]);
      // Writes are synchronous, so calls arrive only between turns: the group queues up after
      // the event loop has taken in what came meanwhile (each call's own reads included), and
      // closes when its turn comes; what arrives while it writes makes the next one.
      setImmediate(() => {
        void this.inTurn(() => {
          this.group = null;
          return this.transactGroup(group);
        }).catch(() => undefined);
      });
    });
  }

  /** A read without the lock: every file is replaced whole, so each read sees one consistent version. */
  read<T>(fn: (tx: HomeTx) => Promise<T>): Promise<T> {
    return this.inTurn(async () => {
      await this.prepare(false);
      if (await readJournal(this.home)) return this.transactNow(fn);
      return fn(new HomeTx(this));
    });
  }

  /**
   * A change tried and thrown away (a dry run): it sees what a change would,
   * writes nothing, and never creates a home that is not there.
   */
  simulate<T>(fn: (tx: HomeTx) => Promise<T>): Promise<T> {
    return this.inTurn(async () => {
      if (await readJournal(this.home).catch(() => null)) await this.transactNow(async () => undefined);
      const tx = new HomeTx(this);
      try {
        return await fn(tx);
      } finally {
        tx.abandon();
      }
    });
  }

  /**
   * One transaction at a time in this process. A file's value is one object
   * shared by every transaction, and a change mutates it in place, so a
   * long-running face serving many calls at once (MCP, HTTP) must not let a
   * read see half a change; queueing also spares the lock file a retry storm.
   */
  private inTurn<T>(fn: () => Promise<T>): Promise<T> {
    const turn = this.turn.then(fn).finally(() => this.checked.save());
    this.turn = turn.catch(() => undefined);
    return turn;
  }

  private transactNow<T>(fn: (tx: HomeTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => void this.transactGroup([{ fn, resolve: resolve as (v: unknown) => void, reject }]));
  }

  /**
   * Runs a group's changes one after another on one transaction, then
   * commits them in one write. A change that fails leaves the state half
   * changed in memory, so it is dropped with its error and the others run
   * again from the files; nothing of theirs was written or answered yet.
   */
  private async transactGroup(members: Member[]): Promise<void> {
    try {
      await this.prepare(true);
    } catch (e) {
      for (const m of members) m.reject(e);
      return;
    }
    let lock: HomeLock;
    try {
      lock = await lockHome(this.home);
    } catch (e) {
      for (const m of members) m.reject(e);
      return;
    }
    stopPoint('locked');
    try {
      await this.finishInterrupted().catch(asHomeFault(this.home));
      let pending = members;
      while (pending.length > 0) {
        const tx = new HomeTx(this, lock);
        const results: unknown[] = [];
        let failed: { at: number; error: unknown } | null = null;
        for (const [at, member] of pending.entries()) {
          try {
            results.push(await member.fn(tx));
          } catch (error) {
            failed = { at, error };
            break;
          }
        }
        if (failed) {
          tx.abandon();
          pending[failed.at]!.reject(failed.error);
          pending = pending.filter((_, i) => i !== failed.at);
          continue;
        }
        stopPoint('commit');
        try {
          await tx.commit().catch(asHomeFault(this.home));
        } catch (e) {
          tx.abandon();
          for (const m of pending) m.reject(e);
          return;
        }
        pending.forEach((m, i) => m.resolve(results[i]));
        return;
      }
    } catch (e) {
      for (const m of members) m.reject(e);
    } finally {
      lock.release();
    }
  }

  /** Completes the change of a process that died while writing it. */
  private async finishInterrupted(): Promise<void> {
    const journal = await readJournal(this.home);
    if (!journal) return;
    await replayJournal(this.home, journal, (key) => this.writeCurrent(key));
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

  watch(onChange: () => void): () => void {
    return watchHome(this.home, onChange);
  }

  async doctor(repair: boolean, now: Date): Promise<FileCheck[]> {
    // Loaded here: no other command reads every file of the home.
    const { doctor } = await import('./doctor.js');
    return doctor(this, repair, now);
  }

  dump(): Promise<StoreDump> {
    return dumpHome(this, this.who());
  }

  load(dump: StoreDump): Promise<void> {
    return loadHome(this, dump, this.who());
  }

  async migrate(): Promise<null> {
    return null;
  }

  /** Nothing stays open: each transaction saved what it checked as it ended. */
  async close(): Promise<void> {}

  /** A change may create the home; a read must not (see requireHome). */
  private async prepare(create: boolean): Promise<void> {
    if (this.ready) return;
    await (create ? ensureHome(this.home) : requireHome(this.home)).catch(asHomeFault(this.home));
    this.ready = true;
  }
}
