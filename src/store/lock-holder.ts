import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { printable } from '../domain/printable.js';

/**
 * Who holds the home's lock, and whether that holder is dead. A pid alone
 * would not do: a pid is reused once its process has gone, so the holder is
 * named by its pid *and* its start time (the kernel's, in clock ticks since
 * boot, on Linux; `ps` elsewhere), on a host and in a pid namespace, during
 * one boot. Dead means one of: that pid has no process, or its process
 * started at another time (the pid was reused), or it has exited and waits to
 * be reaped, or the machine has booted since. Anything this process cannot
 * judge (another host sharing the home, another pid namespace) counts as alive:
 * waiting too long is a message, taking a live holder's lock loses writes.
 */
export interface Holder {
  /** The name of its file in the lock folder, unique per lock taken. */
  token: string;
  pid: number;
  host: string;
  /** The pid namespace (Linux), so a pid from inside a container is not judged from outside it. */
  ns: string;
  /** The boot it happened in (Linux), so a lock left by a power cut is dead after the reboot. */
  boot: string;
  /** Start time in clock ticks since boot (Linux), else the start in epoch milliseconds. */
  start: string;
  started_at: string;
  /** When it took this lock. */
  taken_at: string;
  command: string;
  /** Its file did not parse: cut short by a crash, as a live holder's file is written whole before the lock appears. */
  damaged?: boolean;
  /** Set by isDead: the holder lives but is stopped (Ctrl+Z, kill -STOP). */
  state?: 'running' | 'stopped';
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

let self: Omit<Holder, 'token' | 'taken_at'> | undefined;

/** This process as a lock holder, with a token of its own for each lock it takes. */
export function thisProcess(): Holder {
  self ??= processRecord();
  return { ...self, token: `${process.pid}-${uniqueTail()}`, taken_at: new Date().toISOString() };
}

function processRecord(): Omit<Holder, 'token' | 'taken_at'> {
  // From the clock and the uptime, not performance.timeOrigin, whose perf_hooks cost a write ~1.3 ms to load; ps compares to the second.
  const startedMs = Date.now() - process.uptime() * 1000;
  return {
    pid: process.pid,
    host: hostname(),
    ns: pidNamespace(),
    boot: readText('/proc/sys/kernel/random/boot_id')?.trim() ?? '',
    start: procStat(process.pid)?.start ?? String(Math.round(startedMs)),
    started_at: new Date(startedMs).toISOString(),
    command: printable(['fragments', ...process.argv.slice(2)].join(' ')).slice(0, 120),
  };
}

/**
 * Tells this take of the lock apart from any other: the pid already differs
 * between live processes, so this only needs to differ between takes by one
 * pid (a reused pid, two takes in one process). Not a secret, so no
 * node:crypto, which costs a write command ~3 ms to load.
 */
function uniqueTail(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0')}`;
}

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

/** State and start time of a process, from /proc (Linux); null where there is no /proc or no such process. */
function procStat(pid: number): { state: string; start: string } | null {
  const text = readText(`/proc/${pid}/stat`);
  if (text === null) return null;
  // The command name, in parentheses, may hold spaces and parentheses of its own: count fields from the last one.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}

/** State and start (epoch ms) of a process from `ps`, where there is no /proc (macOS); null when `ps` cannot say. */
function psStat(pid: number): { state: string; startMs: number } | null {
  try {
    // Loaded here, not imported: node:child_process (with net and streams) costs every start ~8 ms, and only a lock held by another process asks ps.
    const line = process.getBuiltinModule('node:child_process').execFileSync('ps', ['-o', 'stat=', '-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim();
    const [, state, started] = /^(\S+)\s+(.+)$/.exec(line) ?? [];
    const startMs = Date.parse(started ?? '');
    return state && Number.isFinite(startMs) ? { state, startMs } : null;
  } catch {
    return null;
  }
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, as another user's process.
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Whether the holder is certainly dead; sets `state` on a live one that this
 * process can see. Without `ps` (askPs false), where there is no /proc a
 * process that exists counts as running: for judging the many waiters at
 * every look, which would cost a spawned `ps` each (a stopped waiter there is
 * passed over once it has been silent a while, see lock.ts).
 */
export function isDead(holder: Holder, askPs = true): boolean {
  if (holder.damaged) return true;
  const me = thisProcess();
  if (holder.host !== me.host || holder.ns !== me.ns) return false;
  if (holder.boot && me.boot && holder.boot !== me.boot) return true;
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  if (!exists(holder.pid)) return true;
  const proc = procStat(holder.pid);
  if (proc) {
    if (proc.start !== holder.start || proc.state === 'Z' || proc.state === 'X') return true;
    holder.state = proc.state === 'T' || proc.state === 't' ? 'stopped' : 'running';
    return false;
  }
  if (me.boot !== '' || !askPs) return false;
  const ps = psStat(holder.pid);
  if (!ps) return false;
  // ps gives the start to the second.
  if (Math.abs(ps.startMs - Number(holder.start)) > 2000) return true;
  if (ps.state.startsWith('Z')) return true;
  holder.state = ps.state.startsWith('T') ? 'stopped' : 'running';
  return false;
}

/** `pid 4242 (fragments update x), stopped, holding it since 14:02:07 UTC` — what a waiting user needs to find the holder. */
export function describeHolder(holder: Holder): string {
  if (holder.damaged) return 'a process whose record is unreadable';
  const where = holder.host && holder.host !== thisProcess().host ? ` on ${printable(holder.host)}` : '';
  const state = holder.state === 'stopped' ? ', stopped' : '';
  const since = holder.taken_at ? `, holding it since ${holder.taken_at.slice(11, 19)} UTC` : '';
  return `pid ${holder.pid}${where} (${printable(holder.command ?? 'fragments')})${state}${since}`;
}
