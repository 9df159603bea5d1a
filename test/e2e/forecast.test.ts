import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragments, tempHome } from '../helpers/cli.js';
import { cli, ok } from '../helpers/session.js';

/** A sprint of five 1h tasks to learn from and two left (2h and 3h), all of one priority. */
function plan(): string {
  const file = join(tempHome('plan'), 'forecast-plan.json');
  const task = (code: string, estimate: string) => ({ code, title: `Task ${code}`, estimate, priority: 'medium' });
  const tasks = ['T-A', 'T-B', 'T-C', 'T-D', 'T-E'].map((c) => task(c, '1h'));
  writeFileSync(file, JSON.stringify({ sprints: [{ code: 'SPRINT-F', title: 'Forecast', tasks: [...tasks, task('T-F', '2h'), task('T-G', '3h')] }] }));
  return file;
}

/** Works `code` for two hours from `minute` (the clock pinned at T0 = Monday 2026-01-05 09:00 UTC + minutes). */
async function twiceTheEstimate(home: string, code: string, minute: number) {
  ok(await cli(home, minute, 'task:activate', code));
  ok(await cli(home, minute + 60, 'update', `halfway through ${code}`));
  ok(await cli(home, minute + 120, 'done', `${code} done`));
}

interface Forecast {
  sprint_code: string | null;
  calibration_ratio: number | null;
  calibration_samples: number;
  remaining_hours: { low: number; expected: number; high: number } | null;
  estimate_hours: number;
  hours_per_day: number | null;
  expected_finish: string | null;
  reason: string | null;
}

describe('calibrated estimates and the forecast', () => {
  it('five tasks that each took twice their estimate: a ratio of 2, and twice the remaining estimate forecast', async () => {
    const home = tempHome('forecast');
    ok(await cli(home, 0, 'import', plan()));
    ok(await cli(home, 0, 'session:start'));
    ok(await cli(home, 0, 'sprint:activate', 'SPRINT-F'));
    for (const [i, code] of ['T-A', 'T-B', 'T-C', 'T-D'].entries()) await twiceTheEstimate(home, code, i * 130);

    // Four finished tasks are too few to learn from: the forecast says so, with no number made up.
    const early = ok(await cli(home, 530, 'forecast')).data as unknown as Forecast;
    expect(early).toMatchObject({ sprint_code: 'SPRINT-F', calibration_ratio: null, calibration_samples: 4, remaining_hours: null, expected_finish: null, estimate_hours: 6 });
    expect(early.reason).toMatch(/Only 4 finished tasks .* calibration needs 5/);
    const noAdvice = ok(await cli(home, 520, 'task:activate', 'T-E'));
    expect(noAdvice.data.calibrated_estimate).toBeNull();
    ok(await cli(home, 580, 'update', 'halfway through T-E'));
    ok(await cli(home, 640, 'done', 'T-E done'));

    // Monday 20:00: 10h worked today, 5h of estimate left, estimates ran 2×.
    const answer = ok(await cli(home, 660, 'forecast', '--sprint', 'SPRINT-F'));
    const f = answer.data as unknown as Forecast;
    expect(f).toMatchObject({
      calibration_ratio: 2,
      calibration_samples: 5,
      estimate_hours: 5,
      remaining_hours: { low: 10, expected: 10, high: 10 },
      hours_per_day: 10,
      // Today's pace is spent; Tuesday's 10 hours finish it.
      expected_finish: '2026-01-06',
      reason: null,
    });
    const human = await fragments(home, ['forecast'], { FRAGMENTS_NOW: new Date(Date.parse('2026-01-05T20:00:00Z')).toISOString() });
    expect(human.stdout).toContain('Estimates have run 2× (2–2×, over 5 finished tasks)');
    expect(human.stdout).toContain('done by 2026-01-06');

    // Activating a task now says what its estimate will likely become.
    const activated = ok(await cli(home, 661, 'task:activate', 'T-G'));
    expect(activated.data.calibrated_estimate).toMatchObject({ ratio: 2, samples: 5, basis: 'medium-priority tasks', hours: 6 });
    expect(activated.instructions!.next_actions[0]).toBe('T-G is estimated 3h; medium-priority tasks like it took 2× — plan for 6h');

    // The report shows the ratio per task and per sprint, and the calibration.
    const report = ok(await cli(home, 662, 'report'));
    const sprint = (report.data.sprints as { code: string; running_ratio: number; tasks: { code: string; ratio: number | null }[] }[])[0]!;
    expect(sprint.running_ratio).toBe(2);
    expect(sprint.tasks.find((t) => t.code === 'T-A')?.ratio).toBe(2);
    expect(report.data.calibration).toMatchObject({ samples: 5, overall: { ratio: 2, p25: 2, p75: 2 }, by_priority: { medium: { ratio: 2 } } });
    const text = await fragments(home, ['report'], { FRAGMENTS_NOW: '2026-01-05T20:02:00Z' });
    expect(text.stdout).toContain('Calibration: tasks took 2× their estimate (2–2×, 5 tasks); medium 2×.');
  });

  it('a home with no history at all forecasts nothing and says why', async () => {
    const home = tempHome('forecast-empty');
    ok(await cli(home, 0, 'import', plan()));
    const f = ok(await cli(home, 0, 'forecast')).data as unknown as Forecast;
    // No sprint is in progress: the whole plan.
    expect(f).toMatchObject({ sprint_code: null, estimate_hours: 10, calibration_samples: 0, remaining_hours: null, expected_finish: null });
    expect(f.reason).toMatch(/^No finished tasks with an estimate and tracked time; calibration needs 5/);
  });
});
