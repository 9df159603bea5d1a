import type { ClientBase, QueryResult, QueryResultRow } from 'pg';
import type { Activity } from '../../domain/activity.js';
import type { Config } from '../../domain/config.js';
import type { PlanFile, Sprint, Task } from '../../domain/plan.js';
import { REQUESTS_KEPT, type RequestEntry } from '../../domain/requests.js';
import type { Session, SessionsFile } from '../../domain/session.js';
import type { PlanScope } from '../plan-state.js';
import type { Tx } from '../port.js';

/** One item as loaded: the object a command may change, and the text it was loaded from, to tell whether it did. */
interface Row<T> {
  value: T;
  text: string;
}

const keyOf = (code: string) => code.toLowerCase();
const sessionNumber = (key: string) => Number(key.slice('SESSION-'.length));
/** How many activities a read back asks for at a time. */
const PAGE = 200;

/**
 * A transaction on the shared store: one PostgreSQL transaction on one
 * connection. Items are read on first use and handed out as objects; at the
 * end, what changed is written row by row, what is new inserted, and every
 * listener told. The database keeps concurrent transactions apart
 * (SERIALIZABLE); the store runs one again when the database says it
 * collided with another.
 */
export class PgTx implements Tx {
  private readonly sprints = new Map<string, Row<Sprint>>();
  private sprintsLoaded = false;
  private readonly tasks = new Map<string, Row<Task>>();
  /** Sprint keys (null: the tasks of no sprint) whose tasks are all loaded; 'all' once the whole plan is. */
  private loadedSprints: Set<string | null> | 'all' = new Set();
  private readonly views: PlanFile[] = [];
  /** The whole plan, once asked for: one object from then on, as on the home. */
  private full: PlanFile | null = null;
  private sessionsFile: { file: SessionsFile; rows: Map<string, string> } | null = null;
  private pointer: { value: string | null; changed: boolean } | null = null;
  private readonly lastIds = new Map<string, number>();
  private readonly appended: Activity[] = [];
  private readonly answers: RequestEntry[] = [];
  /** A connection runs one query at a time: callers asking at once (Promise.all) wait their turn. */
  private queries: Promise<unknown> = Promise.resolve();
  /** Loads of the plan, one after another, so that two never load the same task into two objects. */
  private planTurn: Promise<unknown> = Promise.resolve();
  private appends: Promise<unknown> = Promise.resolve();
  private loadingSessions: Promise<SessionsFile> | null = null;
  private loadingConfig: Promise<Config> | null = null;

  constructor(
    private readonly client: ClientBase,
    private readonly who: () => string,
    /** The home's config.json: settings are this machine's, the data the team's. */
    private readonly settings: () => Promise<Config>,
  ) {}

  private query<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<QueryResult<R>> {
    const result = this.queries.then(() => this.client.query<R>(text, values));
    this.queries = result.catch(() => undefined);
    return result;
  }

  config(): Promise<Config> {
    this.loadingConfig ??= this.settings();
    return this.loadingConfig;
  }

  plan(): Promise<PlanFile> {
    return this.inPlanTurn(() => this.loadPlan());
  }

  planAround(scope: PlanScope): Promise<PlanFile> {
    return this.inPlanTurn(() => this.loadAround(scope));
  }

  private inPlanTurn<T>(load: () => Promise<T>): Promise<T> {
    const turn = this.planTurn.then(load);
    this.planTurn = turn.catch(() => undefined);
    return turn;
  }

  private async loadPlan(): Promise<PlanFile> {
    if (this.full) return this.full;
    await this.loadSprints();
    await this.loadTasks(`select t.key, t.body from fragments.tasks t left join fragments.sprints s on s.key = t.sprint order by s.ord nulls last, t.ord`, [], true);
    this.loadedSprints = 'all';
    const full = this.view();
    // What a command added to a plan it was given earlier is in the whole plan too.
    for (const sprint of this.handedOut((v) => v.sprints)) if (!full.sprints.includes(sprint)) full.sprints.push(sprint);
    for (const task of this.handedOut((v) => v.tasks)) if (!full.tasks.includes(task)) full.tasks.push(task);
    this.full = full;
    return full;
  }

  private async loadAround(scope: PlanScope): Promise<PlanFile> {
    if (this.full) return this.full;
    await this.loadSprints();
    const wanted = new Set<string | null>();
    for (const sprint of scope.sprints ?? []) {
      // An unknown code gets its error, with the closest codes, from the whole plan.
      if (sprint !== null && !this.sprints.has(keyOf(sprint))) return this.loadPlan();
      wanted.add(sprint === null ? null : keyOf(sprint));
    }
    if (scope.tasks?.length) {
      const { rows } = await this.query<{ key: string; sprint: string | null }>(`select key, sprint from fragments.tasks where key = any($1)`, [scope.tasks.map(keyOf)]);
      if (rows.length < new Set(scope.tasks.map(keyOf)).size) return this.loadPlan();
      for (const row of rows) wanted.add(row.sprint);
    }
    await this.loadSprintTasks(wanted);
    // And the sprints holding what their rules look at: dependencies, parents, subtasks.
    const held = [...this.tasks.values()].map((r) => r.value);
    const near = [...new Set(held.flatMap((t) => [...t.depends, ...(t.parent ? [t.parent] : [])].map(keyOf)))].filter((k) => !this.tasks.has(k));
    const { rows } = await this.query<{ sprint: string | null }>(
      `select distinct sprint from fragments.tasks where key = any($1) or parent = any($2)`,
      [near, held.map((t) => keyOf(t.code))],
    );
    await this.loadSprintTasks(new Set(rows.map((r) => r.sprint)));
    return this.view();
  }

  sessions(): Promise<SessionsFile> {
    this.loadingSessions ??= this.query<{ key: string; body: Session }>(`select key, body from fragments.sessions order by number`).then(({ rows }) => {
      this.sessionsFile = { file: { schema_version: 1, sessions: rows.map((r) => r.body) }, rows: new Map(rows.map((r) => [r.key, JSON.stringify(r.body)])) };
      return this.sessionsFile.file;
    });
    return this.loadingSessions;
  }

  person(): string {
    return this.who();
  }

  async current(): Promise<string | null> {
    if (!this.pointer) {
      const { rows } = await this.query<{ session: string }>(`select session from fragments.pointers where person = $1`, [this.who()]);
      this.pointer ??= { value: rows[0]?.session ?? null, changed: false };
    }
    return this.pointer.value;
  }

  setCurrent(key: string | null): void {
    if (this.pointer?.value === key) return;
    this.pointer = { value: key, changed: true };
  }

  async requestAnswer(id: string): Promise<RequestEntry | null> {
    const mine = this.answers.find((a) => a.id === id);
    if (mine) return mine;
    const { rows } = await this.query<{ body: RequestEntry }>(`select body from fragments.requests where id = $1`, [id]);
    return rows[0]?.body ?? null;
  }

  async remember(entry: RequestEntry): Promise<void> {
    this.answers.push(entry);
  }

  appendActivity(key: string, make: (id: number) => Activity): Promise<Activity> {
    // One after another: two appends at once must not both take the next number.
    const appended = this.appends.then(async () => {
      let last = this.lastIds.get(key);
      if (last === undefined) {
        const { rows } = await this.query<{ last: number | null }>(`select max(id) as last from fragments.activities where session = $1`, [key]);
        last = rows[0]?.last ?? 0;
      }
      const activity = make(last + 1);
      this.lastIds.set(key, activity.id);
      this.appended.push(activity);
      return activity;
    });
    this.appends = appended.catch(() => undefined);
    return appended;
  }

  async readBack(key: string, enough: (read: Activity[]) => boolean): Promise<Activity[]> {
    let read = this.appended.filter((a) => a.session === key);
    let before = read[0]?.id ?? 2 ** 31 - 1;
    while (!enough(read)) {
      const { rows } = await this.query<{ id: number; body: Activity }>(
        `select id, body from fragments.activities where session = $1 and id < $2 order by id desc limit ${PAGE}`,
        [key, before],
      );
      if (rows.length === 0) break;
      read = [...rows.reverse().map((r) => r.body), ...read];
      before = rows[0]!.id;
    }
    return read;
  }

  /** Writes what the command changed, and tells every listener; returns whether anything was written. */
  async commit(): Promise<boolean> {
    const q = (text: string, values: unknown[]) => this.query(text, values);
    let wrote = false;
    for (const sprint of this.handedOut((v) => v.sprints)) wrote = (await this.writeItem(this.sprints, keyOf(sprint.code), sprint, `insert into fragments.sprints (key, body) values ($1, $2)`, `update fragments.sprints set body = $2 where key = $1`, [])) || wrote;
    for (const task of this.handedOut((v) => v.tasks)) {
      const columns = [task.sprint === null ? null : keyOf(task.sprint), task.parent === null ? null : keyOf(task.parent)];
      wrote =
        (await this.writeItem(this.tasks, keyOf(task.code), task, `insert into fragments.tasks (key, body, sprint, parent) values ($1, $2, $3, $4)`, `update fragments.tasks set body = $2, sprint = $3, parent = $4 where key = $1`, columns)) ||
        wrote;
    }
    for (const session of this.sessionsFile?.file.sessions ?? []) {
      const text = JSON.stringify(session);
      const was = this.sessionsFile!.rows.get(session.key);
      if (was === text) continue;
      if (was === undefined) await q(`insert into fragments.sessions (key, number, body) values ($1, $2, $3)`, [session.key, sessionNumber(session.key), text]);
      else await q(`update fragments.sessions set body = $2 where key = $1`, [session.key, text]);
      wrote = true;
    }
    if (this.appended.length) {
      await q(
        `insert into fragments.activities (session, id, at, body) select * from unnest($1::text[], $2::int[], $3::timestamptz[], $4::json[])`,
        [this.appended.map((a) => a.session), this.appended.map((a) => a.id), this.appended.map((a) => a.at), this.appended.map((a) => JSON.stringify(a))],
      );
      wrote = true;
    }
    for (const entry of this.answers) {
      await q(`insert into fragments.requests (id, at, body) values ($1, $2, $3)`, [entry.id, entry.at, JSON.stringify(entry)]);
      await q(`delete from fragments.requests where id in (select id from fragments.requests order by ord desc offset ${REQUESTS_KEPT})`, []);
      wrote = true;
    }
    if (this.pointer?.changed) {
      if (this.pointer.value === null) await q(`delete from fragments.pointers where person = $1`, [this.who()]);
      else await q(`insert into fragments.pointers (person, session) values ($1, $2) on conflict (person) do update set session = excluded.session`, [this.who(), this.pointer.value]);
      wrote = true;
    }
    if (wrote) await q(`select pg_notify('fragments', $1)`, [this.who()]);
    return wrote;
  }

  private async loadSprints(): Promise<void> {
    if (this.sprintsLoaded) return;
    const { rows } = await this.query<{ key: string; body: Sprint }>(`select key, body from fragments.sprints order by ord`);
    for (const row of rows) this.sprints.set(row.key, { value: row.body, text: JSON.stringify(row.body) });
    this.sprintsLoaded = true;
  }

  private async loadSprintTasks(sprints: Set<string | null>): Promise<void> {
    const loaded = this.loadedSprints as Set<string | null>;
    const missing = [...sprints].filter((s) => !loaded.has(s));
    if (missing.length === 0) return;
    const named = missing.filter((s): s is string => s !== null);
    await this.loadTasks(`select key, body from fragments.tasks where sprint = any($1)${missing.includes(null) ? ' or sprint is null' : ''} order by ord`, [named], false);
    for (const sprint of missing) loaded.add(sprint);
  }

  /** Loads task rows (`whole`: every task, in plan order); a task already handed out keeps its object, so changes made through an earlier view stay. */
  private async loadTasks(sql: string, values: unknown[], whole: boolean): Promise<void> {
    const { rows } = await this.query<{ key: string; body: Task }>(sql, values);
    const order = new Map<string, Row<Task>>();
    for (const row of rows) order.set(row.key, this.tasks.get(row.key) ?? { value: row.body, text: JSON.stringify(row.body) });
    if (whole) {
      // The whole plan in plan order, then anything this transaction made that is not in it yet.
      for (const [key, row] of this.tasks) if (!order.has(key)) order.set(key, row);
      this.tasks.clear();
    }
    for (const [key, row] of order) this.tasks.set(key, row);
  }

  /**
   * A plan of what is loaded. Commands add sprints and tasks to the arrays of
   * the plan they were given; commit finds them there.
   */
  private view(): PlanFile {
    const view: PlanFile = { schema_version: 1, sprints: [...this.sprints.values()].map((r) => r.value), tasks: [...this.tasks.values()].map((r) => r.value) };
    this.views.push(view);
    return view;
  }

  /** Every item of one kind in the plans handed out, each once. */
  private handedOut<T extends object>(of: (view: PlanFile) => T[]): T[] {
    return [...new Set(this.views.flatMap(of))];
  }

  /** Inserts a new item or updates a changed one; true when it wrote. */
  private async writeItem<T>(rows: Map<string, Row<T>>, key: string, value: T, insert: string, update: string, columns: unknown[]): Promise<boolean> {
    const text = JSON.stringify(value);
    const row = rows.get(key);
    if (row && row.value === value && row.text === text) return false;
    await this.query(row ? update : insert, [key, text, ...columns]);
    rows.set(key, { value, text });
    return true;
  }
}
