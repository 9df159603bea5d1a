import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMarkdownPlan } from '../../src/core/plan-md/read.js';
import { formatMarkdownPlan } from '../../src/core/plan-md/write.js';
import { parseDuration } from '../../src/domain/duration.js';
import type { Sprint, Task } from '../../src/domain/plan.js';
import type { PlanInput, TaskInput } from '../../src/domain/plan-input.js';

const example = fs.readFileSync(new URL('../../examples/sprint-plan.md', import.meta.url), 'utf8');

const AT = '2025-01-01T00:00:00.000Z';

/** The Markdown reader as `import` calls it, with the notes it makes. */
function parseMarkdownPlan(text: string) {
  const read = readMarkdownPlan(text, { fileName: 'plan.md', hoursPerDay: 8, hoursPerPoint: 4 });
  return { plan: read.plan, notes: read.warnings, read };
}

function tasksOf(plan: PlanInput): TaskInput[] {
  return plan.sprints.flatMap((s) => s.tasks);
}

function taskOf(plan: PlanInput, code: string): TaskInput {
  const task = tasksOf(plan).find((t) => t.code === code);
  if (!task) throw new Error(`no task ${code}`);
  return task;
}

function hours(estimate: string | undefined) {
  return estimate === undefined ? undefined : parseDuration(estimate);
}

/** What `import` would store, so round trips compare like with like. */
function toModel(plan: PlanInput): { sprints: Sprint[]; tasks: Task[] } {
  const sprints = plan.sprints.map(
    (s): Sprint => ({
      code: s.code,
      title: s.title,
      goal: s.goal ?? null,
      status: 'planned',
      estimate: hours(s.estimate) ?? null,
      retrospective: null,
      deliverables: [],
      notes: [],
      created_at: AT,
      updated_at: AT,
      completed_at: null,
    }),
  );
  const tasks = plan.sprints.flatMap((s) => s.tasks.map((t) => task({ ...t, sprint: s.code })));
  return { sprints, tasks };
}

function task(input: TaskInput & { sprint: string | null }): Task {
  return {
    code: input.code,
    title: input.title,
    description: input.description ?? null,
    sprint: input.sprint,
    phase: input.phase ?? null,
    status: 'pending',
    priority: input.priority ?? 'medium',
    estimate: hours(input.estimate) ?? null,
    depends: input.depends ?? [],
    parent: input.parent ?? null,
    summary: null,
    updates: [],
    notes: [],
    artifacts: [],
    evidence: [],
    actual_seconds: 0,
    incomplete: false,
    started: false,
    block_reason: null,
    created_at: AT,
    updated_at: AT,
    started_at: null,
    completed_at: null,
  };
}

function essentials(tasks: Task[]) {
  return tasks
    .map((t) => ({
      code: t.code,
      title: t.title,
      description: t.description,
      priority: t.priority,
      depends: [...t.depends].sort(),
      parent: t.parent,
      estimate: t.estimate,
      phase: t.phase,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

describe('parseMarkdownPlan on the example plan', () => {
  const { plan, notes, read } = parseMarkdownPlan(example);

  it('finds both sprints with their titles, goals and estimates', () => {
    expect(plan.sprints.map((s) => [s.code, s.title])).toEqual([
      ['SPRINT-SESS-1', 'Core System & Context'],
      ['SPRINT-SESS-2', 'Tooling & Integration'],
    ]);
    expect(hours(plan.sprints[0]!.estimate)).toEqual({ low_hours: 10, high_hours: 13 });
    expect(plan.sprints.every((s) => (s.goal ?? '').length > 0)).toBe(true);
  });

  it('reads all 21 tasks with their titles, phases and priorities', () => {
    const tasks = tasksOf(plan);
    expect(tasks).toHaveLength(21);
    expect(plan.sprints[0]!.tasks.map((t) => t.code)).toEqual([
      'T-SESS-01-DB',
      'T-SESS-01-MODELS',
      'T-SESS-01-MGR',
      'T-SESS-01-STACK',
      'T-SESS-02-LIFECYCLE',
      'T-SESS-02-CONTEXT',
      'T-SESS-02-UPDATE',
      'T-SESS-03-VALIDATORS',
      'T-SESS-03-PROMPTS',
    ]);
    expect(taskOf(plan, 'T-SESS-01-MGR')).toMatchObject({
      title: 'SessionManager service',
      phase: 'Phase 1: Core Session System',
      priority: 'critical',
    });
    expect(taskOf(plan, 'T-SESS-04-RETROFIT').title).toBe('Retrofit existing tools with session context');
    expect(taskOf(plan, 'T-SESS-08-TEMPLATES').priority).toBe('low');
  });

  it('makes each phase depend on the whole previous phase of the same sprint', () => {
    const phase1 = ['T-SESS-01-DB', 'T-SESS-01-MODELS', 'T-SESS-01-MGR', 'T-SESS-01-STACK'];
    for (const code of phase1) expect(taskOf(plan, code).depends ?? []).toEqual([]);
    expect(taskOf(plan, 'T-SESS-02-LIFECYCLE').depends).toEqual(phase1);
    expect(taskOf(plan, 'T-SESS-03-VALIDATORS').depends).toEqual([
      'T-SESS-02-LIFECYCLE',
      'T-SESS-02-CONTEXT',
      'T-SESS-02-UPDATE',
    ]);
    expect(taskOf(plan, 'T-SESS-04-MCPTOOLS').depends ?? []).toEqual([]);
  });

  it('gives each task an equal share of its phase estimate, and says so', () => {
    expect(hours(taskOf(plan, 'T-SESS-01-DB').estimate)).toEqual({ low_hours: 1, high_hours: 1.25 });
    expect(hours(taskOf(plan, 'T-SESS-02-UPDATE').estimate)).toEqual({ low_hours: 1, high_hours: 1.33 });
    expect(hours(taskOf(plan, 'T-SESS-06-CLI').estimate)).toEqual({ low_hours: 1.5, high_hours: 2 });
    expect(read.estimates_guessed).toContain('T-SESS-01-DB: 1-1.25h of Phase 1: Core Session System (4-5h)');
    expect(notes).toEqual([]);
  });
});

describe('parseMarkdownPlan on hand-written variants', () => {
  it('reads own estimates, priorities and dependencies in any order', () => {
    const { plan } = parseMarkdownPlan(
      [
        '## SPRINT-A - Alpha',
        '**Phase 1: Setup (4h)**',
        '- `T-1` - First',
        '* `T-2`: Second (2h) [high]',
        '',
        '**Phase 2: Build (3h)**',
        '- `T-3` — Third after T-1, T-9 [critical] (30m)',
      ].join('\n'),
    );
    expect(taskOf(plan, 'T-1')).toMatchObject({ title: 'First', estimate: '2h' });
    expect(taskOf(plan, 'T-2')).toMatchObject({ title: 'Second', estimate: '2h', priority: 'high' });
    expect(taskOf(plan, 'T-3')).toMatchObject({
      title: 'Third',
      estimate: '30m',
      priority: 'critical',
      depends: ['T-1', 'T-2', 'T-9'],
    });
    expect(taskOf(plan, 'T-1').priority).toBeUndefined();
  });

  it('reads heading phases, bold goals and sprints without phases', () => {
    const { plan } = parseMarkdownPlan(
      [
        '# Plan',
        '## SPRINT-B: Beta',
        '**Goal:** ship it',
        '- `T-0` - Loose task',
        '#### Phase 1: One (2h)',
        '- `T-1` - One',
        '#### Phase 2: Two',
        '- `T-2` - Two',
      ].join('\n'),
    );
    const sprint = plan.sprints[0]!;
    expect(sprint).toMatchObject({ code: 'SPRINT-B', title: 'Beta', goal: 'ship it' });
    expect(sprint.estimate).toBeUndefined();
    expect(taskOf(plan, 'T-0')).not.toHaveProperty('phase');
    expect(taskOf(plan, 'T-1')).toMatchObject({ phase: 'Phase 1: One', estimate: '2h' });
    expect(taskOf(plan, 'T-2')).toMatchObject({ phase: 'Phase 2: Two', depends: ['T-1'] });
    expect(taskOf(plan, 'T-2').estimate).toBeUndefined();
  });

  it('turns indented bullets into subtasks and indented text into descriptions', () => {
    const { plan } = parseMarkdownPlan(
      [
        '### SPRINT-C: Gamma',
        '**Phase 1: Only (4h)**',
        '- `T-1` - Parent',
        '  Why it matters.',
        '  - `T-1A` - Child (1h)',
        '    The child in detail.',
        '  - a checklist item',
        '- `T-2` - Sibling',
        '',
        '**Phase 2: Next**',
        '- `T-3` - After',
      ].join('\n'),
    );
    expect(taskOf(plan, 'T-1')).toMatchObject({ description: 'Why it matters.\n- a checklist item', estimate: '2h' });
    expect(taskOf(plan, 'T-1A')).toMatchObject({ parent: 'T-1', description: 'The child in detail.', estimate: '1h' });
    expect(taskOf(plan, 'T-2').parent).toBeUndefined();
    expect(taskOf(plan, 'T-3').depends).toEqual(['T-1', 'T-2']);
  });

  it('reports what it skips instead of throwing', () => {
    const { plan, notes } = parseMarkdownPlan(
      [
        '- `T-0` - Before any sprint',
        '### SPRINT-D: Delta',
        '- a bullet with no code',
        '- `T-1` - First',
        '- `T-1` - Again',
        '- `not a code` - Spaces',
        '- `T-2`',
      ].join('\n'),
    );
    expect(tasksOf(plan).map((t) => [t.code, t.title])).toEqual([
      ['T-1', 'First'],
      ['T-2', 'T-2'],
    ]);
    expect(notes).toEqual([
      'line 5: T-1 is already defined on line 4; this one adds nothing',
      '1 item(s) that look like work not imported, outside every sprint heading: line 1',
      // Bullets among coded ones that have none: not read as tasks, and said (issue 19: nothing dropped silently).
      '2 item(s) that look like work not imported, plain bullets beside the checklist or coded items of their section, read as notes (give them a box or a code to import them): lines 3, 6',
    ]);
  });

  it('ends a sprint at a heading without a code', () => {
    const { plan, notes } = parseMarkdownPlan(
      ['## SPRINT-E: Epsilon', '- `T-1` - In', '## Notes', '- `T-2` - Out'].join('\n'),
    );
    expect(tasksOf(plan).map((t) => t.code)).toEqual(['T-1']);
    expect(notes).toEqual(['1 item(s) that look like work not imported, under a heading of notes or references (line 3), which are not plan: line 4']);
  });
});

describe('formatMarkdownPlan', () => {
  it('writes the example back in the same shape', () => {
    const { sprints, tasks } = toModel(parseMarkdownPlan(example).plan);
    const text = formatMarkdownPlan(sprints, tasks);
    expect(text).toContain('### SPRINT-SESS-1: Core System & Context (10-13h)');
    expect(text).toContain('**Phase 1: Core Session System (4-5h)**');
    expect(text).toContain('**Phase 4: MCP Tools (2-3h)**');
    expect(text).toContain('- [ ] `T-SESS-01-DB` - Database schema [critical]\n');
    expect(text).toContain('- [ ] `T-SESS-02-LIFECYCLE` - Session lifecycle commands [high]\n');
  });

  it('round-trips the example plan', () => {
    const model = toModel(parseMarkdownPlan(example).plan);
    const again = toModel(parseMarkdownPlan(formatMarkdownPlan(model.sprints, model.tasks)).plan);
    expect(again.sprints).toEqual(model.sprints);
    expect(essentials(again.tasks)).toEqual(essentials(model.tasks));
  });

  it('round-trips own estimates, extra dependencies, subtasks and odd codes', () => {
    const { sprints } = toModel({ sprints: [{ code: 'S1', title: 'Plain code', estimate: '1-2d', tasks: [] }] });
    const tasks = [
      task({ code: 'setup', title: 'Setup', sprint: 'S1', phase: 'Phase 1: A', estimate: '40m', priority: 'high' }),
      task({ code: 'T-2', title: 'Two', sprint: 'S1', phase: 'Phase 1: A', estimate: '2-3h', depends: ['T-9'] }),
      task({ code: 'T-3', title: 'Three', sprint: 'S1', phase: 'Phase 2: B', depends: ['setup', 'T-2', 'T-5'] }),
      task({ code: 'T-3A', title: 'Sub', sprint: 'S1', parent: 'T-3', phase: 'Phase 2: B', estimate: '90m' }),
      task({ code: 'T-4', title: 'Loose', sprint: 'S1', description: 'Line one\nLine two', priority: 'low' }),
      task({ code: 'T-5', title: 'Unplanned', sprint: null, priority: 'critical' }),
    ];
    const text = formatMarkdownPlan(sprints, tasks);
    expect(text).toContain('### S1: Plain code (8-16h)');
    expect(text).toContain('- [ ] `T-3` - Three after T-5 [medium]');
    expect(text).toContain('### Sprint `BACKLOG`: Unplanned');

    const again = toModel(parseMarkdownPlan(text).plan);
    expect(essentials(again.tasks)).toEqual(essentials(tasks));
    expect(again.sprints.map((s) => s.code)).toEqual(['S1', 'BACKLOG']);
  });

  it('keeps phase shares implicit when they would be read back the same', () => {
    const { sprints, tasks } = toModel(
      parseMarkdownPlan(['### SPRINT-F: Phi', '**Phase 1: Thirds (2-3h)**', '- `A-1` - a', '- `A-2` - b', '- `A-3` - c'].join('\n')).plan,
    );
    expect(tasks[0]!.estimate).toEqual({ low_hours: 0.67, high_hours: 1 });
    const text = formatMarkdownPlan(sprints, tasks);
    expect(text).toContain('**Phase 1: Thirds (2-3h)**');
    expect(text).toContain('- [ ] `A-1` - a [medium]\n');
    expect(essentials(toModel(parseMarkdownPlan(text).plan).tasks)).toEqual(essentials(tasks));
  });
});
