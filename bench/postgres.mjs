// The shared store beside the home folder: one-shot commands on each, and a
// team's concurrent writers. The server is FRAGMENTS_TEST_PG when set, else a
// throwaway cluster started here (scripts/pg-cluster.sh) and stopped after.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { alternate } from './one-shot.mjs';
import { percentile, summary } from './stats.mjs';

const run = promisify(execFile);

/** A server to measure on: { url, stop }, or { missing } saying why there is none. */
function server(root) {
  if (process.env.FRAGMENTS_TEST_PG) return { url: process.env.FRAGMENTS_TEST_PG, stop: () => undefined };
  try {
    const exports = execFileSync(join(root, 'scripts', 'pg-cluster.sh'), ['start'], { encoding: 'utf8' });
    const url = /FRAGMENTS_TEST_PG=(\S+)/.exec(exports)[1];
    const dir = /PG_CLUSTER_DIR=(\S+)/.exec(exports)[1];
    return { url, stop: () => execFileSync(join(root, 'scripts', 'pg-cluster.sh'), ['stop', dir]) };
  } catch (e) {
    return { missing: `no PostgreSQL server (${String(e.message).split('\n')[0]})` };
  }
}

function database(url) {
  const name = `fragments_bench_${randomBytes(4).toString('hex')}`;
  execFileSync('psql', [url, '-q', '-c', `create database ${name}`]);
  const at = new URL(url);
  at.pathname = `/${name}`;
  return { name, url: at.toString() };
}

/**
 * `example` is a home with the example plan, a session and an active task.
 * Returns rows for the table: [figure, value, reference, note, cpu].
 */
export async function postgresFigures({ root, bin, example, rounds, outside }) {
  const pg = server(root);
  if (pg.missing) return [['PostgreSQL store: not measured', null, null, `${pg.missing}; set FRAGMENTS_TEST_PG or install PostgreSQL (see .ci/run)`]];
  const made = [];
  const temp = mkdtempSync(join(tmpdir(), 'fragments-bench-pg-'));
  try {
    const env = (store, user = 'ann@example.com') => ({ FRAGMENTS_STORE: store, FRAGMENTS_USER: user });
    const frag = (home, extra, ...args) => execFileSync(process.execPath, [bin, ...args, '--json'], { env: { ...process.env, FRAGMENTS_HOME: home, ...extra }, stdio: 'ignore', cwd: outside });

    // The same plan and session, in a database: copied from the example home, as a team would move.
    const shared = database(pg.url);
    made.push(shared.name);
    const home = join(temp, 'home');
    cpSync(example, home, { recursive: true });
    frag(home, { FRAGMENTS_USER: 'ann@example.com' }, 'store:copy', '--to', shared.url);
    frag(home, env(shared.url), 'update', 'bench: ready');

    const cases = [
      { label: 'home update', args: [bin, 'update', 'bench: one line'], home, cwd: outside },
      { label: 'pg update', args: [bin, 'update', 'bench: one line'], home, env: env(shared.url), cwd: outside },
      { label: 'home status', args: [bin, 'session:status'], home, cwd: outside },
      { label: 'pg status', args: [bin, 'session:status'], home, env: env(shared.url), cwd: outside },
    ];
    const times = alternate(cases, rounds);
    const wall = (label) => summary(times[label].wall);
    const cpu = (label, ref) => ({ value: summary(times[label].cpu), reference: summary(times[ref].cpu) });
    const rows = [
      ['fragments update, PostgreSQL store', wall('pg update'), wall('home update'), 'example plan; vs the same on the home folder', cpu('pg update', 'home update')],
      ['fragments session:status, PostgreSQL store', wall('pg status'), wall('home status'), 'example plan; vs the same on the home folder', cpu('pg status', 'home status')],
    ];

    // A team: two people, four writer processes each, 100 updates per writer, one database.
    const team = database(pg.url);
    made.push(team.name);
    const people = ['ann@example.com', 'bob@example.com'].map((user, i) => {
      const own = join(temp, `person-${i}`);
      if (i === 0) {
        cpSync(example, own, { recursive: true });
        frag(own, { FRAGMENTS_USER: user }, 'store:copy', '--to', team.url);
      }
      frag(own, env(team.url, user), 'session:start');
      frag(own, env(team.url, user), 'task:activate', ['T-SESS-01-MODELS', 'T-SESS-01-MGR'][i]);
      return { user, home: own };
    });
    const latencies = [];
    let acknowledged = 0;
    const began = process.hrtime.bigint();
    await Promise.all(
      people.flatMap((p) =>
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; i < 100; i++) {
            const t0 = process.hrtime.bigint();
            const { stdout } = await run(process.execPath, [bin, 'update', `team ${p.user} ${w} ${i}`, '--json'], { env: { ...process.env, FRAGMENTS_HOME: p.home, ...env(team.url, p.user) }, cwd: outside });
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            if (JSON.parse(stdout).success) acknowledged++;
          }
        }),
      ),
    );
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    let recorded = 0;
    for (const p of people) {
      const { stdout } = await run(process.execPath, [bin, 'history', '--limit', '2000', '--json'], { env: { ...process.env, FRAGMENTS_HOME: p.home, ...env(team.url, p.user) } });
      recorded += JSON.parse(stdout).data.activities.filter((a) => a.kind === 'update' && a.text?.startsWith('team ')).length;
    }
    const p95 = Math.round(percentile(latencies, 95) * 10) / 10;
    rows.push([
      'PostgreSQL: 8 writers × 100 update from two people, p95 (ms)',
      p95,
      null,
      `median ${Math.round(percentile(latencies, 50))} ms, ${Math.round(800 / seconds)} commands/s; ${acknowledged - recorded} lost of ${acknowledged} acknowledged (must be 0)`,
    ]);
    return rows;
  } finally {
    for (const name of made) execFileSync('psql', [pg.url, '-q', '-c', `drop database if exists ${name} with (force)`], { stdio: 'ignore' });
    pg.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}
