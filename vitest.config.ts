import { defineConfig } from 'vitest/config';

/**
 * Two projects. `home`: every test, on the home folder. `postgres`, when a
 * server is given (FRAGMENTS_TEST_PG; .ci/run starts one): the tests of the
 * faces run again with each home's data in a database of its own, so every
 * command and face is shown to answer the same on both stores. Left out there:
 * the tests of what only a home folder has (its files, backups, lock, doctor's
 * repairs of files).
 */
const HOME_FOLDER_ONLY = [
  'test/e2e/activity-segments.test.ts',
  'test/e2e/checked-files.test.ts',
  'test/e2e/damaged-files.test.ts',
  'test/e2e/doctor-agreement.test.ts',
  'test/e2e/doctor-review.test.ts',
  'test/e2e/example-home.test.ts',
  'test/e2e/frozen-holder.test.ts',
  'test/e2e/home-faults.test.ts',
  'test/e2e/light-sprint.test.ts',
  'test/e2e/lock-queue.test.ts',
  'test/e2e/plan-files.test.ts',
  'test/e2e/stale-lock.test.ts',
  'test/e2e/write-cost.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'home', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] } },
      ...(process.env.FRAGMENTS_TEST_PG
        ? [{ extends: true, test: { name: 'postgres', include: ['test/e2e/**/*.test.ts'], exclude: HOME_FOLDER_ONLY, env: { FRAGMENTS_TEST_STORE: 'postgres' } } }]
        : []),
    ],
  },
});
