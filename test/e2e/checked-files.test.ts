import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKED_FILE, CheckedFiles, statStamp } from '../../src/store/checked.js';
import { fragmentsJson, homeWithTask, tempHome } from '../helpers/cli.js';

/** A home whose files Fragments wrote, and so recorded as checked. */
async function workedHome(): Promise<string> {
  const home = tempHome('checked');
  expect((await fragmentsJson(home, ['session:start'])).success).toBe(true);
  expect((await fragmentsJson(home, ['log', 'first'])).success).toBe(true);
  return home;
}

interface Recorded {
  schemas: string;
  files: Record<string, string>;
}
const recorded = (home: string): Recorded => JSON.parse(readFileSync(join(home, CHECKED_FILE), 'utf8')) as Recorded;

describe('files read without their check are only those Fragments left as they are', () => {
  it('records what it wrote, so the next command reads it back unchecked', async () => {
    const home = await workedHome();
    expect(recorded(home).files['sessions.json']).toBe(statStamp(statSync(join(home, 'sessions.json'))));
  });

  it('a copied home is checked once, then read back unchecked: every file reads back as Fragments wrote it', async () => {
    const home = await homeWithTask('checked-copy', 'Write the parser');
    // Fields set (status, estimate) and entries added wait in the sprint's recent file.
    for (const args of [['update', 'half done'], ['estimate', '2h'], ['block', 'waiting on review']]) expect((await fragmentsJson(home, args)).success).toBe(true);
    const copy = tempHome('checked-copied');
    cpSync(home, copy, { recursive: true });
    expect((await fragmentsJson(copy, ['task:list'])).success).toBe(true);
    const files = ['plan.json', 'sessions.json', join('plan', 'sprints', 'backlog.json'), ...readdirSync(join(copy, 'plan', 'recent')).map((f) => join('plan', 'recent', f))].filter((f) => existsSync(join(copy, f)));
    expect(files.some((f) => f.startsWith(join('plan', 'recent')))).toBe(true);
    for (const file of files) expect(recorded(copy).files[file], file).toBe(statStamp(statSync(join(copy, file))));
  });

  it('a long-running process trusts what another process checked after it read the record', () => {
    const home = tempHome('checked-other');
    // Two processes' records of the same home (the class as built here, on both sides).
    const server = new CheckedFiles(home);
    const shell = new CheckedFiles(home);
    expect(server.has('sessions.json', 'v1')).toBe(false);
    shell.record('sessions.json', 'v1');
    shell.save();
    expect(server.has('sessions.json', 'v1')).toBe(true);
    expect(server.has('sessions.json', 'v2')).toBe(false);
  });

  it('checks in full a file changed in place by another hand that kept its size and modification time', async () => {
    const home = await workedHome();
    const path = join(home, 'sessions.json');
    const before = statSync(path);
    // Same length, same inode, the old mtime put back to the nanosecond (`touch -r`): only the change time tells.
    const times = join(home, 'times');
    writeFileSync(times, '');
    execFileSync('touch', ['-r', path, times]);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"status":"active"', '"status":"zzzzzz"'));
    execFileSync('touch', ['-r', times, path]);
    const after = statSync(path);
    expect([after.ino, after.size, after.mtimeMs]).toEqual([before.ino, before.size, before.mtimeMs]);
    const status = await fragmentsJson(home, ['session:status']);
    expect(status.success).toBe(false);
    expect(status.error?.code).toBe('DAMAGED_FILE');
    expect(status.error?.message).toMatch(/sessions\.json/);
  });

  it('still refuses a file of a newer Fragments that recorded it as checked', async () => {
    const home = await workedHome();
    const path = join(home, 'sessions.json');
    const newer = readFileSync(path, 'utf8').replace('"schema_version":1', '"schema_version":9');
    writeFileSync(path, newer);
    const record = recorded(home);
    writeFileSync(join(home, CHECKED_FILE), JSON.stringify({ ...record, files: { ...record.files, 'sessions.json': statStamp(statSync(path)) } }));
    const status = await fragmentsJson(home, ['session:status']);
    expect(status.error?.code).toBe('NEWER_VERSION');
    expect(readFileSync(path, 'utf8')).toBe(newer);
  });

  it('trusts no record made by other schemas (another version of Fragments)', async () => {
    const home = await workedHome();
    const path = join(home, 'sessions.json');
    // Damage another build's schemas let pass, as far as its record says.
    writeFileSync(path, readFileSync(path, 'utf8').replace('"status":"active"', '"status":"zzzzzz"'));
    const record = recorded(home);
    writeFileSync(join(home, CHECKED_FILE), JSON.stringify({ schemas: `not ${record.schemas}`, files: { ...record.files, 'sessions.json': statStamp(statSync(path)) } }));
    const status = await fragmentsJson(home, ['session:status']);
    expect(status.error?.code).toBe('DAMAGED_FILE');
  });

  it('doctor checks every file in full, whatever the record says', async () => {
    const home = await workedHome();
    const path = join(home, 'sessions.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"status":"active"', '"status":"zzzzzz"'));
    const record = recorded(home);
    writeFileSync(join(home, CHECKED_FILE), JSON.stringify({ ...record, files: { ...record.files, 'sessions.json': statStamp(statSync(path)) } }));
    const doctor = await fragmentsJson(home, ['doctor']);
    expect(doctor.exit).toBe(1);
    expect(JSON.stringify(doctor.data)).toMatch(/sessions\.json/);
  });

  it('takes a damaged record for an empty one', async () => {
    const home = await workedHome();
    writeFileSync(join(home, CHECKED_FILE), '{"sessions.json": ');
    const status = await fragmentsJson(home, ['session:status']);
    expect(status.success).toBe(true);
    expect((await fragmentsJson(home, ['doctor'])).success).toBe(true);
  });

  it('keeps a sound edit by hand, so repair after a later slip brings the edit back', async () => {
    const home = await workedHome();
    const path = join(home, 'config.json');
    const edited = { ...(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>), completion_check: 'echo checks pass' };
    writeFileSync(path, `${JSON.stringify(edited, null, 2)}\n`);
    expect((await fragmentsJson(home, ['session:status'])).success).toBe(true);
    writeFileSync(path, `${JSON.stringify({ ...edited, stale_update_minutes: '30' }, null, 2)}\n`);
    const repair = await fragmentsJson(home, ['doctor', '--repair']);
    expect(repair.success).toBe(true);
    expect((JSON.parse(readFileSync(path, 'utf8')) as { completion_check: string }).completion_check).toBe('echo checks pass');
  });
});
