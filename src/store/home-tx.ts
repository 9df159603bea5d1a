import type { ActivityFile, Activity } from '../domain/activity.js';
import type { Config } from '../domain/config.js';
import type { PlanFile } from '../domain/plan.js';
import { REQUESTS_KEPT, type RequestEntry } from '../domain/requests.js';
import type { SessionsFile } from '../domain/session.js';
import { FragmentsError } from '../domain/errors.js';
import { discardStaged } from './durable-file.js';
import { homeFault } from './faults.js';
import type { FileWrite, TxFile } from './json-file.js';
import { clearJournal, replayJournal, writeJournal, type Journal } from './journal.js';
import type { HomeLock } from './lock.js';
import type { Tx } from './port.js';
import { appendToSegments, readSegmentsBack } from './segments.js';
import { stopPoint } from './stop-points.js';
import { PlanState, type PlanScope } from './plan-state.js';
import type { HomeStore } from './home-store.js';

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
    this.planState ??= new PlanState(this.store.planFiles, (file, light) => this.use(file, light));
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
  private use<T>(file: TxFile<T>, light = false): Promise<T> {
    const key = file as TxFile<unknown>;
    if (!this.used.has(key)) this.used.set(key, file.open(this.lock !== null, light));
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

/** A fault met while finishing a committed change: the change is safe in the journal, and must not be made again. */
function pending(e: Error): Error {
  const message = `${e.message.replace(/ Free some space, then run the command again\.$/, '')} The change itself is recorded in the journal and is finished by the next command once this is fixed: do not run it again.`;
  return e instanceof FragmentsError ? new FragmentsError(e.code, message, { ...e.details, pending: true }) : new Error(message);
}
