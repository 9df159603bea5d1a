import type { Activity } from '../domain/activity.js';
import type { Config } from '../domain/config.js';
import type { PlanFile, Sprint, Task } from '../domain/plan.js';
import type { RequestEntry } from '../domain/requests.js';
import type { Session, SessionsFile } from '../domain/session.js';
import type { FileCheck } from './doctor-files.js';
import type { PlanScope } from './plan-state.js';

/**
 * The store's contract: what every command and face may ask of the place the
 * data lives, a home folder or a PostgreSQL database. Nothing above store/
 * knows which one it has. A transaction hands out the state as plain objects;
 * a command changes them in place, and the store writes back what changed when
 * the command ends, all of it or none.
 */
export interface Tx {
  /** The settings of this machine's home (config.json), whichever store holds the data. */
  config(): Promise<Config>;
  /** The whole plan: for commands whose answer spans it (lists, import, reports). */
  plan(): Promise<PlanFile>;
  /**
   * The plan as far as `scope` needs it: every sprint, the tasks of the
   * sprints named and of those holding the dependencies, parent and subtasks
   * of what they hold, so that the rules answer as on the whole plan.
   */
  planAround(scope: PlanScope): Promise<PlanFile>;
  sessions(): Promise<SessionsFile>;
  /** Who runs this on a shared store, recorded on their sessions and activities; null on a home folder, which is one person's. */
  person(): string | null;
  /** The current session of whoever runs this (the home's pointer; a person's own on a shared store), or null. */
  current(): Promise<string | null>;
  setCurrent(key: string | null): void;
  /** The answer first given to request `id`, or null. */
  requestAnswer(id: string): Promise<RequestEntry | null>;
  /** Keeps the answer to a request, so that a retry gets it back and changes nothing. */
  remember(entry: RequestEntry): Promise<void>;
  /** Appends the activity `make` builds from its number, the session's next one. */
  appendActivity(key: string, make: (id: number) => Activity): Promise<Activity>;
  /**
   * The session's activities, oldest first, read from the newest back until
   * `enough` says so of what has been read: a command pays for how far it
   * looks back, not for how long the history is.
   */
  readBack(key: string, enough: (read: Activity[]) => boolean): Promise<Activity[]>;
}

/** Everything a store holds, for store:copy: one store's dump loaded into an empty one gives the same dump back. */
export interface StoreDump {
  sprints: Sprint[];
  tasks: Task[];
  sessions: Session[];
  /** Each session's whole history, oldest first. */
  activities: Record<string, Activity[]>;
  requests: RequestEntry[];
  /** Who points at which session: the home's one pointer is the user who copies it. */
  pointers: { user: string; session: string }[];
}

export interface Store {
  /**
   * The local folder of this machine's own files (the API token, the prompt's
   * history); for the home-folder store, the data too.
   */
  readonly home: string;
  /** Whoever runs this (FRAGMENTS_USER, --user, git's user.email, the OS user), worked out when first asked. */
  readonly who: () => string;
  /** Where the data lives, for messages: the home's path, or the database's URL without its password. */
  readonly where: string;
  /** One change: all of it is written, or none; concurrent changes never lose one another's. */
  transact<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A read: it sees one consistent state, and changes nothing. */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A change tried and thrown away (a dry run): it sees what a change would, writes nothing, creates nothing. */
  simulate<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Calls `onChange` soon after any process (on any machine, for a shared store) changed the data; returns the way to stop. */
  watch(onChange: () => void): () => void;
  /** Checks the data and the references within it; with `repair`, brings back the last acknowledged state. */
  doctor(repair: boolean, now: Date): Promise<FileCheck[]>;
  dump(): Promise<StoreDump>;
  /** Loads a dump into this store, which must hold nothing yet. */
  load(dump: StoreDump): Promise<void>;
  /**
   * Brings the store's schema up to this version now (it is also done on
   * first use); says from which version to which. Null for a home folder,
   * whose files are brought up to date as they are read.
   */
  migrate(): Promise<{ from: number; to: number } | null>;
  /** Lets a one-shot process end: closes connections. */
  close(): Promise<void>;
}
