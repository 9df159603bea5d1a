import { readFileSync, readlinkSync, renameSync, statSync, unlinkSync, writeFileSync, promises as fsp } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Who holds the home's lock, so a lock whose holder was killed is taken over
 * at once instead of after the stale time (issue 11). The record sits beside
 * the lock folder (a file inside it would upset proper-lockfile's checks) and
 * names that very folder (inode and birth time), so it never vouches for a
 * newer lock. A pid is judged only on the same host and pid namespace; any
 * doubt leaves the lock to the stale time.
 */
const OWNER = '.lock.owner';

interface Owner {
  pid: number;
  host: string;
  ns: string;
  lock: string;
}

let namespace: string | undefined;
function pidNamespace(): string {
  if (namespace === undefined) {
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      namespace = '';
    }
  }
  return namespace;
}

const identity = (st: { ino: number; birthtimeMs: number }) => `${st.ino}:${st.birthtimeMs}`;

/** Records this process as the holder of the lock it just took; best effort. Synchronous, as every step a command takes on its way through the lock. */
export function recordOwner(home: string, lockPath: string): void {
  try {
    const owner: Owner = { pid: process.pid, host: hostname(), ns: pidNamespace(), lock: identity(statSync(lockPath)) };
    const temp = join(home, `${OWNER}.${process.pid}`);
    writeFileSync(temp, JSON.stringify(owner));
    renameSync(temp, join(home, OWNER));
  } catch {
    // Without the record a dead holder's lock is taken over after the stale time: slower, never wrong.
  }
}

/** Forgets the record before the lock is released, so a released lock leaves none behind. */
export function forgetOwner(home: string): void {
  if (readOwner(home)?.pid !== process.pid) return;
  try {
    unlinkSync(join(home, OWNER));
  } catch {
    // Left behind, it names a dead process or a lock that is gone: it never vouches for another lock.
  }
}

function readOwner(home: string): Owner | null {
  try {
    return JSON.parse(readFileSync(join(home, OWNER), 'utf8')) as Owner;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the lock when its recorded holder is certainly dead; true when it did.
 * The folder is first moved aside, so only the very lock judged dead is removed:
 * a lock someone took meanwhile is put back.
 */
export async function clearDeadLock(home: string, lockPath: string): Promise<boolean> {
  const st = await fsp.stat(lockPath).catch(() => null);
  const owner = readOwner(home);
  if (!st || !owner || owner.lock !== identity(st) || owner.host !== hostname() || owner.ns !== pidNamespace() || alive(owner.pid)) return false;
  const aside = `${lockPath}.dead-${process.pid}-${process.getBuiltinModule('node:crypto').randomBytes(4).toString('hex')}`;
  if (!(await fsp.rename(lockPath, aside).then(() => true, () => false))) return false;
  if (identity(await fsp.stat(aside)) !== owner.lock) {
    await fsp.rename(aside, lockPath).catch(() => undefined);
    return false;
  }
  // The record goes while the old folder still exists, so its inode cannot be reused by a lock the record would then vouch for.
  if (readOwner(home)?.lock === owner.lock) await fsp.rm(join(home, OWNER), { force: true });
  await fsp.rm(aside, { recursive: true, force: true });
  return true;
}
