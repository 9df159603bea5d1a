import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEGMENT_SIZE } from '../../src/store/segments.js';
import { fragmentsJson, ROOT, tempHome } from '../helpers/cli.js';
import { doctorEntry, editJson, type Json } from '../helpers/home-files.js';

const read = (home: string, rel: string) => JSON.parse(readFileSync(join(home, rel), 'utf8')) as Json;

/** The example home (version 1 files) with SESSION-001's history grown to `count` activities, as an older Fragments kept it: one file. */
function oldHome(count: number, date = '2026-11-23'): string {
  const home = tempHome('segments');
  cpSync(join(ROOT, '.fragments.example'), home, { recursive: true });
  const at = (i: number) => new Date(Date.parse(`${date}T00:00:00Z`) + i * 1000).toISOString();
  const activities = Array.from({ length: count }, (_, i) => ({
    id: i + 1, at: at(i), kind: i % 2 ? 'update' : 'log', command: 'log', text: `activity ${i + 1}`,
    session: 'SESSION-001', task: null, sprint: null, source: 'cli',
  }));
  writeFileSync(join(home, 'activity', 'SESSION-001.json'), JSON.stringify({ schema_version: 1, session: 'SESSION-001', activities }, null, 2));
  editJson(join(home, 'sessions.json'), (data) => {
    data.sessions[0].activity_count = count;
    data.sessions[0].last_activity_at = at(count - 1);
  });
  return home;
}

describe('activity in segments', () => {
  it('an older home is read as it is, and its one big history is closed into segments by the first command that records', async () => {
    const count = 2 * SEGMENT_SIZE + 50;
    const home = oldHome(count);
    const before = await fragmentsJson(home, ['history', '--limit', '5']);
    expect((before.data.activities as Json[]).map((a) => a.id)).toEqual([count - 4, count - 3, count - 2, count - 1, count]);

    const logged = await fragmentsJson(home, ['log', 'after the move'], { FRAGMENTS_NOW: '2026-11-24T09:00:00.000Z' });
    expect(logged.success).toBe(true);
    for (const n of [1, 2]) {
      const closed = read(home, `activity/SESSION-001/${n}.json`);
      expect(closed).toMatchObject({ schema_version: 2, session: 'SESSION-001', segments: n - 1 });
      expect(closed.activities.map((a: Json) => a.id)).toEqual(Array.from({ length: SEGMENT_SIZE }, (_, i) => (n - 1) * SEGMENT_SIZE + i + 1));
    }
    const current = read(home, 'activity/SESSION-001.json');
    expect(current).toMatchObject({ schema_version: 2, segments: 2 });
    expect(current.activities.map((a: Json) => a.id)).toEqual(Array.from({ length: 51 }, (_, i) => 2 * SEGMENT_SIZE + i + 1));

    // Reading back crosses segments without a gap.
    const history = await fragmentsJson(home, ['history', '--limit', '60']);
    expect((history.data.activities as Json[]).map((a) => a.id)).toEqual(Array.from({ length: 60 }, (_, i) => count + 1 - 59 + i));
    expect((await fragmentsJson(home, ['doctor'])).success).toBe(true);
  });

  it('a full current segment closes and is never written again', async () => {
    const home = oldHome(SEGMENT_SIZE - 1);
    await fragmentsJson(home, ['log', 'fills the segment']);
    expect(existsSync(join(home, 'activity', 'SESSION-001', '1.json'))).toBe(false);
    await fragmentsJson(home, ['log', 'opens a new one']);
    const closed = readFileSync(join(home, 'activity', 'SESSION-001', '1.json'), 'utf8');
    expect(read(home, 'activity/SESSION-001.json').activities.map((a: Json) => a.text)).toEqual(['opens a new one']);
    await fragmentsJson(home, ['log', 'and one more']);
    expect(readFileSync(join(home, 'activity', 'SESSION-001', '1.json'), 'utf8')).toBe(closed);
    expect(read(home, 'activity/SESSION-001.json').activities.map((a: Json) => a.id)).toEqual([SEGMENT_SIZE + 1, SEGMENT_SIZE + 2]);
  });

  it("today's counts come from the session record, and a history from before the count is counted once", async () => {
    const home = oldHome(300, '2026-11-24');
    const now = { FRAGMENTS_NOW: '2026-11-24T12:00:00.000Z' };
    const status = await fragmentsJson(home, ['session:status'], now);
    expect(status.data.today).toEqual({ log: 150, update: 150 });
    await fragmentsJson(home, ['session:resume'], now);
    await fragmentsJson(home, ['log', 'one more'], now);
    expect(read(home, 'sessions.json').sessions[0].today).toEqual({ date: '2026-11-24', counts: { log: 151, update: 150, resume: 1 } });
    expect((await fragmentsJson(home, ['session:status'], now)).data.today).toEqual({ log: 151, update: 150, resume: 1 });
    expect((await fragmentsJson(home, ['session:status'], { FRAGMENTS_NOW: '2026-11-25T08:00:00.000Z' })).data.today).toEqual({});
  });

  it('doctor checks closed segments too, and repair restores one from its copy', async () => {
    const home = oldHome(SEGMENT_SIZE);
    await fragmentsJson(home, ['log', 'closes the first segment']);
    const rel = 'activity/SESSION-001/1.json';
    const good = readFileSync(join(home, rel), 'utf8');
    writeFileSync(join(home, rel), '{"schema_version": 2, "activi');
    const report = await fragmentsJson(home, ['doctor']);
    expect(doctorEntry(report.data, rel)).toMatchObject({ ok: false, code: 'DAMAGED_FILE' });
    const repaired = await fragmentsJson(home, ['doctor', '--repair']);
    expect(doctorEntry(repaired.data, rel)).toMatchObject({ repaired: true });
    expect(readFileSync(join(home, rel), 'utf8')).toBe(good);
  });
});
