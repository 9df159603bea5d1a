import { describe, expect, it } from 'vitest';
import { calibrate, calibratedEstimate } from '../../src/core/calibration.js';
import { forecast } from '../../src/core/forecast.js';
import { createSprint, createTask } from '../../src/core/plan.js';
import type { PlanFile, Priority } from '../../src/domain/plan.js';
import type { SessionsFile } from '../../src/domain/session.js';

const T0 = new Date('2026-01-09T09:00:00Z'); // a Friday

/** A plan whose finished tasks took `ratios` × their 1h estimate. */
function finished(ratios: number[], priority: Priority = 'medium'): PlanFile {
  const plan: PlanFile = { schema_version: 1, sprints: [], tasks: [] };
  createSprint(plan, { code: 'S', title: 'Sprint' }, T0);
  ratios.forEach((r, i) => {
    const task = createTask(plan, { code: `DONE-${i}`, title: 'done', sprint: 'S', estimate: { low_hours: 1, high_hours: 1 }, priority }, T0);
    task.status = 'completed';
    task.actual_seconds = r * 3600;
  });
  return plan;
}

const noSessions: SessionsFile = { schema_version: 1, sessions: [] };

describe('calibrate', () => {
  it('takes the median and the middle half of actual ÷ estimate', () => {
    const c = calibrate(finished([1, 2, 3, 4, 5]));
    expect(c.overall).toEqual({ ratio: 3, p25: 2, p75: 4, samples: 5 });
    expect(calibrate(finished([0.5, 1, 1, 1.5, 2, 4])).overall).toMatchObject({ ratio: 1.25, p25: 1, p75: 1.88 });
  });

  it('learns nothing from forced closes, unestimated or untracked tasks, and needs five of a priority for it', () => {
    const plan = finished([2, 2, 2, 2, 2]);
    plan.tasks[0]!.incomplete = true;
    expect(calibrate(plan)).toMatchObject({ samples: 4, overall: null, by_priority: {} });
    plan.tasks[0]!.incomplete = false;
    const extra = createTask(plan, { code: 'HIGH', title: 'high', sprint: 'S', estimate: { low_hours: 1, high_hours: 1 }, priority: 'high' }, T0);
    extra.status = 'completed';
    extra.actual_seconds = 3600;
    const c = calibrate(plan);
    expect(c.samples).toBe(6);
    expect(Object.keys(c.by_priority)).toEqual(['medium']);
    // A high task has too few of its own kind: the overall ratio speaks for it.
    expect(calibratedEstimate(c, extra)).toMatchObject({ basis: 'finished tasks', ratio: 2 });
  });

  it('says nothing about an estimate within a quarter of how estimates run', () => {
    const plan = finished([1.2, 1.2, 1.2, 1.2, 1.2]);
    const task = createTask(plan, { code: 'NEXT', title: 'next', sprint: 'S', estimate: { low_hours: 2, high_hours: 2 } }, T0);
    expect(calibratedEstimate(calibrate(plan), task)).toMatchObject({ ratio: 1.2, hours: 2.4, advice: null });
  });
});

describe('forecast', () => {
  it('walks over the weekend to the finish date, at the pace of the days worked', () => {
    const plan = finished([2, 2, 2, 2, 2]);
    createTask(plan, { code: 'LEFT', title: 'left', sprint: 'S', estimate: { low_hours: 6, high_hours: 6 } }, T0);
    // Four hours worked on Thursday: the pace is 4h a day, and Friday's 4 hours are still open.
    const sessions = {
      schema_version: 1,
      sessions: [{ status: 'completed', time_entries: [{ task: 'DONE-0', start: '2026-01-08T09:00:00.000Z', end: '2026-01-08T13:00:00.000Z', end_reason: 'done' }] }],
    } as unknown as SessionsFile;
    const f = forecast(plan, sessions, calibrate(plan), 'S', T0);
    // 12h left: Friday 4, Monday 4, Tuesday 4.
    expect(f).toMatchObject({ remaining_hours: { low: 12, expected: 12, high: 12 }, hours_per_day: 4, expected_finish: '2026-01-13' });
    expect(forecast(plan, noSessions, calibrate(plan), 'S', T0)).toMatchObject({ expected_finish: null, reason: expect.stringMatching(/No work tracked/) });
  });
});
