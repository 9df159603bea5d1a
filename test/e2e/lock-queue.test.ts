/**
 * Waiters for the home's lock take it in the order they began to wait, and a
 * waiter that is stopped or killed in line holds up nobody behind it. Each
 * waiter stops itself once it is in line (FRAGMENTS_STOP_AT=queued), so the
 * order in which they join is forced, not hoped for; the holder stops itself
 * holding the lock, so all of them are in line when it is freed.
 */
import { mkdirSync, readdirSync, readFileSync, readlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragmentsJson, historyTexts, homeWithTask } from '../helpers/cli.js';
import { fragmentsProcess, stopped, type Spawned } from '../helpers/processes.js';

// Long enough that a waiter held up by another for its lock wait would outlast the test: being held up shows as a timeout, not as a slow pass.
const PATIENT = { FRAGMENTS_LOCK_WAIT: '600' };

/** A holder frozen with the home's lock held. */
async function frozenHolder(home: string): Promise<Spawned> {
  const holder = fragmentsProcess(home, ['note', 'holder'], { FRAGMENTS_STOP_AT: 'locked' });
  await stopped(holder.child.pid!);
  return holder;
}

/** A writer that has joined the line and stopped there; `resume` lets it wait on. */
async function queued(home: string, text: string, env: NodeJS.ProcessEnv = PATIENT): Promise<Spawned> {
  const writer = fragmentsProcess(home, ['note', text], { FRAGMENTS_STOP_AT: 'queued', ...env });
  await stopped(writer.child.pid!);
  return writer;
}

const resume = (p: Spawned) => p.child.kill('SIGCONT');
const waiterFolders = (home: string) => readdirSync(home).filter((name) => name.startsWith('.lock'));

describe('writers waiting for the home lock', () => {
  it('take it in the order they began to wait, and one that gives up leaves nothing in line', async () => {
    const home = await homeWithTask('queue-order', 'Queue');
    const holder = await frozenHolder(home);
    const writers: Spawned[] = [];
    for (const text of ['w1', 'w2', 'w3', 'w4']) {
      const writer = await queued(home, text);
      resume(writer);
      writers.push(writer);
    }
    // Behind all four, it waits its second and then names the holder, not a waiter.
    const impatient = await queued(home, 'impatient', { FRAGMENTS_LOCK_WAIT: '1' });
    resume(impatient);
    expect(await impatient.exited).toBe(1);
    expect(impatient.stdout()).toContain('HOME_LOCKED');
    expect(impatient.stdout()).toContain(`pid ${holder.child.pid} (fragments note holder --json), stopped`);
    expect(writers.map((w) => w.running()), 'a writer went while the holder held the lock').toEqual([true, true, true, true]);

    resume(holder);
    const exits = await Promise.all([holder, ...writers].map((p) => p.exited));
    expect(exits, [holder, ...writers].map((p) => p.stdout() + p.stderr()).join('\n')).toEqual([0, 0, 0, 0, 0]);
    const notes = (await historyTexts(home)).filter((t) => ['holder', 'w1', 'w2', 'w3', 'w4', 'impatient'].includes(t));
    expect(notes).toEqual(['holder', 'w1', 'w2', 'w3', 'w4']);
    expect(waiterFolders(home), 'a waiter left its folder behind').toEqual([]);
  }, 60_000);

  it('pass over a waiter stopped in line, which takes its turn once resumed', async () => {
    const home = await homeWithTask('queue-stopped', 'Queue');
    const holder = await frozenHolder(home);
    const asleep = await queued(home, 'asleep');
    const behind = await queued(home, 'behind');
    resume(behind);
    resume(holder);
    expect(await holder.exited, holder.stderr()).toBe(0);
    expect(await behind.exited, behind.stdout() + behind.stderr()).toBe(0);
    expect(asleep.running()).toBe(true);
    expect(await historyTexts(home)).not.toContain('asleep');

    resume(asleep);
    expect(await asleep.exited, asleep.stdout() + asleep.stderr()).toBe(0);
    expect((await historyTexts(home)).filter((t) => ['holder', 'asleep', 'behind'].includes(t))).toEqual(['holder', 'behind', 'asleep']);
    expect(waiterFolders(home)).toEqual([]);
  }, 60_000);

  it('are not held up by a waiter killed in line, nor is anyone after them', async () => {
    const home = await homeWithTask('queue-killed', 'Queue');
    const holder = await frozenHolder(home);
    const killed = await queued(home, 'killed');
    killed.child.kill('SIGKILL');
    await killed.exited;
    const behind = await queued(home, 'behind');
    resume(behind);
    resume(holder);
    expect(await behind.exited, behind.stdout() + behind.stderr()).toBe(0);
    expect(await holder.exited, holder.stderr()).toBe(0);
    // The dead waiter's folder may stay until a sweep; it keeps nobody waiting, now or later.
    const later = await fragmentsJson(home, ['note', 'later'], PATIENT);
    expect(later.success, JSON.stringify(later.error)).toBe(true);
    expect((await historyTexts(home)).filter((t) => ['holder', 'killed', 'behind', 'later'].includes(t))).toEqual(['holder', 'behind', 'later']);
    const doctor = await fragmentsJson(home, ['doctor']);
    expect(doctor.success, JSON.stringify(doctor.data)).toBe(true);
  }, 60_000);

  it('pass over a waiter that lives but has gone silent (its thread ended, its event loop blocked)', async () => {
    const home = await homeWithTask('queue-silent', 'Queue');
    // A waiter's record as its process wrote it, by this live, running test process, last touched a minute ago.
    const token = `${process.pid}-silent0a1b2c3d`;
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const record = {
      pid: process.pid,
      host: hostname(),
      ns: readlinkSync('/proc/self/ns/pid'),
      boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
      start: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19],
      started_at: new Date(Date.now() - 60_000).toISOString(),
      taken_at: new Date(Date.now() - 1000).toISOString(),
      command: 'fragments note silent',
    };
    mkdirSync(join(home, `.lock.${token}`));
    writeFileSync(join(home, `.lock.${token}`, token), JSON.stringify(record));
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(join(home, `.lock.${token}`, token), minuteAgo, minuteAgo);

    const behind = await fragmentsJson(home, ['note', 'behind'], PATIENT);
    expect(behind.success, JSON.stringify(behind.error)).toBe(true);
    expect(await historyTexts(home)).toContain('behind');
  }, 60_000);
});
