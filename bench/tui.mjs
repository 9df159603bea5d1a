// TUI figures: time to first frame in a real pty (util-linux `script`), and idle CPU with a running timer.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { common, splitEsm } from '../scripts/bundle-options.mjs';

/** Bundles bench/minimal-ink.jsx with the TUI's own build options, into a temporary folder. */
export async function buildMinimalInk(root) {
  const outdir = mkdtempSync(join(tmpdir(), 'fragments-bench-ink-'));
  await build({ ...common, ...splitEsm, entryPoints: [join(root, 'bench', 'minimal-ink.jsx')], outdir });
  return { dir: outdir, file: join(outdir, 'minimal-ink.js') };
}

/** Starts `args` under node in an 80×24 pty; resolves with the child once `marker` is on screen, and the ms it took. */
export function inPty(args, env, marker) {
  const command = `stty cols 80 rows 24; exec ${[process.execPath, ...args].map((a) => `'${a}'`).join(' ')}`;
  const started = process.hrtime.bigint();
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env, TERM: 'xterm-256color' }, stdio: ['pipe', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`never saw "${marker}" in the pty`)), 20_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      if (seen.includes(marker)) {
        clearTimeout(timer);
        resolve({ child, ms: Number(process.hrtime.bigint() - started) / 1e6 });
      }
    });
  });
}

/** Kills the pty and what runs in it. */
export function stop(child) {
  for (const pid of descendants(child.pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  child.kill('SIGKILL');
}

function descendants(pid) {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const kids = out.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter(([, ppid]) => ppid === pid).map(([p]) => p);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

/** CPU time (user + system) of a process and its children, in seconds. */
export function cpuSeconds(pid) {
  const ticks = getTicks();
  return [pid, ...descendants(pid)].reduce((sum, p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return sum;
    }
  }, 0);
}

let clk;
function getTicks() {
  clk ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return clk;
}

/** Percent of one core the process tree used over `seconds` of wall time. */
export async function idleCpu(child, seconds) {
  const before = cpuSeconds(child.pid);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return ((cpuSeconds(child.pid) - before) / seconds) * 100;
}
