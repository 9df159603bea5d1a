import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragmentsJson, ROOT, tempHome } from '../helpers/cli.js';
import { wholePlan } from '../helpers/home-files.js';

const EXAMPLE = join(ROOT, '.fragments.example');
const PLAN_MD = join(ROOT, 'examples', 'sprint-plan.md');

interface PlanJson {
  sprints: { code: string; title: string; goal: string | null; estimate: unknown }[];
  tasks: { code: string; title: string; sprint: string; estimate: unknown; depends: string[]; priority: string; phase: string | null; parent: string | null }[];
}

const planOf = (home: string) => wholePlan(home) as PlanJson;
const shape = (plan: PlanJson) => ({
  sprints: plan.sprints.map(({ code, title, goal, estimate }) => ({ code, title, goal, estimate })),
  tasks: plan.tasks.map(({ code, title, sprint, estimate, depends, priority, phase, parent }) => ({ code, title, sprint, estimate, depends, priority, phase, parent })),
});

describe('the example plan', () => {
  it('imports twice into 2 sprints and 21 tasks, the second time changing nothing', async () => {
    const home = tempHome('import');
    const first = await fragmentsJson(home, ['import', PLAN_MD]);
    expect(first.success).toBe(true);
    const second = await fragmentsJson(home, ['import', PLAN_MD]);
    const report = second.data.report as { tasks: { created: string[]; updated: string[]; unchanged: string[] } };
    expect(report.tasks.created).toEqual([]);
    expect(report.tasks.updated).toEqual([]);
    expect(report.tasks.unchanged).toHaveLength(21);
    const tasks = (await fragmentsJson(home, ['task:list'])).data.tasks as { code: string; depends: string[] }[];
    const sprints = (await fragmentsJson(home, ['sprint:list'])).data.sprints as unknown[];
    expect(sprints).toHaveLength(2);
    expect(tasks).toHaveLength(21);
    const depends = (code: string) => tasks.find((t) => t.code === code)!.depends;
    expect(depends('T-SESS-01-DB')).toEqual([]);
    expect(depends('T-SESS-02-LIFECYCLE').sort()).toEqual(['T-SESS-01-DB', 'T-SESS-01-MGR', 'T-SESS-01-MODELS', 'T-SESS-01-STACK']);
    expect(depends('T-SESS-08-TEMPLATES').sort()).toEqual(['T-SESS-07-ENDPOINTS', 'T-SESS-07-MIDDLEWARE']);
  });

  it('written as Markdown, produces exactly the plan of .fragments.example', async () => {
    const home = tempHome('same');
    await fragmentsJson(home, ['import', PLAN_MD]);
    expect(shape(planOf(home))).toEqual(shape(planOf(EXAMPLE)));
  });
});

describe('.fragments.example', () => {
  it('is a valid home whose paused session resumes with its last actions', async () => {
    const home = tempHome('example');
    cpSync(EXAMPLE, home, { recursive: true });
    expect((await fragmentsJson(home, ['doctor'])).success).toBe(true);
    const sessions = (await fragmentsJson(home, ['session:list', '--status', 'paused'])).data.sessions as { key: string }[];
    expect(sessions.map((s) => s.key)).toEqual(['SESSION-001']);
    const resumed = await fragmentsJson(home, ['session:resume']);
    expect(resumed.success).toBe(true);
    expect((resumed.data.active_task as { code: string }).code).toBe('T-SESS-01-MODELS');
    expect(resumed.data.last_actions as string[]).toHaveLength(3);
    expect((resumed.data.last_actions as string[])[2]).toMatch(/session:pause "lunch"$/);
  });
});
