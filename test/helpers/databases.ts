import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

/**
 * A PostgreSQL server for the tests of the shared store: FRAGMENTS_TEST_PG, a
 * URL with the right to create databases. .ci/run starts a throwaway cluster
 * and sets it, so CI always runs these tests; elsewhere they are skipped,
 * saying how to start one.
 */
export const PG_URL = process.env.FRAGMENTS_TEST_PG;
export const pgMissing = PG_URL
  ? undefined
  : 'no PostgreSQL server: start a throwaway one with `eval "$(scripts/pg-cluster.sh start)"` (it sets FRAGMENTS_TEST_PG), as .ci/run does';

const made: string[] = [];
afterAll(async () => {
  if (!PG_URL || made.length === 0) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  for (const name of made.splice(0)) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

/** A new, empty database on the test server, dropped when the test file ends; its URL. */
export async function freshDatabase(label = 'db'): Promise<string> {
  if (!PG_URL) throw new Error(pgMissing);
  const name = `fragments_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  made.push(name);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
