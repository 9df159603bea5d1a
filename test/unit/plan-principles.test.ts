import { describe, expect, it } from 'vitest';
import { readMarkdownPlan } from '../../src/core/plan-md/read.js';
import type { TaskInput } from '../../src/domain/plan-input.js';
import { emptyPlan, importMarkdown, planShape } from '../helpers/plans.js';

/*
 * Each principle of reading a plan, with the smallest plan that the reader got
 * wrong before it (what it made then is in the comment) and what it gives now.
 */

function read(lines: string[], fileName = 'plan.md', hoursPerPoint = 4) {
  const md = readMarkdownPlan(lines.join('\n'), { fileName, hoursPerDay: 8, hoursPerPoint });
  const tasks = md.plan.sprints.flatMap((s) => s.tasks.map((t) => ({ ...t, sprint: s.code })));
  return { md, tasks, sprints: md.plan.sprints.map((s) => s.code), task: (code: string) => tasks.find((t) => t.code === code) as (TaskInput & { sprint: string }) | undefined };
}

describe('each section is read from its own evidence; reference lists decide nothing', () => {
  it('a file list with `requirements.txt` does not turn the checklist under "Tasks" into criteria', () => {
    // Before: one task, `requirements.txt`; the two checklist items were dropped without a word.
    const { tasks, md } = read(['## Relevant Files', '', '- `requirements.txt` - Python dependencies', '', '## Tasks', '', '- [ ] Add the login form', '- [ ] Add the logout button']);
    expect(tasks.map((t) => t.title)).toEqual(['Add the login form', 'Add the logout button']);
    expect(md.warnings).toEqual([]);
  });

  it('`- **P0**: …` in a summary is a priority in a summary, not a task that makes the rest criteria', () => {
    // Before: one task, `P0`.
    const { tasks } = read(['## Summary', '', '- **P0**: login', '', '## Tasks', '', '- [ ] Fix the login', '- [ ] Fix the logout']);
    expect(tasks.map((t) => t.title)).toEqual(['Fix the login', 'Fix the logout']);
  });

  it('a code in the document\'s title names the plan\'s sprint, and is no task', () => {
    // Before: one task, FE-01 "Frontend TODO"; the checklist was its criteria.
    const { tasks, md } = read(['# FE-01 Frontend TODO', '', '- [ ] Build the header', '- [ ] Build the footer'], 'TODO.md');
    expect(md.plan.sprints.map((s) => [s.code, s.title])).toEqual([['FE-01', 'FE-01 Frontend TODO']]);
    expect(tasks.map((t) => [t.code, t.title])).toEqual([
      ['FE-01-BUILD-THE-HEADER', 'Build the header'],
      ['FE-01-BUILD-THE-FOOTER', 'Build the footer'],
    ]);
  });
});

describe('plain bullets are tasks where the heading says the section is work', () => {
  it('under # TODO', () => {
    // Before: "holds no task", nothing imported.
    expect(read(['# TODO', '', '- Fix the login redirect', '- Add dark mode']).tasks.map((t) => t.title)).toEqual(['Fix the login redirect', 'Add dark mode']);
  });

  it('with the status their section gives: ## DONE', () => {
    // Before: "holds no task".
    const { tasks } = read(['## TODO', '', '- Write the docs', '', '## DONE', '', '- Set up CI']);
    expect(tasks.map((t) => [t.title, t.status ?? 'pending'])).toEqual([
      ['Write the docs', 'pending'],
      ['Set up CI', 'completed'],
    ]);
  });

  it('`- **Task**: X` with a nested `- **Estimate**: 1 day`', () => {
    // Before: "holds no task".
    const { tasks } = read(['## Tasks', '', '- **Task**: Inventory the services', '  - **Estimate**: 1 day', '  - **Owner**: Dana']);
    expect(tasks).toMatchObject([{ title: 'Inventory the services', estimate: '1 day', description: '- Owner: Dana' }]);
  });

  it('in one list with checklist items a plain bullet is a task whose box was left off; in a list of its own it is warned; under a heading that says nothing of work it is prose', () => {
    // Before: "Remember to tell the team" and "Maybe rename it" were passed over as prose, with no warning.
    const { tasks, md } = read(['## Sprint 1', '', '- [ ] T-1 Build it', '- Remember to tell the team', '', 'Later on', '', '- Maybe rename it', '', '## Why', '', '- Because it is slow']);
    expect(tasks.map((t) => t.code)).toEqual(['T-1', 'SPRINT-1-REMEMBER-TO-TELL-THE-TEAM']);
    expect(md.not_imported).toEqual([{ line: 8, reason: 'plain' }]);
    expect(md.lines_skipped).toBe(2);
  });

  it('plain bullets in a sprint beside its coded checklist items are tasks, with codes made for them', () => {
    // Before: T1 alone; the two bullets were dropped with no warning, and --strict passed.
    const { tasks, md } = read(['# Sprint 1', '- [ ] T1 Build login', '- Write the onboarding email', '- Fix the flaky test']);
    expect(tasks.map((t) => [t.code, t.title])).toEqual([
      ['T1', 'Build login'],
      ['SPRINT-1-WRITE-THE-ONBOARDING-EMAIL', 'Write the onboarding email'],
      ['SPRINT-1-FIX-THE-FLAKY-TEST', 'Fix the flaky test'],
    ]);
    expect(md.warnings).toEqual([]);
  });

  it('a plain `Epic 2: Payments` line over a list heads it as `## Epic 2: Payments` does', () => {
    // Before: the Epic line and "Integrate Stripe" were dropped with no warning.
    const { tasks, md } = read(['# Backlog', '- **Task**: Build the search page', '  - **Estimate**: 1 day', '', 'Epic 2: Payments', '- Integrate Stripe', '- Send receipts']);
    expect(tasks.map((t) => [t.title, t.group, t.estimate])).toEqual([
      ['Build the search page', undefined, '1 day'],
      ['Integrate Stripe', 'Epic 2: Payments', undefined],
      ['Send receipts', 'Epic 2: Payments', undefined],
    ]);
    expect(md.not_imported).toEqual([]);
  });

  it('a plain line that says nothing of work heads no list: its bullets beside a checklist are warned, not read', () => {
    const { tasks, md } = read(['## Sprint 1', '', '- [ ] T-1 Build it', '', 'Some thoughts on it', '- It could be faster']);
    expect(tasks.map((t) => t.code)).toEqual(['T-1']);
    expect(md.warnings).toEqual(['1 item(s) that look like work not imported, plain bullets beside the checklist or coded items of their section, read as notes (give them a box or a code to import them): line 6']);
  });

  it('priority sections (ralph\'s fix_plan) give their priority', () => {
    const { tasks } = read(['## High Priority', '', '- [ ] Fix the crash', '', '## Low Priority', '', '- [ ] Colour the logs'], 'fix_plan.md');
    expect(tasks.map((t) => t.priority)).toEqual(['high', 'low']);
  });
});

describe('structure', () => {
  it('sub-headings inside a phase are groups of that phase, which do not chain', () => {
    // Before: "Tests" and "Implementation" replaced Phase 2 as phases, and T003 waited for T002.
    const { task } = read(['## Phase 1: Setup', '', '- [ ] T001 Init', '', '## Phase 2: Story', '', '### Tests', '', '- [ ] T002 Test it', '', '### Implementation', '', '- [ ] T003 Build it']);
    expect(task('T002')).toMatchObject({ phase: 'Phase 2: Story', group: 'Tests', depends: ['T001'] });
    expect(task('T003')).toMatchObject({ phase: 'Phase 2: Story', group: 'Implementation', depends: ['T001'] });
  });

  it('version headings are milestones, sprints of the roadmap, not tasks', () => {
    // Before: one task, V2, its checklist the criteria.
    const { sprints, tasks } = read(['## V2', '', '- [ ] Plugin system', '- [ ] WebSocket support', '', '## v2.1 (2026-03)', '', '- [ ] Themes']);
    expect(sprints).toEqual(['V2', 'V2.1']);
    expect(tasks.map((t) => [t.title, t.sprint])).toEqual([
      ['Plugin system', 'V2'],
      ['WebSocket support', 'V2'],
      ['Themes', 'V2.1'],
    ]);
  });

  it('a heading that begins with "Dependenc…" reads its links and keeps the tasks under it', () => {
    // Before: T-10 and T-11 were dropped, and the link named a task "not of this plan".
    const { tasks, md } = read(['## Sprint 1', '', '- [ ] T-1 Design', '', '## Dependencies & Integration', '', '- [ ] T-10 Wire the payment provider', '- [ ] T-11 Send receipts', '- T-10 blocks T-11']);
    expect(tasks.map((t) => [t.code, t.depends ?? []])).toEqual([
      ['T-1', []],
      ['T-10', []],
      ['T-11', ['T-10']],
    ]);
    expect(md.warnings).toEqual([]);
  });

  it('bold sprint headings are sprints', () => {
    // Before: one sprint named after the file.
    expect(read(['### **Sprint #0**: 6 - 17 January', '', '- [ ] Set up the repository', '', '### **Sprint #1**: 20 - 31 January', '', '- [ ] Build the catalogue']).sprints).toEqual(['SPRINT-0', 'SPRINT-1']);
  });

  it('numbered phases run in their number\'s order, wherever they are written', () => {
    // Before: Phase 1, written second, waited for Phase 2.
    const { task } = read(['## Phase 2: Build', '', '- [ ] T-2 Build it', '', '## Phase 1: Design', '', '- [ ] T-1 Design it']);
    expect(task('T-2')!.depends).toEqual(['T-1']);
    expect(task('T-1')!.depends).toBeUndefined();
  });

  it('a heading beside the sprints that holds tasks is a sprint of its own: ## Backlog', () => {
    const { tasks } = read(['## Sprint 1', '', '- [ ] T-1 Build', '', '## Backlog', '', '- [ ] T-9 Someday']);
    expect(tasks.map((t) => [t.code, t.sprint])).toEqual([
      ['T-1', 'SPRINT-1'],
      ['T-9', 'BACKLOG'],
    ]);
  });
});

describe('fields', () => {
  it('P0–P4 are priorities', () => {
    // Before: both tasks medium.
    const { tasks } = read(['## Sprint 1', '', '- [ ] T-1 Fix the login (P0)', '- [ ] T-2 [P2] Dark mode']);
    expect(tasks.map((t) => [t.title, t.priority])).toEqual([
      ['Fix the login', 'critical'],
      ['Dark mode', 'medium'],
    ]);
    expect(read(['## TODO', '', '- P1: Tidy the logs', '- **P4** Rename the flag']).tasks.map((t) => [t.title, t.priority])).toEqual([
      ['Tidy the logs', 'high'],
      ['Rename the flag', 'low'],
    ]);
  });

  it('`**Dependencies:** Task 1.1` and `(depends on T004)` are dependencies', () => {
    // Before: "Dependencies: Task 1.1" was a line of the description.
    const { task } = read(['## Sprint 1', '', '### Task 1.1: Freeze the schema', '', '### Task 1.2: Snapshot the database', '**Dependencies:** Task 1.1']);
    expect(task('SPRINT-1-1.2')!.depends).toEqual(['SPRINT-1-1.1']);
    expect(read(['## Sprint 1', '', '- [ ] T004 Model', '- [ ] T005 Service (depends on T004)']).task('T005')).toMatchObject({ title: 'Service', depends: ['T004'] });
  });

  it('points are an estimate, at the config\'s hours a point', () => {
    // Before: no estimate.
    expect(read(['## Sprint 1', '', '- [ ] T-1 Sign up (3 pts)']).task('T-1')!.estimate).toBe('12h');
    const { task, md } = read(['## Sprint 1', '', '- [ ] T-1 Sign up (3 pts)', '  - Story Points: 5'], 'plan.md', 2);
    expect(task('T-1')!.estimate).toBe('6h');
    expect(md.estimates_in_points).toEqual(['T-1']);
  });

  it('tables are read by what their columns hold, in any language', () => {
    // Before: "holds no task": no column was called Task.
    const { tasks } = read(['## Sprint 1', '', '| # | Tarea | Horas Estimadas | Estado |', '|---|---|---|---|', '| 1 | Diseño de la base de datos | 6 | Hecho |', '| 2 | Autenticación | 8 | Pendiente |']);
    expect(tasks.map((t) => [t.code, t.title, t.estimate, t.status])).toEqual([
      ['SPRINT-1-1', 'Diseño de la base de datos', '6h', 'completed'],
      ['SPRINT-1-2', 'Autenticación', '8h', 'pending'],
    ]);
  });

  it('Kiro\'s `- [ ]*` is an optional task', () => {
    // Before: the optional task was lost.
    const { tasks } = read(['# Implementation Plan', '', '- [ ] 1. Build the parser', '- [ ]* 2. Write unit tests for the parser']);
    expect(tasks.map((t) => [t.title, t.tags ?? []])).toEqual([
      ['Build the parser', []],
      ['Write unit tests for the parser', ['optional']],
    ]);
  });

  it('a title wrapped onto the next line keeps both lines', () => {
    // Before: "Create the project structure with the", the rest the description.
    const { task } = read(['## Sprint 1', '', '- [ ] T-1 Create the project structure with the', '  folders the plan names (2h)', '  Reviewed by Dana.']);
    expect(task('T-1')).toMatchObject({ title: 'Create the project structure with the folders the plan names', estimate: '2h', description: 'Reviewed by Dana.' });
  });

  it('a wrapped title keeps its next line whatever its first letter; a field or a sentence of its own does not join it', () => {
    // Before: "Refactor the config loader so it reads both YAML and"; "TOML files …" went to the description.
    const { tasks } = read(['# TODO', '- [ ] Refactor the config loader so it reads both YAML and', '  TOML files from the project root', '- [ ] Add the cache', '  Estimate: 2h', '- [ ] Write the docs', '  Dana reviews them first.', '- [ ] Ship it', '  **Priority**: high']);
    expect(tasks.map((t) => [t.title, t.estimate, t.priority, t.description])).toEqual([
      ['Refactor the config loader so it reads both YAML and TOML files from the project root', undefined, undefined, undefined],
      ['Add the cache', '2h', undefined, undefined],
      ['Write the docs', undefined, undefined, 'Dana reviews them first.'],
      ['Ship it', undefined, 'high', undefined],
    ]);
  });

  it('spec-kit\'s `(Priority: P1)` on a user story\'s phase is the priority of its tasks that name none', () => {
    // Before: the phase lost "(Priority: P1)" and its tasks stayed medium.
    const { task } = read(['## Phase 1: Setup', '', '- [ ] T001 Create the repo', '', '## Phase 2: User Story 1 - Sign in (Priority: P1)', '', '- [ ] T002 [US1] Add the login form', '- [ ] T003 [US1] Add the session (P3)', '', '### Tests for User Story 2 (Priority: P2)', '', '- [ ] T004 [US2] Test the logout']);
    expect(['T001', 'T002', 'T003', 'T004'].map((c) => task(c)!.priority)).toEqual([undefined, 'high', 'low', 'medium']);
    expect(task('T002')!.phase).toBe('Phase 2: User Story 1 - Sign in');
  });

  it('`__init__` and `__AGENT__` keep their underscores', () => {
    // Before: "Move the init.py helpers and AGENT".
    expect(read(['## Sprint 1', '', '- [ ] T-1 Move the __init__.py helpers and __AGENT__']).task('T-1')!.title).toBe('Move the __init__.py helpers and __AGENT__');
  });

  it('accented letters make sensible codes, other scripts a stable one', () => {
    // Before: SPRINT-1-CONFIGURACIO-N-DEL-MENU.
    const { tasks } = read(['## Sprint 1', '', '- [ ] Configuración del menú', '- [ ] Straße und Größe', '- [ ] Настроить сервер']);
    expect(tasks.map((t) => t.code)).toEqual(['SPRINT-1-CONFIGURACION-DEL-MENU', 'SPRINT-1-STRASSE-UND-GROSSE', expect.stringMatching(/^SPRINT-1-X[0-9A-F]{6}$/)]);
    expect(read(['## Sprint 1', '', '- [ ] Настроить сервер']).tasks[0]!.code).toBe(tasks[2]!.code);
  });
});

describe('nothing is dropped silently', () => {
  it('a checklist item outside every sprint is a warning naming its line', () => {
    // Before: counted as prose, no warning.
    const { md } = read(['- [ ] Agree on the scope', '', '## Sprint 1', '', '- [ ] T-1 Build it']);
    expect(md.not_imported).toEqual([{ line: 1, reason: 'outside' }]);
    expect(md.warnings).toEqual(['1 item(s) that look like work not imported, outside every sprint heading: line 1']);
  });

  it('items under notes are warnings naming the heading and every line, a coded one only when the plan defines it nowhere', () => {
    const { md } = read(['## Sprint 1', '', '- [ ] T-1 Build it', '', '## Notes', '', '- [ ] Ask legal', '- [ ] Ask finance', '- [ ] Ask sales', '- T-1 is the big one', '- `T-7` - forgotten']);
    expect(md.warnings).toEqual(['4 item(s) that look like work not imported, under a heading of notes or references (line 5), which are not plan: lines 7–9, 11']);
  });
});

describe('two plans never overwrite each other, and re-import is idempotent', () => {
  it('is judged in the command, by file: see test/e2e/import-plans.test.ts', () => {
    const plan = emptyPlan();
    importMarkdown(plan, ['## Sprint 1', '', '- [ ] T-1 Build it'].join('\n'));
    const again = importMarkdown(plan, ['## Sprint 1', '', '- [ ] T-1 Build it'].join('\n'));
    expect(again.report.tasks).toEqual({ created: [], updated: [], unchanged: ['T-1'] });
    expect(planShape(plan).tasks).toHaveLength(1);
  });
});
