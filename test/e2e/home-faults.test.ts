/**
 * Faults of the home's file system (issue 9 item 5, issue 8's unreadable
 * file): each is reported with the path and the fix, never as an internal
 * error or a lock someone holds, and repair never touches a file it cannot
 * read. A stack trace appears only with --debug.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, fragments, fragmentsJson, tempHome } from '../helpers/cli.js';
import { doctorEntry, snapshot, type Json } from '../helpers/home-files.js';
import { unprivileged } from '../helpers/unprivileged.js';

const STACK_LINE = /^\s+at /m;
const PLAN = join(ROOT, 'examples', 'sprint-plan.md');

describe.skipIf(unprivileged.skip !== undefined)(`permissions (as a user file modes bind${unprivileged.skip ? `; skipped: ${unprivileged.skip}` : ''})`, () => {
  const run = (home: string, args: string[]) => fragmentsJson(home, args, {}, unprivileged.wrap);
  /** A home made by the unprivileged user, holding an open session with an update. */
  async function ownHome(label: string): Promise<{ dir: string; home: string }> {
    const dir = tempHome(label);
    unprivileged.handOver(dir);
    const home = join(dir, 'home');
    for (const args of [['import', PLAN], ['session:start'], ['update', 'first']]) {
      const answer = await run(home, args);
      expect(answer.success, `${args.join(' ')}: ${JSON.stringify(answer.error)}`).toBe(true);
    }
    return { dir, home };
  }

  it('an unreadable file is not damaged: commands say so, doctor reports it, --repair changes nothing', async () => {
    const { home } = await ownHome('unreadable');
    const sessions = join(home, 'sessions.json');
    const before = snapshot(home);
    chmodSync(sessions, 0o000);
    try {
      const status = await run(home, ['session:status']);
      expect(status.exit).toBe(1);
      expect(status.error?.code).toBe('PERMISSION_DENIED');
      expect(status.error?.message).toContain(`Permission denied on ${sessions}`);
      expect(status.error?.message).toContain(`chmod -R u+rwX ${home}`);

      const report = await run(home, ['doctor']);
      expect(report.exit).toBe(1);
      expect(report.error?.code).toBe('PERMISSION_DENIED');
      expect(doctorEntry(report.data, 'sessions.json')).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
      // Listed once, with its fix; the line under the list only counts.
      const shown = await fragments(home, ['doctor'], {}, unprivileged.wrap);
      expect((shown.stdout + shown.stderr).match(/Permission denied on/g)).toHaveLength(1);
      expect(shown.stderr).toContain('1 problem found (sessions.json)');

      const repair = await run(home, ['doctor', '--repair']);
      expect(repair.exit).toBe(1);
      expect(doctorEntry(repair.data, 'sessions.json')).toMatchObject({ repaired: false, repair: expect.stringMatching(/^left untouched: it is not damaged/) });
      expect(statSync(sessions).mode & 0o777).toBe(0);
    } finally {
      chmodSync(sessions, 0o600);
    }
    expect(snapshot(home)).toEqual(before);
  });

  it('a read-only home: a change says permission denied, naming the home and the fix, not "locked"; reads still work', async () => {
    const { home } = await ownHome('read-only-home');
    const before = snapshot(home);
    chmodSync(home, 0o500);
    try {
      const update = await run(home, ['update', 'second']);
      expect(update.exit).toBe(1);
      expect(update.error?.code).toBe('PERMISSION_DENIED');
      expect(update.error?.message).toContain(`Permission denied on ${home}`);
      expect(update.stderr).not.toMatch(STACK_LINE);
      expect((await run(home, ['task:list'])).exit).toBe(0);
    } finally {
      chmodSync(home, 0o700);
    }
    expect(snapshot(home)).toEqual(before);
  });

  it('a home in a folder this user may not write: permission denied naming the path, not an internal error', async () => {
    const dir = tempHome('closed-parent');
    unprivileged.handOver(dir);
    chmodSync(dir, 0o500);
    try {
      const home = join(dir, 'home');
      const start = await run(home, ['session:start']);
      expect(start.exit).toBe(1);
      expect(start.error?.code).toBe('PERMISSION_DENIED');
      expect(start.error?.message).toContain(`Permission denied on ${home}`);
      const human = await fragments(home, ['session:start'], {}, unprivileged.wrap);
      expect(human.stderr).toMatch(/^✗ Permission denied on /);
      expect(human.stderr).not.toMatch(STACK_LINE);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('a home path through a regular file (ENOTDIR)', () => {
  it('is named with the fix, for writes and reads, without a stack trace', async () => {
    const file = join(tempHome('enotdir'), 'notes.txt');
    writeFileSync(file, 'notes\n');
    const home = join(file, 'home');
    for (const args of [['session:start'], ['task:list']]) {
      const answer = await fragmentsJson(home, args);
      expect(answer.exit, args.join(' ')).toBe(1);
      expect(answer.error?.code).toBe('HOME_NOT_A_FOLDER');
      expect(answer.error?.message).toMatch(new RegExp(`^${home.replace(/[.]/g, '\\.')} runs through a file where a folder should be[\\s\\S]*Point --home`));
      expect(answer.stderr).not.toMatch(STACK_LINE);
    }
  });
});

describe('a home path longer than the file system allows (ENAMETOOLONG)', () => {
  it('is named with the fix, for writes and reads, without a stack trace', async () => {
    const home = join(tempHome('long'), 'x'.repeat(300));
    for (const args of [['session:start'], ['task:list']]) {
      const answer = await fragmentsJson(home, args);
      expect(answer.exit, args.join(' ')).toBe(1);
      expect(answer.error?.code).toBe('PATH_TOO_LONG');
      expect(answer.error?.message).toMatch(/is longer than this file system allows[\s\S]*Point --home/);
      expect(answer.stderr).not.toMatch(STACK_LINE);
    }
  });
});

/** Whether this machine lets an unprivileged process mount a tmpfs in its own user and mount namespace. */
function canMount(): boolean {
  try {
    const dir = tempHome('mount-probe');
    execFileSync('unshare', ['-Urm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1"', 'sh', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `steps` in a private mount namespace with a small tmpfs at $DIR, so a
 * full or read-only file system can be made without touching the machine's.
 * `F ARGS` runs fragments --json on $DIR/home; each answer printed is one line.
 */
function onTmpfs(size: string, steps: string): Promise<Json[]> {
  const dir = tempHome('tmpfs');
  const script = `set -e
mount -t tmpfs -o size=${size} tmpfs "$DIR"
F() { "$NODE" "$BIN" --home "$DIR/home" "$@" --json || true; }
${steps}`;
  return new Promise((resolve, reject) => {
    execFile('unshare', ['-Urm', 'sh', '-c', script], { env: { ...process.env, DIR: dir, NODE: process.execPath, BIN, PLAN } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Json));
    });
  });
}

const mountable = canMount();
describe.skipIf(!mountable)(`a full or read-only file system${mountable ? '' : ' (skipped: this machine lets no process mount a tmpfs in a user namespace)'}`, () => {
  it('a read-only file system (EROFS): the change is refused naming the path and the fix, not "locked"; reads still work', async () => {
    const [update, list] = await onTmpfs(
      '4m',
      `F import "$PLAN" >/dev/null
F session:start >/dev/null
mount -o remount,ro "$DIR"
F update "while read-only"
F task:list`,
    );
    expect(update!.success).toBe(false);
    expect(update!.error.code).toBe('READ_ONLY_HOME');
    expect(update!.error.message).toMatch(/is on a read-only file system, so Fragments cannot record anything in .*home\. Remount it read-write, or point --home/);
    expect(list!.success).toBe(true);
  });

  it('a full disk (ENOSPC): the change fails naming the fix; once space is freed the home is whole, the failed change absent', async () => {
    const [update, doctor, history] = await onTmpfs(
      '1m',
      `F import "$PLAN" >/dev/null
F session:start >/dev/null
F update "before the disk filled" >/dev/null
dd if=/dev/zero of="$DIR/fill" bs=4k 2>/dev/null || true
F update "while full"
rm "$DIR/fill"
F doctor
F history`,
    );
    expect(update!.success).toBe(false);
    expect(update!.error.code).toBe('DISK_FULL');
    expect(update!.error.message).toMatch(/^No space left on the device that holds \S+home( \(writing \S+\))?\. Free some space, then run the command again\.$/);
    expect(doctor!.success, JSON.stringify(doctor!.error)).toBe(true);
    const texts = (history!.data.activities as Json[]).map((a) => a.text);
    expect(texts).toContain('before the disk filled');
    expect(texts).not.toContain('while full');
  });

  it('a full disk at every level of free space: a change either lands or leaves nothing behind, so the retry it asks for records it once; reads still work', async () => {
    const levels = Array.from({ length: 16 }, (_, i) => i * 16);
    const answers = await onTmpfs(
      '2m',
      `F import "$PLAN" >/dev/null
F session:start >/dev/null
F task:activate >/dev/null
for k in ${levels.join(' ')}; do
  F update "pad $k $(head -c 3000 /dev/zero | tr '\\0' x)" >/dev/null
  free=$(df -k --output=avail "$DIR" | tail -1)
  dd if=/dev/zero of="$DIR/fill" bs=1k count=$((free - k)) 2>/dev/null || true
  F update "at $k KiB free"
  F task:list | head -c 200 | grep -q '"success":true' && echo '{"read":"ok"}' || echo '{"read":"failed"}'
  rm "$DIR/fill"
  F update "at $k KiB free"
done
F history --limit 1000`,
    );
    const history = answers.at(-1)!;
    const texts = (history.data.activities as Json[]).map((a) => a.text as string);
    expect(answers).toHaveLength(levels.length * 3 + 1);
    levels.forEach((k, i) => {
      const [first, read, retry] = answers.slice(i * 3, i * 3 + 3) as [Json, Json, Json];
      expect(read.read, `a read at ${k} KiB free`).toBe('ok');
      if (!first.success) expect(first.error.code, `at ${k} KiB free`).toBe('DISK_FULL');
      expect(retry.success, `the retry at ${k} KiB free`).toBe(true);
      // Acknowledged is there, and what failed is not: once when the first try failed, twice when both landed.
      const acknowledged = [first, retry].filter((a) => a.success).length;
      expect(texts.filter((t) => t === `at ${k} KiB free`).length, `at ${k} KiB free`).toBe(acknowledged);
    });
    expect(answers.filter((a, i) => i % 3 === 0 && !a.success).length, 'no level of free space made the update fail').toBeGreaterThan(0);
  });
});

describe('an unexpected failure', () => {
  it('shows its stack trace only with --debug', async () => {
    // A home path that is a loop of symbolic links is no fault Fragments names: it stays an internal error.
    const dir = tempHome('loop');
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
    const home = join(dir, 'loop');
    const plain = await fragmentsJson(home, ['session:start']);
    expect(plain.error?.code).toBe('INTERNAL');
    expect(plain.stderr).toMatch(/Run it again with --debug to see the stack trace\./);
    expect(plain.stderr).not.toMatch(STACK_LINE);
    const debug = await fragmentsJson(home, ['session:start', '--debug']);
    expect(debug.error?.code).toBe('INTERNAL');
    expect(debug.stderr).toMatch(STACK_LINE);
    expect(readdirSync(dir)).toEqual(['loop']);
  });
});
