/**
 * The adversarial review of doctor (issue 8): repair touches only a file that
 * is really damaged, checks the references between files, and a read never
 * invents a home. Permission cases live in home-faults.test.ts.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragments, fragmentsJson, tempHome } from '../helpers/cli.js';
import { doctorEntry, editJson, snapshot, type Json } from '../helpers/home-files.js';

async function ok(home: string, args: string[]): Promise<Json> {
  const run = await fragmentsJson(home, args);
  expect(run.success, `fragments ${args.join(' ')}: ${JSON.stringify(run.error)}`).toBe(true);
  return run.data as Json;
}

/** A sprint of three tasks and an open session working on T-2. */
async function workingHome(label: string): Promise<string> {
  const home = join(tempHome(label), 'home');
  await ok(home, ['sprint:create', 'S-1', '--title', 'Sprint one']);
  for (const code of ['T-1', 'T-2', 'T-3']) await ok(home, ['task:create', code, '--title', `Task ${code}`, '--sprint', 'S-1']);
  await ok(home, ['session:start']);
  await ok(home, ['sprint:activate', 'S-1']);
  await ok(home, ['task:activate', 'T-2']);
  await ok(home, ['update', 'started T-2']);
  return home;
}

const problems = (data: Json) => (data.files as Json[]).filter((f) => !f.ok);
const asideOf = (home: string, file: string) => readdirSync(join(home, 'backups')).filter((n) => n.startsWith(`${file}.damaged`));

describe('doctor names every problem, and --repair touches only damage', () => {
  it('names every damaged file, config.json and the session pointer included', async () => {
    const home = await workingHome('all-named');
    writeFileSync(join(home, 'config.json'), 'not JSON');
    writeFileSync(join(home, 'plan.json'), '{"schema_version": 1, "sprints": [');
    writeFileSync(join(home, 'session'), '');
    const report = await fragmentsJson(home, ['doctor']);
    expect(report.exit).toBe(1);
    expect(report.error?.code).toBe('DAMAGED_FILE');
    expect(problems(report.data).map((f) => f.file)).toEqual(['config.json', 'plan.json', 'session']);
    for (const file of ['config.json', 'plan.json', 'session']) expect(report.error?.message).toContain(`${file} is damaged`);
  });

  it('a sound home: files a home gets only when needed are shown as none, not as checked, and a last line says it is sound', async () => {
    const home = await workingHome('sound');
    const run = await fragments(home, ['doctor']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('· journal.json: none');
    expect(run.stdout).toContain('✓ sessions.json');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`The home at ${home} is sound.`);
  });

  it('an empty session pointer is damaged, not "no session"', async () => {
    const home = await workingHome('empty-pointer');
    writeFileSync(join(home, 'session'), '');
    const status = await fragmentsJson(home, ['session:status']);
    expect(status.exit).toBe(1);
    expect(status.error?.code).toBe('DAMAGED_FILE');
    expect(status.error?.message).toMatch(/^session is damaged: it is empty/);
  });

  it('with no copy of the pointer, repair points it at the open session last active, and says so', async () => {
    const home = await workingHome('pointer-no-copy');
    for (const name of readdirSync(join(home, 'backups'))) if (name.startsWith('session.')) rmSync(join(home, 'backups', name));
    writeFileSync(join(home, 'session'), '');
    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit).toBe(0);
    expect(doctorEntry(repair.data, 'session')?.repair).toMatch(/pointed at SESSION-001, the open session last active/);
    expect((await ok(home, ['session:status'])).session_key).toBe('SESSION-001');
  });

  it('when the newest copy is damaged too, repair takes an older one and says the changes after it are lost', async () => {
    const home = await workingHome('older-copy');
    const older = readFileSync(join(home, 'backups', 'plan.json.2'), 'utf8');
    writeFileSync(join(home, 'backups', 'plan.json.1'), 'garbage');
    writeFileSync(join(home, 'plan.json'), '');
    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit).toBe(0);
    expect(doctorEntry(repair.data, 'plan.json')?.repair).toMatch(
      /^restored from backups\/plan\.json\.2, a copy older than the last write \(no newer copy passes its check\), so the changes after it are lost; the damaged file is kept at /,
    );
    expect(readFileSync(join(home, 'plan.json'), 'utf8')).toBe(older);
  });

  it('a file written by a newer Fragments is refused with "upgrade" and never replaced', async () => {
    const home = await workingHome('newer');
    const plan = join(home, 'plan.json');
    editJson(plan, (d) => (d.schema_version = 99));
    const before = snapshot(home);

    const list = await fragmentsJson(home, ['task:list']);
    expect(list.exit).toBe(1);
    expect(list.error?.code).toBe('NEWER_VERSION');
    expect(list.error?.message).toMatch(/plan\.json has schema version 99, written by a newer Fragments[\s\S]*Upgrade fragments/);

    const report = await fragmentsJson(home, ['doctor']);
    expect(report.exit).toBe(1);
    expect(report.error?.code).toBe('NEWER_VERSION');
    expect(report.error?.message).not.toMatch(/--repair/);

    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit).toBe(1);
    expect(repair.error?.code).toBe('NEWER_VERSION');
    expect(doctorEntry(repair.data, 'plan.json')?.repair).toMatch(/left untouched[\s\S]*upgrade/);
    expect(snapshot(home)).toEqual(before);
  });

  it('a home path that is a regular file is one problem: "not a folder"', async () => {
    const file = join(tempHome('home-is-file'), 'home');
    writeFileSync(file, 'my notes\n');
    for (const args of [['doctor'], ['doctor', '--repair']]) {
      const report = await fragmentsJson(file, args);
      expect(report.exit).toBe(1);
      expect(report.error?.code).toBe('HOME_NOT_A_FOLDER');
      expect(report.error?.message).toBe(`${file} is a file, not a folder. Point --home or FRAGMENTS_HOME at a folder.`);
      expect(report.data.files).toBeUndefined();
    }
    expect(readFileSync(file, 'utf8')).toBe('my notes\n');
  });

  it('config.json with no good copy goes back to the defaults, saying so', async () => {
    const home = await workingHome('config-defaults');
    for (const name of readdirSync(join(home, 'backups'))) if (name.startsWith('config.json.')) rmSync(join(home, 'backups', name));
    writeFileSync(join(home, 'config.json'), '{"schema_version": 1, "stale_update_minutes": "soon"}');
    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit).toBe(0);
    expect(doctorEntry(repair.data, 'config.json')?.repair).toMatch(/no good copy exists: reset to the default settings; the damaged file is kept at backups\/config\.json\.damaged-/);
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).stale_update_minutes).toBe(25);
    expect(readFileSync(join(home, 'backups', asideOf(home, 'config.json')[0]!), 'utf8')).toContain('"soon"');
    await ok(home, ['update', 'works again']);
  });

  it('requests.json with no good copy is emptied, saying so', async () => {
    const home = await workingHome('requests-empty');
    await ok(home, ['note', 'kept once', '--request-id', 'R-1']);
    for (const name of readdirSync(join(home, 'backups'))) if (name.startsWith('requests.json.')) rmSync(join(home, 'backups', name));
    writeFileSync(join(home, 'requests.json'), '[');
    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit).toBe(0);
    expect(doctorEntry(repair.data, 'requests.json')?.repair).toMatch(/no good copy exists: emptied/);
    expect(JSON.parse(readFileSync(join(home, 'requests.json'), 'utf8')).entries).toEqual([]);
  });
});

describe('references between files', () => {
  it('a stack naming a task the plan lacks: reported, then only that frame is dropped', async () => {
    const home = await workingHome('dangling-task');
    // A plan restored from before T-2 was created: neither the index nor the sprint's file holds it.
    editJson(join(home, 'plan.json'), (d) => (d.parts[0].tasks = d.parts[0].tasks.split(' ').filter((code: string) => code !== 'T-2').join(' ')));
    editJson(join(home, 'plan', 'sprints', 's-1.json'), (d) => (d.tasks = d.tasks.filter((t: Json) => t.code !== 'T-2')));

    const report = await fragmentsJson(home, ['doctor']);
    expect(report.exit).toBe(1);
    expect(report.error?.code).toBe('BROKEN_REFERENCE');
    expect(problems(report.data)).toEqual([
      expect.objectContaining({ file: 'sessions.json', problem: "SESSION-001's stack names task T-2, which plan.json does not have" }),
    ]);

    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit).toBe(0);
    expect(problems(repair.data)[0]?.repair).toMatch(/^removed T-2 from SESSION-001's stack and stopped its timer at .*; the session carries on at S-1$/);
    const status = await ok(home, ['session:status']);
    expect((status.session.context_stack as Json[]).map((f) => f.code)).toEqual([null, 'S-1']);
    expect((await ok(home, ['doctor'])).damaged).toBe(0);
    expect((await ok(home, ['task:list'])).tasks).toHaveLength(2);
  });

  it('a pointer naming no session: reported, then restored from its last acknowledged copy', async () => {
    const home = await workingHome('dangling-pointer');
    writeFileSync(join(home, 'session'), 'SESSION-042\n');
    const report = await fragmentsJson(home, ['doctor']);
    expect(report.exit).toBe(1);
    expect(problems(report.data)).toEqual([expect.objectContaining({ file: 'session', code: 'BROKEN_REFERENCE', problem: 'it names SESSION-042, which sessions.json does not hold' })]);
    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit).toBe(0);
    expect(doctorEntry(repair.data, 'session')?.repair).toBe('restored SESSION-001 from backups/session.1');
    expect(readFileSync(join(home, 'session'), 'utf8')).toBe('SESSION-001\n');
  });

  it('activity of a missing session: rebuilt as an abandoned session, so its history stays and its key is not reused', async () => {
    const home = await workingHome('orphan-activity');
    const orphan = join(home, 'activity', 'SESSION-007.json');
    copyFileSync(join(home, 'activity', 'SESSION-001.json'), orphan);
    editJson(orphan, (d) => {
      d.session = 'SESSION-007';
      for (const a of d.activities) a.session = 'SESSION-007';
    });
    const count = JSON.parse(readFileSync(orphan, 'utf8')).activities.length;

    const report = await fragmentsJson(home, ['doctor']);
    expect(report.exit).toBe(1);
    expect(problems(report.data)).toEqual([
      expect.objectContaining({ file: 'activity/SESSION-007.json', code: 'BROKEN_REFERENCE', problem: 'its session SESSION-007 is not in sessions.json' }),
    ]);
    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.exit).toBe(0);
    expect(problems(repair.data)[0]?.repair).toMatch(new RegExp(`^added SESSION-007 to sessions.json as an abandoned session rebuilt from its ${count} activities`));

    const sessions = (await ok(home, ['session:list'])).sessions as Json[];
    expect(sessions.find((s) => s.key === 'SESSION-007')).toMatchObject({ status: 'abandoned', activity_count: count });
    expect(((await ok(home, ['history', '--session', 'SESSION-007'])).activities as Json[]).length).toBeGreaterThan(0);
    expect((await ok(home, ['session:start', '--new'])).session_key).toBe('SESSION-008');
  });
});

describe('a missing home', () => {
  it('a read says no home exists at that path and how to start one, and creates nothing; a write still creates it', async () => {
    const home = await workingHome('moved');
    const elsewhere = `${home}-moved`;
    renameSync(home, elsewhere);
    for (const args of [['session:status'], ['task:list'], ['doctor']]) {
      const run = await fragmentsJson(home, args);
      expect(run.exit, args.join(' ')).toBe(1);
      expect(run.error?.code).toBe('NO_HOME');
      expect(run.error?.message).toContain(`No Fragments home exists at ${home}.`);
      expect(run.error?.message).toContain('fragments session:start');
      expect(existsSync(home)).toBe(false);
    }
    expect((await ok(home, ['session:start'])).session_key).toBe('SESSION-001');
    expect(existsSync(join(home, 'sessions.json'))).toBe(true);
    expect((await ok(elsewhere, ['session:status'])).session_key).toBe('SESSION-001');
  });
});
