import type { ActivityFile, Activity } from '../domain/activity.js';
import type { Config } from '../domain/config.js';
import type { PlanFile } from '../domain/plan.js';
import { REQUESTS_KEPT, type RequestEntry } from '../domain/requests.js';
import type { SessionsFile } from '../domain/session.js';
import { FragmentsError } from '../domain/errors.js';
import { join } from 'node:path';
import { DurableTextFile, discardDrafts, discardStaged, syncDrafts, syncFolders, type Draft } from './durable-file.js';
import { homeFault } from './faults.js';
import type { FileWrite, TxFile } from './json-file.js';
import { JOURNAL, dropJournal, replayJournal, type Journal } from './journal.js';
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
   * Writes what changed. A change of one file is staged (written and
   * fsynced beside its target), renamed into place and its folder fsynced.
   * Several files go through the journal, so a kill never leaves half a
   * change: the journal and every file are written beside their targets and
   * fsynced together before any is renamed into place, so a full disk fails
   * the command before the home holds any of it, journal included: its answer
   * "run it again" is true. The journal is put in place (and its folder
   * fsynced) before the files are, and removed once their folders are
   * fsynced. Nothing is written unless this process still holds the lock.
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
    if (changes.length + (pointer === undefined ? 0 : 1) === 1) return this.commitOne(changes[0], pointer);
    const journal: Journal = { files: changes.map((c) => ({ rel: c.file.rel, text: c.text })), ...(pointer === undefined ? {} : { current: pointer }) };
    const staged = await this.stageAll(journal, changes, pointer);
    stopPoint('journal');
    try {
      const copies = changes.map(({ file, text, value, change }, i) => {
        const keepCopy = file.install(staged.files[i]!, text, value, change);
        if (i === 0) stopPoint('installing');
        return keepCopy;
      });
      if (pointer !== undefined) this.store.installCurrent(pointer, staged.pointer);
      const synced = syncFolders(changes.map((c) => c.file.folder));
      // The change is committed (its journal is on disk): its copies and the record of checked files are written while the disk works.
      for (const keepCopy of copies) keepCopy();
      this.store.saveChecked();
      await synced;
      dropJournal(this.store.home);
      stopPoint('installed');
    } catch (e) {
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

  /**
   * A change of one file (or the pointer alone): no journal, since one rename
   * is whole or not at all. The home's folder is fsynced with the file's, so
   * the removal of an earlier change's journal is on disk too (see dropJournal).
   */
  private async commitOne(change: FileWrite | undefined, pointer: string | null | undefined): Promise<void> {
    stopPoint('journal');
    if (change) {
      const { file, text, value } = change;
      const keepCopy = file.install(file.stage(text), text, value, change.change);
      const synced = syncFolders([file.folder, this.store.home]);
      keepCopy();
      this.store.saveChecked();
      await synced;
    } else {
      this.store.installCurrent(pointer!, pointer ? this.store.stageCurrent(pointer) : null);
    }
    stopPoint('installed');
  }

  /**
   * The journal and every file beside its target, all fsynced, then the
   * journal in place: from here on the change is committed. On a failure
   * (a full disk) nothing was put in place, and every temporary file goes.
   */
  private async stageAll(journal: Journal, changes: FileWrite[], pointer: string | null | undefined): Promise<{ files: string[]; pointer: string | null }> {
    const journalFile = new DurableTextFile(join(this.store.home, JOURNAL));
    const drafts: Draft[] = [];
    let pointerStaged: string | null = null;
    try {
      drafts.push(journalFile.draft(JSON.stringify(journal)));
      for (const { file, text } of changes) drafts.push(file.draft(text));
      await syncDrafts(drafts);
      if (pointer) pointerStaged = this.store.stageCurrent(pointer);
      journalFile.install(drafts[0]!.temp);
    } catch (e) {
      discardDrafts(drafts);
      if (pointerStaged) discardStaged(pointerStaged);
      throw e;
    }
    return { files: drafts.slice(1).map((d) => d.temp), pointer: pointerStaged };
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
