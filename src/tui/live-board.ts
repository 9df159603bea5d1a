import type { Answer, DataOf } from '../commands/catalogue.js';
import type { Envelope } from '../runner/define.js';

/** The board's answer: what a screen shows of one session. */
export type BoardAnswer = Envelope<DataOf<'board'>>;

export interface BoardSnapshot {
  /** The last board that loaded; kept while a later load fails, so the screen never goes blank. */
  envelope: BoardAnswer | null;
  /** Why the latest load failed (a damaged file, say), or null. */
  error: { code: string; message: string } | null;
  /** When it arrived, by this machine's clock: timers tick from here. */
  receivedAt: number;
  /**
   * The screen's own session: the one it opened on or started, where its
   * commands go. Null once that session ended: the screen then follows the
   * home's current session, and says so.
   */
  own: string | null;
  /** Another session watched read-only, or null for the screen's own. */
  watching: string | null;
}

export interface LiveBoard {
  subscribe(listener: () => void): () => void;
  getSnapshot(): BoardSnapshot;
  /** Loads the board again now; loads asked for meanwhile collapse into one more. */
  refresh(): Promise<void>;
  /** Shows another session's board (read-only), or the screen's own again with null. */
  watch(key: string | null): Promise<void>;
  /** Makes `key` the screen's own session (null: its own ended), and shows it. */
  own(key: string | null): Promise<void>;
  /** The screen's own session now, even before the board showing it has loaded. */
  ownKey(): string | null;
  /**
   * How many times the home was read again (it changed, or a reload was
   * asked for): what the screen read apart from the board (the codes to
   * complete) is as fresh as this count when it was read.
   */
  reads(): number;
  close(): void;
}

/**
 * An external store for `useSyncExternalStore`: the board of the screen's
 * own session (or the one it watches), loaded again whenever the home
 * changes (by this process or any other), with an immutable snapshot that
 * is replaced only by a load. `load(null)` is the home's current session.
 */
export function createLiveBoard(load: (key: string | null) => Promise<Answer>, watch: (onChange: () => void) => () => void, own: string | null = null): LiveBoard {
  let snapshot: BoardSnapshot = { envelope: null, error: null, receivedAt: Date.now(), own, watching: null };
  let watching: string | null = null;
  const listeners = new Set<() => void>();
  let loading: Promise<void> | null = null;
  let again = false;
  let closed = false;
  /** What the snapshot's board shows, as shows() gives it. */
  let shown = '';

  const loadOnce = async () => {
    const asked = { own, watching };
    const loaded = await load(asked.watching ?? asked.own).then(
      (envelope) => ({ envelope, error: envelope.error }),
      (e: unknown) => ({ envelope: null, error: { code: 'INTERNAL', message: (e as Error).message } }),
    );
    if (closed) return;
    const { envelope } = loaded;
    const data = envelope?.success ? envelope.data : null;
    if (envelope && data?.ui === 'board') {
      const before = snapshot.envelope;
      const same = before !== null && snapshot.error === null && snapshot.own === asked.own && snapshot.watching === asked.watching;
      const next = { ...envelope, data: same ? sharing(before.data, data) : data };
      const text = shows(next);
      // A write elsewhere that changes nothing this board shows (another session's log, a backup) redraws nothing.
      if (same && text === shown && sameItems(before.data.activities, next.data.activities) && sameItems(before.data.others, next.data.others)) return;
      shown = text;
      snapshot = { envelope: next, error: null, receivedAt: Date.now(), ...asked };
    } else {
      snapshot = { ...snapshot, error: loaded.error ?? { code: 'INTERNAL', message: 'The home could not be read.' } };
    }
    for (const listener of listeners) listener();
  };

  let reads = 0;
  const refresh = (): Promise<void> => {
    reads++;
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      do {
        again = false;
        await loadOnce();
      } while (again && !closed);
    })().finally(() => {
      loading = null;
    });
    return loading;
  };

  // The home is watched from the first subscriber on: by then it exists (opening the screen may have made it).
  let unwatch: (() => void) | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!unwatch && !closed) {
        unwatch = watch(() => void refresh());
        // What changed between the first load and the watch starting is not missed.
        void refresh();
      }
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    refresh,
    watch(key) {
      watching = key === own ? null : key;
      return refresh();
    },
    own(key) {
      own = key;
      watching = null;
      // The board shown is already that session's: it becomes the screen's own without a load (the home's watch brings later changes).
      if (snapshot.envelope && snapshot.envelope.data.session_key === key && snapshot.watching === null) {
        snapshot = { ...snapshot, own: key };
        for (const listener of listeners) listener();
        return Promise.resolve();
      }
      return refresh();
    },
    ownKey: () => own,
    reads: () => reads,
    close() {
      closed = true;
      unwatch?.();
    },
  };
}

type Board = DataOf<'board'>;

/**
 * What a board shows, as text to compare: all but the moment it was read
 * (timers tick on from the snapshot's) and the feed's lines, which sharing()
 * keeps as the same objects while they are the same lines (sameItems). Costs
 * a pass over the panels, not a redraw.
 */
function shows(envelope: BoardAnswer): string {
  const { at: _at, activities: _activities, others: _others, ...shown } = envelope.data;
  return JSON.stringify([shown, envelope.instructions]);
}

const sameItems = <T>(a: T[], b: T[]): boolean => a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * The new board, keeping the previous one's objects where nothing changed
 * (the activities and other sessions' news already shown), so that what the
 * screen derives from them (feed lines and rows) is not built again for
 * every write of an agent: its cost follows the change, not the plan.
 */
function sharing(before: Board, after: Board): Board {
  const byId = new Map(before.activities.map((a) => [`${a.session}:${a.id}`, a]));
  const activities = after.activities.map((a) => byId.get(`${a.session}:${a.id}`) ?? a);
  const eventKey = (e: Board['others'][number]) => JSON.stringify(e);
  const events = new Map(before.others.map((e) => [eventKey(e), e]));
  const others = after.others.map((e) => events.get(eventKey(e)) ?? e);
  return { ...after, activities, others };
}
