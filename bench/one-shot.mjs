// One-shot commands as real processes, timed from spawn to exit. Every
// command of a comparison runs once per round, rounds alternate, so a burst of
// load from elsewhere on the machine lands on all of them alike.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// bash times the child and reports its CPU (user + system) with `times`: on a
// machine shared with other work, CPU time moves far less than wall time.
const TIMED = 't0=$EPOCHREALTIME; "$@" >/dev/null 2>&1; t1=$EPOCHREALTIME; echo "$t0 $t1"; times';
const seconds = (text) => {
  const [, m, s] = /(\d+)m([\d.]+)s/.exec(text);
  return Number(m) * 60 + Number(s);
};

function timeRun(args, env, cwd) {
  const out = execFileSync('bash', ['-c', TIMED, 'bench', process.execPath, ...args], { env: { ...process.env, ...env, LC_ALL: 'C' }, encoding: 'utf8', cwd });
  const [span, , children] = out.trim().split('\n');
  const [t0, t1] = span.split(' ').map(Number);
  const [user, system] = children.split(' ').map(seconds);
  return { wall: (t1 - t0) * 1000, cpu: (user + system) * 1000 };
}

/**
 * Runs `rounds` rounds of `cases` ({ label, args, cwd, home?, env?, fresh? }) and returns
 * each label's wall and CPU times. A case marked `fresh` changes its home for good (done),
 * so each of its runs gets a new copy of the home, made before the clock starts.
 * `fresh` holds the arguments of a command run on the copy before the clock starts:
 * a copy is a home someone else wrote, whose files the first command checks in full
 * (see .checked.json in the README), while a user's command finds them checked.
 */
export function alternate(cases, rounds) {
  const times = Object.fromEntries(cases.map((c) => [c.label, { wall: [], cpu: [] }]));
  for (let i = 0; i < rounds; i++) {
    for (const c of cases) {
      let home = c.home;
      if (c.fresh) {
        home = mkdtempSync(join(tmpdir(), 'fragments-bench-copy-'));
        cpSync(c.home, home, { recursive: true });
        execFileSync(process.execPath, c.fresh, { env: { ...process.env, FRAGMENTS_HOME: home }, stdio: 'ignore', cwd: c.cwd });
        // The copy's pages go to disk now, not inside the timed command's first fsync.
        execFileSync('sync');
      }
      const { wall, cpu } = timeRun(c.args, { ...(home ? { FRAGMENTS_HOME: home } : {}), ...c.env }, c.cwd);
      times[c.label].wall.push(wall);
      times[c.label].cpu.push(cpu);
      if (c.fresh) rmSync(home, { recursive: true, force: true });
    }
  }
  return times;
}
