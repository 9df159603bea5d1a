import { readJournal, replayJournal } from './journal.js';
import { asHomeFault } from './faults.js';
import { ensureHome, requireHome } from './home.js';
import { HomeFiles } from './home-files.js';
import { HomeTx } from './home-tx.js';
import { lockHome, type HomeLock } from './lock.js';
import type { FileCheck } from './doctor-files.js';
import { dumpHome, loadHome } from './home-dump.js';
import type { Store, StoreDump } from './port.js';
import { watchHome } from './watch.js';
import { stopPoint } from './stop-points.js';

/** A change waiting in a group, and how to answer it. */
interface Member {
  fn: (tx: HomeTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The home folder: JSON files, a cross-process lock, atomic durable writes, a journal for changes of several files. */
export class HomeStore extends HomeFiles implements Store {
  private ready = false;
  private turn: Promise<unknown> = Promise.resolve();
  /** Changes waiting for their turn, to be written together. */
  private group: Member[] | null = null;

  readonly where: string;

  /** `user` names whoever runs this, for the pointer a copy of the home carries (store:copy). */
  constructor(
    home: string,
    readonly who: () => string = () => 'unknown',
  ) {
    super(home);
    this.where = home;
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
      // Before the release: the next holder then trusts the files just written instead of checking them in full.
      this.checked.save();
      lock.release();
    }
  }

  /** Completes the change of a process that died while writing it. */
  private async finishInterrupted(): Promise<void> {
    const journal = await readJournal(this.home);
    if (!journal) return;
    await replayJournal(this.home, journal, (key) => this.writeCurrent(key));
    this.forgetAll();
  }

  /**
   * Saves which files this process checked or wrote (.checked.json). A commit
   * calls it while its folders' fsync runs, so the record is written while
   * the disk works; it holds facts about files' versions, true whether or not
   * the change then completes.
   */
  saveChecked(): void {
    this.checked.save();
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
