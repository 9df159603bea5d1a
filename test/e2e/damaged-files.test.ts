import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, fragmentsJson, tempHome } from '../helpers/cli.js';
import { doctorEntry, editJson, snapshot, type Json } from '../helpers/home-files.js';

async function ok(home: string, args: string[]): Promise<Json> {
  const run = await fragmentsJson(home, args);
  expect(run.success, `fragments ${args.join(' ')}: ${JSON.stringify(run.error)}`).toBe(true);
  expect(run.exit).toBe(0);
  return run.data as Json;
}

const codesOf = (data: Json) => (data.tasks as { code: string }[]).map((t) => t.code).sort();

/** A home with a sprint and three tasks, each acknowledged. */
async function plannedHome(label: string): Promise<string> {
  const home = join(tempHome(label), 'home');
  await ok(home, ['sprint:create', 'S-1', '--title', 'Sprint one']);
  await ok(home, ['task:create', 'T-1', '--title', 'First', '--sprint', 'S-1']);
  await ok(home, ['task:create', 'T-2', '--title', 'Second', '--sprint', 'S-1']);
  await ok(home, ['task:create', 'T-3', '--title', 'Third', '--sprint', 'S-1']);
  return home;
}

interface Damage {
  name: string;
  /** Damages `path` (a file of the home). */
  apply(path: string): void;
  /** What the error message must say about the problem. */
  problem: RegExp;
}

const planDamages: Damage[] = [
  {
    name: 'truncated JSON',
    apply: (path) => {
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    },
    problem: /not valid JSON/i,
  },
  {
    name: "a sprint's list of tasks set to 42",
    apply: (path) => editJson(path, (d) => (d.parts[0].tasks = 42)),
    problem: /parts\.0\.tasks/,
  },
  {
    name: 'parts set to "x"',
    apply: (path) => editJson(path, (d) => (d.parts = 'x')),
    problem: /parts/,
  },
  {
    name: 'an empty file',
    apply: (path) => writeFileSync(path, ''),
    problem: /empty/i,
  },
  {
    name: 'a folder where the file should be',
    apply: (path) => {
      rmSync(path);
      mkdirSync(path);
      writeFileSync(join(path, 'stray.txt'), 'not a plan');
    },
    problem: /folder/i,
  },
];

/** A command that meets the damaged file fails naming it, and leaves the whole home as it was. */
async function expectRefused(home: string, args: string[], file: string, problem: RegExp): Promise<void> {
  const before = snapshot(home);
  const run = await fragmentsJson(home, args);
  const what = `fragments ${args.join(' ')}`;
  expect(run.exit, what).toBe(1);
  expect(run.success, what).toBe(false);
  expect(run.error?.code, what).toBe('DAMAGED_FILE');
  expect(run.error?.message, what).toContain(file);
  expect(run.error?.message, what).toMatch(problem);
  expect(snapshot(home), `${what} changed the home`).toEqual(before);
}

describe('a damaged plan.json', () => {
  for (const damage of planDamages) {
    it(`${damage.name}: commands refuse it untouched; doctor reports it; --repair restores the last acknowledged state`, async () => {
      const home = await plannedHome('damaged-plan');
      const plan = join(home, 'plan.json');
      const lastGood = readFileSync(plan, 'utf8');

      damage.apply(plan);
      const damaged = statSync(plan).isDirectory() ? null : readFileSync(plan, 'latin1');

      await expectRefused(home, ['task:list'], 'plan.json', damage.problem);
      await expectRefused(home, ['task:create', 'T-NEW', '--title', 'Should not be written'], 'plan.json', damage.problem);
      if (damaged === null) expect(statSync(plan).isDirectory()).toBe(true);
      else expect(readFileSync(plan, 'latin1')).toBe(damaged);

      const report = await fragmentsJson(home, ['doctor']);
      expect(report.exit).toBe(1);
      expect(report.success).toBe(false);
      expect(report.error?.code).toBe('DAMAGED_FILE');
      expect(report.error?.message).toContain('plan.json');
      const entry = doctorEntry(report.data as Json, 'plan.json');
      expect(entry?.ok).toBe(false);
      expect(entry?.problem).toMatch(damage.problem);
      expect(doctorEntry(report.data as Json, 'sessions.json')?.ok).toBe(true);
      // doctor without --repair changes nothing
      if (damaged !== null) expect(readFileSync(plan, 'latin1')).toBe(damaged);

      const repair = await fragmentsJson(home, ['doctor', '--repair']);
      expect(repair.exit, JSON.stringify(repair.data)).toBe(0);
      expect(repair.success).toBe(true);
      expect(doctorEntry(repair.data as Json, 'plan.json')?.repair).toMatch(/restored from backups\/plan\.json\.1/);

      expect(statSync(plan).isFile()).toBe(true);
      expect(readFileSync(plan, 'utf8')).toBe(lastGood);
      const aside = readdirSync(join(home, 'backups')).filter((n) => n.startsWith('plan.json.damaged'));
      expect(aside).toHaveLength(1);
      const kept = join(home, 'backups', aside[0]!);
      if (damaged === null) expect(readFileSync(join(kept, 'stray.txt'), 'utf8')).toBe('not a plan');
      else expect(readFileSync(kept, 'latin1')).toBe(damaged);

      expect(codesOf(await ok(home, ['task:list']))).toEqual(['T-1', 'T-2', 'T-3']);
      expect((await ok(home, ['doctor'])).damaged).toBe(0);
      // and the home takes writes again
      await ok(home, ['task:create', 'T-4', '--title', 'After the repair', '--sprint', 'S-1']);
      expect(codesOf(await ok(home, ['task:list']))).toEqual(['T-1', 'T-2', 'T-3', 'T-4']);
    });
  }
});

describe('damage to the other files', () => {
  it('sessions.json with a wrong type: refused untouched, then restored to the last acknowledged state', async () => {
    const home = await plannedHome('damaged-sessions');
    await ok(home, ['session:start']);
    await ok(home, ['session:pause', 'lunch']);
    const sessions = join(home, 'sessions.json');
    const lastGood = readFileSync(sessions, 'utf8');

    editJson(sessions, (d) => (d.sessions[0].status = 42));
    const damaged = readFileSync(sessions, 'latin1');
    const problem = /sessions\.0 \(SESSION-001\)\.status/;
    await expectRefused(home, ['session:list'], 'sessions.json', problem);
    await expectRefused(home, ['task:create', 'T-NEW', '--title', 'Should not be written'], 'sessions.json', problem);

    const report = await fragmentsJson(home, ['doctor']);
    expect(report.exit).toBe(1);
    expect(doctorEntry(report.data as Json, 'sessions.json')?.problem).toMatch(problem);
    expect(doctorEntry(report.data as Json, 'plan.json')?.ok).toBe(true);

    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit, JSON.stringify(repair.data)).toBe(0);
    expect(readFileSync(sessions, 'utf8')).toBe(lastGood);
    const aside = readdirSync(join(home, 'backups')).filter((n) => n.startsWith('sessions.json.damaged'));
    expect(aside.map((n) => readFileSync(join(home, 'backups', n), 'latin1'))).toEqual([damaged]);

    const list = await ok(home, ['session:list']);
    expect((list.sessions as Json[]).map((s) => [s.key, s.status])).toEqual([['SESSION-001', 'paused']]);
    expect(codesOf(await ok(home, ['task:list']))).toEqual(['T-1', 'T-2', 'T-3']);
  });

  it('config.json with a wrong type: refused untouched, then restored to the last acknowledged copy', async () => {
    const home = await plannedHome('damaged-config');
    const config = join(home, 'config.json');
    const lastGood = readFileSync(config, 'utf8');
    editJson(config, (d) => (d.stale_update_minutes = 'soon'));
    const problem = /stale_update_minutes/;
    await expectRefused(home, ['next'], 'config.json', problem);
    await expectRefused(home, ['task:create', 'T-NEW', '--title', 'Should not be written'], 'config.json', problem);

    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit, JSON.stringify(repair.data)).toBe(0);
    expect(doctorEntry(repair.data as Json, 'config.json')?.repair).toMatch(/restored from backups\/config\.json\.1, the copy of the last write/);
    expect(readFileSync(config, 'utf8')).toBe(lastGood);
  });
});

/** The home's own files (copies and the lock aside): what a repair must bring back byte for byte. */
const stateOf = (home: string) => Object.fromEntries(Object.entries(snapshot(home)).filter(([rel]) => !rel.startsWith('backups')));

const jsonDamages: Record<string, (path: string) => void> = {
  truncated: (path) => {
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
  },
  garbage: (path) => writeFileSync(path, 'not JSON at all {{{'),
  'valid JSON of the wrong shape': (path) =>
    writeFileSync(path, JSON.stringify({ schema_version: 1, sprints: 'x', tasks: 'x', sessions: 'x', entries: 'x', activities: 'x', checks: 'x' })),
  empty: (path) => writeFileSync(path, ''),
};
const pointerDamages: Record<string, (path: string) => void> = {
  truncated: (path) => writeFileSync(path, 'SESSIO'),
  garbage: (path) => writeFileSync(path, '{"key": 1}\n'),
  empty: (path) => writeFileSync(path, ''),
};

/**
 * Damages `file` in a copy of `source` (writing in place, as an editor
 * would); doctor must name it and --repair bring back every acknowledged
 * command, so the home's files equal what they were before the damage.
 */
async function damageAndRepair(source: string, file: string, damage: (path: string) => void): Promise<string> {
  const home = join(tempHome('damage-one'), 'home');
  cpSync(source, home, { recursive: true });
  const before = stateOf(home);
  damage(join(home, file));

  const report = await fragmentsJson(home, ['doctor']);
  expect(report.exit).toBe(1);
  expect(report.error?.message).toContain(file);
  expect((report.data.files as Json[]).filter((f) => !f.ok).map((f) => f.file)).toEqual([file]);

  const repair = await fragmentsJson(home, ['doctor', '--repair']);
  expect(repair.exit, JSON.stringify(repair.error)).toBe(0);
  const entry = doctorEntry(repair.data as Json, file);
  expect(entry?.repair).toMatch(new RegExp(`from backups/${file.replace(/\./g, '\\.')}\\.1\\b`));
  expect(entry?.repair).toMatch(new RegExp(`kept at backups/${file.replace(/\./g, '\\.')}\\.damaged-`));
  expect(stateOf(home)).toEqual(before);
  return home;
}

describe('every acknowledged command survives damage to any one file', () => {
  // The example plan imported once: plan.json has been written exactly once.
  const imported = join(tempHome('imported-once'), 'home');
  // A short session: every file of the home written, the last activity the newest update.
  const worked = join(tempHome('worked'), 'home');
  beforeAll(async () => {
    const plan = join(ROOT, 'examples', 'sprint-plan.md');
    await ok(imported, ['import', plan]);
    for (const args of [
      ['import', plan],
      ['session:start'],
      ['sprint:activate', 'SPRINT-SESS-1'],
      ['task:activate'],
      ['update', 'first update'],
      ['note', 'a note'],
      ['update', 'second update', '--request-id', 'R-1'],
      ['update', 'the newest update'],
    ]) {
      await ok(worked, args);
    }
  });

  it('the newest copy of each file is what was last written, in a file of its own (no hard link an edit in place would damage too)', () => {
    for (const file of ['plan.json', 'config.json', 'sessions.json', 'activity/SESSION-001.json', 'requests.json', 'session']) {
      const copy = join(worked, 'backups', `${file}.1`);
      expect(readFileSync(copy, 'utf8'), file).toBe(readFileSync(join(worked, file), 'utf8'));
      expect(statSync(copy).ino, file).not.toBe(statSync(join(worked, file)).ino);
      expect(statSync(join(worked, file)).nlink, file).toBe(1);
    }
  });

  for (const file of ['plan.json', 'plan/sprints/sprint-sess-1.json', 'config.json']) {
    for (const [name, damage] of Object.entries(jsonDamages)) {
      it(`after one import, ${file} ${name}: restored with all 21 tasks`, async () => {
        const home = await damageAndRepair(imported, file, damage);
        expect((await ok(home, ['task:list'])).tasks).toHaveLength(21);
      });
    }
  }

  for (const file of ['plan.json', 'config.json', 'sessions.json', 'activity/SESSION-001.json', 'requests.json']) {
    for (const [name, damage] of Object.entries(jsonDamages)) {
      it(`after a session, ${file} ${name}: restored with every update`, async () => {
        const home = await damageAndRepair(worked, file, damage);
        const texts = ((await ok(home, ['history'])).activities as Json[]).map((a) => a.text);
        expect(texts).toEqual(expect.arrayContaining(['first update', 'second update', 'the newest update']));
      });
    }
  }

  for (const [name, damage] of Object.entries(pointerDamages)) {
    it(`after a session, the session pointer ${name}: restored to SESSION-001`, async () => {
      const home = await damageAndRepair(worked, 'session', damage);
      expect((await ok(home, ['session:status'])).session_key).toBe('SESSION-001');
    });
  }
});

/** Runs the CLI under `umask 000`, so any mode it leaves loose shows. */
function fragmentsUnderOpenUmask(home: string, args: string[]): Promise<number> {
  const script = `umask 000; exec "${process.execPath}" "${BIN}" "$@"`;
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', script, 'sh', ...args, '--json'], { cwd: ROOT, env: { ...process.env, FRAGMENTS_HOME: home } }, (error) =>
      resolve(error ? Number(error.code) : 0),
    );
  });
}

describe('the home is private', () => {
  it('a home created by the CLI is 0700, its folders 0700 and its files 0600, even under umask 000', async () => {
    const home = join(tempHome('modes'), 'new-home');
    for (const args of [
      ['sprint:create', 'S-1', '--title', 'One'],
      ['task:create', 'T-1', '--title', 'First', '--sprint', 'S-1'],
      ['task:create', 'T-2', '--title', 'Second', '--sprint', 'S-1'],
      ['session:start'],
      ['session:pause', 'tea'],
    ]) {
      expect(await fragmentsUnderOpenUmask(home, args), args.join(' ')).toBe(0);
    }
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const entries = Object.entries(snapshot(home));
    expect(entries.map(([rel]) => rel)).toEqual(expect.arrayContaining(['plan.json', 'sessions.json', 'config.json', 'session', 'backups']));
    for (const [rel, content] of entries) {
      const mode = statSync(join(home, rel)).mode & 0o777;
      expect(mode.toString(8), rel).toBe(content === '<folder>' ? '700' : '600');
    }
  });
});
