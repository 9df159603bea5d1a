// Figures of what one write costs: the bytes an `update` writes (strace), the
// TUI's CPU per write of an agent. A server's latency under many writers is mix.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds, inPty, stop } from './tui.mjs';
import { median } from './stats.mjs';

const CALL = /^(?:\d+\s+)?(write|pwrite64|writev|copy_file_range|sendfile)\((\d+),.*\)\s+=\s+(\d+)$/;

/**
 * Bytes that `fragments update` writes to files (stdout and stderr left out),
 * every write, pwrite64, writev and kernel copy of the process, by strace;
 * the median of `runs` updates in a row, so a periodic write (a fold, a new
 * backup copy) shows as what it costs on average, not by luck.
 */
export function updateBytes(bin, home, cwd, runs = 7) {
  const dir = mkdtempSync(join(tmpdir(), 'fragments-bench-strace-'));
  const counts = [];
  try {
    for (let i = 0; i < runs; i++) {
      const out = join(dir, `${i}.txt`);
      const r = spawnSync('strace', ['-f', '-qq', '-e', 'trace=write,pwrite64,writev,copy_file_range,sendfile', '-o', out, process.execPath, bin, 'update', `bench bytes ${i}`, '--json'], {
        env: { ...process.env, FRAGMENTS_HOME: home },
        cwd,
        stdio: 'ignore',
      });
      if (r.status !== 0) throw new Error(`update under strace exited ${r.status}`);
      let bytes = 0;
      for (const line of readFileSync(out, 'utf8').split('\n')) {
        const m = CALL.exec(line.trim());
        if (!m) continue;
        const fd = Number(m[1] === 'copy_file_range' || m[1] === 'sendfile' ? -1 : m[2]);
        if (fd === 1 || fd === 2) continue;
        bytes += Number(m[3]);
      }
      counts.push(bytes);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { median: median(counts), max: Math.max(...counts), runs: counts };
}

/** Whether strace can trace here (a container may forbid ptrace). */
export function canTrace() {
  try {
    execFileSync('strace', ['-qq', '-e', 'trace=none', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * CPU milliseconds the TUI spends per write of an agent: the TUI open on
 * `home` in a pty, `writes` CLI updates spaced `gapMs` apart, against the
 * same span idle (its timer ticking) measured right before.
 */
export async function tuiCpuPerWrite(bin, home, cwd, writes = 15, gapMs = 450) {
  const tui = await inPty([bin], { FRAGMENTS_HOME: home }, 'Activity');
  try {
    await sleep(1500);
    const span = writes * gapMs + 1000;
    const idle0 = cpuSeconds(tui.child.pid);
    await sleep(span);
    const idle = cpuSeconds(tui.child.pid) - idle0;
    const busy0 = cpuSeconds(tui.child.pid);
    for (let i = 0; i < writes; i++) {
      const started = Date.now();
      execFileSync(process.execPath, [bin, 'update', `agent write ${i}`, '--json'], { env: { ...process.env, FRAGMENTS_HOME: home }, cwd, stdio: 'ignore' });
      await sleep(Math.max(0, gapMs - (Date.now() - started)));
    }
    await sleep(1000);
    const busy = cpuSeconds(tui.child.pid) - busy0;
    return Math.round(((busy - idle) * 1000 * 10) / writes) / 10;
  } finally {
    stop(tui.child);
  }
}
