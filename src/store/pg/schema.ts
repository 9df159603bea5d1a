import type { ClientBase } from 'pg';
import { FragmentsError } from '../../domain/errors.js';

/**
 * The tables of a shared store, in the schema `fragments` of the database the
 * URL names. Each row holds one item as the home's files hold it (the JSON of
 * a sprint, a task, a session, an activity), beside the columns that find it:
 * keys in lower case, since codes match without case. Bodies are `json`, not
 * `jsonb`: kept as written, field order included, and never searched inside.
 *
 * MIGRATIONS[i] takes a database from version i to i + 1, in one transaction.
 */
const MIGRATIONS: string[] = [
  `create schema if not exists fragments;
   create table fragments.meta (key text primary key, value json not null);
   create sequence fragments.ord;
   create table fragments.sprints (key text primary key, ord bigint not null default nextval('fragments.ord'), body json not null);
   create table fragments.tasks (
     key text primary key,
     sprint text,
     parent text,
     ord bigint not null default nextval('fragments.ord'),
     body json not null
   );
   create index tasks_by_sprint on fragments.tasks (sprint, ord);
   create index tasks_by_parent on fragments.tasks (parent) where parent is not null;
   create table fragments.sessions (key text primary key, number int not null unique, body json not null);
   create table fragments.activities (
     session text not null,
     id int not null,
     at timestamptz not null,
     body json not null,
     primary key (session, id)
   );
   create table fragments.requests (id text primary key, ord bigint not null default nextval('fragments.ord'), at timestamptz not null, body json not null);
   create index requests_by_age on fragments.requests (ord);
   create table fragments.pointers (person text primary key, session text not null);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Serializes the creation and migration of the schema among the processes that find it missing or old. */
const MIGRATION_LOCK = 0x66726167;

/** The version of the database's schema; 0 when it has none yet. Asked without failing, so it may run inside a transaction. */
export async function schemaVersion(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ present: string | null }>(`select to_regclass('fragments.meta')::text as present`);
  if (!rows[0]?.present) return 0;
  const found = await client.query<{ value: number }>(`select value from fragments.meta where key = 'schema_version'`);
  return Number(found.rows[0]?.value ?? 0);
}

/**
 * Brings the database to this build's schema, applying what is missing in
 * one transaction; returns the versions before and after. A database of a
 * newer version is refused, as a newer home is, and left as it is.
 */
export async function migrate(client: ClientBase, where: string): Promise<{ from: number; to: number }> {
  const found = await schemaVersion(client);
  if (found > SCHEMA_VERSION) throw newer(where, found);
  if (found === SCHEMA_VERSION) return { from: found, to: found };
  // A lock held across the transaction: the transaction begins once the lock is had, so it sees
  // (a catalog it looked up before it waited would still say no table) what the last holder made.
  await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('begin');
    const from = await schemaVersion(client);
    if (from > SCHEMA_VERSION) throw newer(where, from);
    for (let v = from; v < SCHEMA_VERSION; v++) await client.query(MIGRATIONS[v]!);
    await client.query(
      `insert into fragments.meta (key, value) values ('schema_version', $1) on conflict (key) do update set value = excluded.value`,
      [JSON.stringify(SCHEMA_VERSION)],
    );
    await client.query('commit');
    return { from, to: SCHEMA_VERSION };
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}

function newer(where: string, version: number): FragmentsError {
  return new FragmentsError(
    'NEWER_VERSION',
    `The store ${where} has schema version ${version}, made by a newer Fragments; this one reads up to version ${SCHEMA_VERSION}. It was left untouched. Upgrade fragments to use it.`,
    { version, supported: SCHEMA_VERSION },
  );
}
