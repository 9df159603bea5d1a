import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';

/**
 * Runs the spawned faces of a test file on PostgreSQL instead of the home
 * folder: with FRAGMENTS_TEST_STORE=postgres (the `postgres` project of
 * vitest.config.ts), each home a test names gets a database of its own on the
 * server FRAGMENTS_TEST_PG, handed to the process as FRAGMENTS_STORE. The
 * test itself does not change: the same commands must answer the same.
 */
const SERVER = process.env.FRAGMENTS_TEST_STORE === 'postgres' ? process.env.FRAGMENTS_TEST_PG : undefined;
const databases = new Map<string, string>();

afterAll(() => {
  if (!SERVER || databases.size === 0) return;
  const names = [...databases.values()].map((url) => new URL(url).pathname.slice(1));
  databases.clear();
  // One -c each: a database is dropped outside any transaction block.
  execFileSync('psql', [SERVER, '-q', ...names.flatMap((n) => ['-c', `drop database if exists ${n} with (force)`])], { stdio: 'ignore' });
});

/** What a process acting on `home` needs in its environment: FRAGMENTS_STORE when the tests run on PostgreSQL, else nothing. */
export function storeEnv(home: string): Record<string, string> {
  if (!SERVER) return {};
  let url = databases.get(home);
  if (!url) {
    const name = `fragments_e2e_${randomBytes(5).toString('hex')}`;
    // Synchronous, as the test helpers that name homes are.
    execFileSync('psql', [SERVER, '-q', '-c', `create database ${name}`], { stdio: 'ignore' });
    const parsed = new URL(SERVER);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    databases.set(home, url);
  }
  // Who works here is a person on a shared store: the same one wherever a test runs a command from.
  return { FRAGMENTS_STORE: url, FRAGMENTS_USER: process.env.FRAGMENTS_USER ?? 'tester@example.com' };
}

/** Whether the spawned faces of this test file run on PostgreSQL: for the few checks that only a home folder can make (its files, its lock). */
export const onPostgres = SERVER !== undefined;

/** The environment naming `home` (and its database, when the tests run on PostgreSQL) for a spawned face. */
export function homeEnv(home: string): Record<string, string> {
  return { FRAGMENTS_HOME: home, ...storeEnv(home) };
}

/** The same, as `NAME=value` words for a shell line (tmux). */
export function homeEnvWords(home: string): string {
  return Object.entries(homeEnv(home))
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}
