import type { ClientBase } from 'pg';
import type { Activity } from '../../domain/activity.js';
import { FragmentsError } from '../../domain/errors.js';
import type { Sprint, Task } from '../../domain/plan.js';
import type { RequestEntry } from '../../domain/requests.js';
import type { Session } from '../../domain/session.js';
import type { StoreDump } from '../port.js';

const keyOf = (code: string) => code.toLowerCase();

/** Everything the database holds, in the order the home holds it. */
export async function dumpDatabase(client: ClientBase): Promise<StoreDump> {
  const rows = async <T>(sql: string) => (await client.query<{ body: T }>(sql)).rows.map((r) => r.body);
  const activities: Record<string, Activity[]> = {};
  for (const activity of await rows<Activity>(`select body from fragments.activities order by session, id`)) (activities[activity.session] ??= []).push(activity);
  const sessions = await rows<Session>(`select body from fragments.sessions order by number`);
  for (const session of sessions) activities[session.key] ??= [];
  return {
    sprints: await rows<Sprint>(`select body from fragments.sprints order by ord`),
    tasks: await rows<Task>(`select t.body from fragments.tasks t left join fragments.sprints s on s.key = t.sprint order by s.ord nulls last, t.ord`),
    sessions,
    activities,
    requests: await rows<RequestEntry>(`select body from fragments.requests order by ord`),
    pointers: (await client.query<{ user: string; session: string }>(`select person as user, session from fragments.pointers order by person`)).rows,
  };
}

/** Loads a dump into a database that holds no plan and no session yet. */
export async function loadDatabase(client: ClientBase, dump: StoreDump, where: string): Promise<void> {
  const { rows } = await client.query<{ n: number }>(`select (select count(*) from fragments.sprints) + (select count(*) from fragments.tasks) + (select count(*) from fragments.sessions) as n`);
  if (Number(rows[0]!.n) > 0) {
    throw new FragmentsError('STORE_NOT_EMPTY', `${where} already holds a plan or sessions; store:copy loads only into an empty store. Create an empty one (createdb NAME) and name it.`);
  }
  const json = (items: unknown[]) => items.map((i) => JSON.stringify(i));
  await client.query(`insert into fragments.sprints (key, body) select key, body from unnest($1::text[], $2::json[]) with ordinality as t(key, body, n) order by n`, [dump.sprints.map((s) => keyOf(s.code)), json(dump.sprints)]);
  await client.query(`insert into fragments.tasks (key, sprint, parent, body) select key, sprint, parent, body from unnest($1::text[], $2::text[], $3::text[], $4::json[]) with ordinality as t(key, sprint, parent, body, n) order by n`, [
    dump.tasks.map((t) => keyOf(t.code)),
    dump.tasks.map((t) => (t.sprint === null ? null : keyOf(t.sprint))),
    dump.tasks.map((t) => (t.parent === null ? null : keyOf(t.parent))),
    json(dump.tasks),
  ]);
  await client.query(`insert into fragments.sessions (key, number, body) select * from unnest($1::text[], $2::int[], $3::json[])`, [
    dump.sessions.map((s) => s.key),
    dump.sessions.map((s) => Number(s.key.slice('SESSION-'.length))),
    json(dump.sessions),
  ]);
  const activities = Object.values(dump.activities).flat();
  for (let i = 0; i < activities.length; i += 5000) {
    const chunk = activities.slice(i, i + 5000);
    await client.query(`insert into fragments.activities (session, id, at, body) select * from unnest($1::text[], $2::int[], $3::timestamptz[], $4::json[])`, [
      chunk.map((a) => a.session),
      chunk.map((a) => a.id),
      chunk.map((a) => a.at),
      json(chunk),
    ]);
  }
  await client.query(`insert into fragments.requests (id, at, body) select id, at, body from unnest($1::text[], $2::timestamptz[], $3::json[]) with ordinality as t(id, at, body, n) order by n`, [dump.requests.map((r) => r.id), dump.requests.map((r) => r.at), json(dump.requests)]);
  await client.query(`insert into fragments.pointers (person, session) select * from unnest($1::text[], $2::text[])`, [dump.pointers.map((p) => p.user), dump.pointers.map((p) => p.session)]);
  await client.query(`select pg_notify('fragments', 'store:copy')`);
}
