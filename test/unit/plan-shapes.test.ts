import { describe, expect, it } from 'vitest';
import { AT, emptyPlan, fixture, importMarkdown, planShape } from '../helpers/plans.js';

/** Imports a fixture into an empty plan, then again: the second import must change nothing. */
function imported(name: string, hoursPerDay = 8) {
  const plan = emptyPlan();
  const first = importMarkdown(plan, fixture(name), name, hoursPerDay);
  const before = JSON.stringify(plan);
  const again = importMarkdown(plan, fixture(name), name, hoursPerDay);
  return { plan, shape: planShape(plan), read: first.read, report: first.report, again: again.report, unchanged: JSON.stringify(plan) === before };
}

function expectIdempotent(result: ReturnType<typeof imported>) {
  expect(result.unchanged).toBe(true);
  expect(result.again.sprints.created).toEqual([]);
  expect(result.again.sprints.updated).toEqual([]);
  expect(result.again.tasks.created).toEqual([]);
  expect(result.again.tasks.updated).toEqual([]);
  expect(result.again.tasks.unchanged).toHaveLength(result.plan.tasks.length);
}

describe('a real plan: title, summary, prose, fences and block quotes', () => {
  const result = imported('real-plan.md');

  it('makes the two sprints the author wrote, not the title, the summary or the fenced ones', () => {
    expect(result.shape.sprints).toEqual([
      ['SPRINT-SESS-1', 'Core System', '6-8h'],
      ['SPRINT-SESS-2', 'Tooling', 'none'],
    ]);
    expect(result.plan.sprints[0]!.goal).toBe('Sessions that remember their context.');
  });

  it('makes exactly the tasks under sprint headings, criteria going to the description', () => {
    expect(result.shape.tasks).toEqual([
      { code: 'T-DB', title: 'Database schema', sprint: 'SPRINT-SESS-1', status: 'pending', estimate: '2h' },
      { code: 'T-MODELS', title: 'Models', sprint: 'SPRINT-SESS-1', status: 'pending', estimate: '2h' },
      { code: 'T-CMD', title: 'Session commands', sprint: 'SPRINT-SESS-1', status: 'pending', estimate: '3h', depends: ['T-DB', 'T-MODELS'] },
      { code: 'T-CLI', title: 'CLI commands', sprint: 'SPRINT-SESS-2', status: 'pending', estimate: 'none', depends: ['T-CMD'] },
    ]);
    expect(result.plan.tasks[0]!.description).toBe('- [ ] The schema has a sessions table\n- [ ] Migrations run twice without harm');
    expect(result.plan.tasks[0]!.priority).toBe('critical');
  });

  it('counts prose once instead of reporting each line, and warns only about a task outside any sprint', () => {
    expect(result.read.warnings).toEqual(['1 item(s) that look like work not imported, under a heading of notes or references (line 47), which are not plan: line 49']);
    expect(result.read.not_imported).toEqual([{ line: 49, reason: 'reference', heading: 47 }]);
    // The summary's lines, the prose, and the repeated T-DB; T-LATE is warned about instead.
    expect(result.read.lines_skipped).toBe(9);
    expect(result.read.skipped.map((s) => s.line)).toContain(7);
    expect(result.read.estimates_guessed).toEqual(['T-DB: 2h of Phase 1: Storage (4h)', 'T-MODELS: 2h of Phase 1: Storage (4h)']);
  });

  it('changes nothing when imported again', () => expectIdempotent(result));
});

describe('GitHub checklists without codes', () => {
  const result = imported('checklists.md');

  it('generates stable codes from sprint and title, [x] and [X] importing as completed', () => {
    expect(result.shape.sprints).toEqual([
      ['SPRINT-1', 'Foundation', 'none'],
      ['S2', 'Polish', '8-16h'],
    ]);
    expect(result.shape.tasks).toEqual([
      { code: 'SPRINT-1-WRITE-THE-PARSER', title: 'Write the parser', sprint: 'SPRINT-1', status: 'pending', estimate: 'none' },
      { code: 'SPRINT-1-SET-UP-THE-REPOSITORY', title: 'Set up the repository', sprint: 'SPRINT-1', status: 'completed', estimate: 'none' },
      { code: 'SPRINT-1-PICK-A-LICENCE', title: 'Pick a licence', sprint: 'SPRINT-1', status: 'completed', estimate: 'none' },
      { code: 'S2-WRITE-THE-PARSER', title: 'Write the parser', sprint: 'S2', status: 'pending', estimate: 'none' },
      { code: 'S2-DOCUMENT-THE-COMMANDS', title: 'Document the commands', sprint: 'S2', status: 'pending', estimate: '3h' },
    ]);
    expect(result.read.generated_codes).toHaveLength(5);
    expect(result.plan.tasks[1]!.completed_at).toBe(AT.toISOString());
  });

  it('changes nothing when imported again', () => expectIdempotent(result));
});

describe('numbered checklists with no sprint heading', () => {
  const result = imported('numbered.md');

  it('is one sprint named after the file, 1.1 a subtask of 1', () => {
    expect(result.shape.sprints).toEqual([['NUMBERED', 'numbered', 'none']]);
    expect(result.shape.tasks).toEqual([
      { code: 'NUMBERED-1', title: 'Set up the client', sprint: 'NUMBERED', status: 'completed', estimate: 'none' },
      { code: 'NUMBERED-1.1', title: 'Create the service', sprint: 'NUMBERED', status: 'completed', estimate: 'none', parent: 'NUMBERED-1' },
      { code: 'NUMBERED-1.2', title: 'Wire the configuration', sprint: 'NUMBERED', status: 'pending', estimate: 'none', parent: 'NUMBERED-1' },
      { code: 'NUMBERED-2', title: 'Build the report', sprint: 'NUMBERED', status: 'pending', estimate: 'none' },
    ]);
    expect(result.plan.tasks[3]!.description).toBe('- Keep it under a page');
    expect(result.plan.tasks[0]!.phase).toBeNull();
  });

  it('changes nothing when imported again', () => expectIdempotent(result));
});

describe('tasks written as headings', () => {
  const result = imported('task-headings.md');

  it('reads labels, bold, estimates, done marks and field lines; the checklist below is criteria', () => {
    expect(result.shape.sprints).toEqual([['SPRINT-3', 'Parsing', 'none']]);
    expect(result.shape.tasks).toEqual([
      { code: 'T-OBS-02', title: 'Create the parser', sprint: 'SPRINT-3', status: 'pending', estimate: '1-2h', depends: ['T-OBS-01'] },
      { code: 'T-OBS-01', title: 'Collect the samples', sprint: 'SPRINT-3', status: 'pending', estimate: '30m' },
      { code: 'P0-1', title: 'Clean up ⚡', sprint: 'SPRINT-3', status: 'pending', estimate: '16-24h', depends: ['T-OBS-01', 'T-OBS-02'] },
      { code: 'S-1-F25-02', title: 'Role separation', sprint: 'SPRINT-3', status: 'pending', estimate: 'none' },
      { code: 'T-OBS-03', title: 'Ship it', sprint: 'SPRINT-3', status: 'pending', estimate: 'none', depends: ['T-OBS-01'] },
      { code: 'ENG-10-01', title: 'YAML fix', sprint: 'SPRINT-3', status: 'completed', estimate: '2-4h' },
    ]);
    expect(result.plan.tasks[0]!.description).toBe('- [ ] Reads every fixture\n- [ ] Names the line of each warning');
    expect(result.plan.tasks[3]!.description).toBe('Acceptance criteria\n- Roles never share a token');
  });

  it('counts days in the config hours_per_day', () => {
    expect(planShape(imported('task-headings.md', 6).plan).tasks[2]!.estimate).toBe('12-18h');
  });

  it('changes nothing when imported again', () => expectIdempotent(result));
});

describe('a task table', () => {
  const result = imported('task-table.md');

  it('reads code, task, estimate, depends and status columns, and skips other tables', () => {
    expect(result.shape.tasks).toEqual([
      { code: 'R-1', title: 'Time report', sprint: 'SPRINT-4', status: 'completed', estimate: '2h' },
      { code: 'R-2', title: 'Forecast', sprint: 'SPRINT-4', status: 'pending', estimate: '1-2h', depends: ['R-1'] },
      { code: 'R-3', title: 'Export CSV', sprint: 'SPRINT-4', status: 'pending', estimate: '3h', depends: ['R-1', 'R-2'] },
    ]);
    expect(result.read.lines_skipped).toBe(3);
  });

  it('changes nothing when imported again', () => expectIdempotent(result));
});

describe('estimate and dependency forms', () => {
  const result = imported('estimates.md');

  it('reads (2h), ~3h, (2-3h), (8-12 hours), Estimate: 1.5 days, after, depends on, blocked by and a dependencies section', () => {
    expect(result.shape.tasks).toEqual([
      { code: 'E-1', title: 'In parentheses', sprint: 'SPRINT-5', status: 'pending', estimate: '2h' },
      { code: 'E-2', title: 'With a tilde', sprint: 'SPRINT-5', status: 'pending', estimate: '3h' },
      { code: 'E-3', title: 'A range', sprint: 'SPRINT-5', status: 'pending', estimate: '2-3h' },
      { code: 'E-4', title: 'In words', sprint: 'SPRINT-5', status: 'pending', estimate: '8-12h' },
      { code: 'E-5', title: 'In days', sprint: 'SPRINT-5', status: 'pending', estimate: '12h' },
      { code: 'E-6', title: 'After one', sprint: 'SPRINT-5', status: 'pending', estimate: 'none', depends: ['E-1', 'E-2'] },
      { code: 'E-7', title: 'Depends on one', sprint: 'SPRINT-5', status: 'pending', estimate: 'none', depends: ['E-3'] },
      { code: 'E-8', title: 'Blocked by one', sprint: 'SPRINT-5', status: 'pending', estimate: 'none', depends: ['E-4'] },
      { code: 'E-9', title: 'Unblocked by a section', sprint: 'SPRINT-5', status: 'pending', estimate: 'none', depends: ['E-5', 'E-1'] },
      { code: 'E-10', title: 'Also unblocked by it', sprint: 'SPRINT-5', status: 'pending', estimate: 'none', depends: ['E-5'] },
      { code: 'E-11', title: 'Done already', sprint: 'SPRINT-5', status: 'completed', estimate: 'none' },
    ]);
    expect(result.read.skipped).toEqual([{ line: 20, text: 'A prose line in the dependencies section.' }]);
  });

  it('changes nothing when imported again', () => expectIdempotent(result));
});

describe('a spec-kit tasks.md', () => {
  const result = imported('tasks.md');

  it('makes one sprint of its phases; [P] and [US1] are tags; fenced comments are not sprints', () => {
    expect(result.shape.sprints).toEqual([['TASKS', 'tasks', 'none']]);
    const setup = ['T001', 'T002', 'T003'];
    expect(result.shape.tasks).toEqual([
      { code: 'T001', title: 'Create project structure per implementation plan', sprint: 'TASKS', status: 'pending', estimate: 'none' },
      { code: 'T002', title: 'Initialize the project with its dependencies', sprint: 'TASKS', status: 'completed', estimate: 'none' },
      { code: 'T003', title: 'Configure linting and formatting tools', sprint: 'TASKS', status: 'pending', estimate: 'none', tags: ['P'] },
      { code: 'T004', title: 'Contract test POST /api/albums in tests/contract/test_albums_post.py', sprint: 'TASKS', status: 'pending', estimate: 'none', depends: setup, tags: ['P'] },
      { code: 'T005', title: 'Integration test album creation in tests/integration/test_create.py', sprint: 'TASKS', status: 'pending', estimate: 'none', depends: setup, tags: ['P', 'US1'] },
      { code: 'T006', title: 'Album model in src/models/album.py', sprint: 'TASKS', status: 'pending', estimate: 'none', depends: ['T004', 'T005'], tags: ['P', 'US1'] },
      { code: 'T007', title: 'Album service in src/services/album.py', sprint: 'TASKS', status: 'pending', estimate: 'none', depends: ['T004', 'T005', 'T006'] },
    ]);
    expect(result.plan.tasks.map((t) => t.phase)).toEqual([
      'Phase 3.1: Setup',
      'Phase 3.1: Setup',
      'Phase 3.1: Setup',
      'Phase 3.2: Tests First',
      'Phase 3.2: Tests First',
      'Phase 3.3: Core',
      'Phase 3.3: Core',
    ]);
  });

  it('takes the gates of a validation checklist for criteria, not tasks, and names their lines', () => {
    expect(result.read.skipped.map((s) => s.text)).toEqual(['**Input**: Design documents from `/specs/001-photo-albums/`']);
    expect(result.read.not_imported).toEqual([
      { line: 36, reason: 'criteria', heading: 34 },
      { line: 37, reason: 'criteria', heading: 34 },
    ]);
    expect(result.read.warnings).toEqual(['2 item(s) that look like work not imported, criteria under the heading on line 34, not tasks: lines 36–37']);
  });

  it('changes nothing when imported again', () => expectIdempotent(result));
});

describe('a plan with headings but no task', () => {
  it('finds no task and says what it saw', () => {
    const { read } = importMarkdown(emptyPlan(), fixture('no-task.md'), 'no-task.md');
    expect(read.plan.sprints.flatMap((s) => s.tasks)).toEqual([]);
    expect(read.seen).toEqual({ headings: 3, items: 2 });
  });
});

describe('checklist items with bold codes and markers, prose starting with inline code', () => {
  const text = [
    '## Sprint 6: Schema',
    '',
    '- [ ] **PROJ-001**: Set up the schema (4h, 50% complete)',
    '- [x] PROJ-002 [critical] Migrate the data',
    '- `README.md` is updated',
    '- [ ] a gate without a code',
  ].join('\n');

  it('reads the code, priority and estimate, keeps the aside, leaves prose out, and a gate without a code is the criterion of the task above', () => {
    const plan = emptyPlan();
    const { read } = importMarkdown(plan, text);
    expect(planShape(plan).tasks).toEqual([
      { code: 'PROJ-001', title: 'Set up the schema', sprint: 'SPRINT-6', status: 'pending', estimate: '4h' },
      { code: 'PROJ-002', title: 'Migrate the data', sprint: 'SPRINT-6', status: 'completed', estimate: 'none' },
    ]);
    expect(plan.tasks[0]!.description).toBe('50% complete');
    expect(plan.tasks[1]!.priority).toBe('critical');
    expect(plan.tasks[1]!.description).toBe('- [ ] a gate without a code');
    expect(read.skipped.map((s) => s.line)).toEqual([5]);
  });
});

describe('a checklist before the first sprint', () => {
  it('is no task, and a warning names its line', () => {
    const plan = emptyPlan();
    const { read } = importMarkdown(plan, ['# Plan', '', '- [x] Agreed on scope', '', '## Sprint 1: Build', '', '- [ ] T-1 Build it'].join('\n'));
    expect(planShape(plan).tasks.map((t) => t.code)).toEqual(['T-1']);
    expect(read.warnings).toEqual(['1 item(s) that look like work not imported, outside every sprint heading: line 3']);
    expect(read.skipped).toEqual([]);
  });
});

describe('a work breakdown written by an agent: "Task 1.1" headings, then checklists', () => {
  const result = imported('work-breakdown.md');

  it('makes a task of each numbered task heading, its checklist criteria; checklists of the next sprint are tasks', () => {
    expect(result.shape.sprints).toEqual([
      ['SPRINT-1', 'Foundation (Week 1)', 'none'],
      ['SPRINT-2', 'Features', 'none'],
    ]);
    expect(result.shape.tasks).toEqual([
      { code: 'SPRINT-1-1.1', title: 'Set up the repository', sprint: 'SPRINT-1', status: 'pending', estimate: '2h' },
      { code: 'SPRINT-1-1.2', title: 'Create the database', sprint: 'SPRINT-1', status: 'pending', estimate: '4-6h' },
      { code: 'SPRINT-2-1', title: 'Set up the client', sprint: 'SPRINT-2', status: 'pending', estimate: 'none' },
      { code: 'SPRINT-2-1.1', title: 'Create the service', sprint: 'SPRINT-2', status: 'pending', estimate: 'none', parent: 'SPRINT-2-1' },
      { code: 'SPRINT-2-2', title: 'Build the report', sprint: 'SPRINT-2', status: 'completed', estimate: 'none' },
    ]);
    expect(result.plan.tasks[0]!.description).toBe('Acceptance Criteria:\n- [ ] The repository exists\n- [ ] CI runs on every push');
    expect(result.plan.tasks[2]!.description).toBe('- Create the configuration file\n- Requirements: 1.1');
  });

  it('changes nothing when imported again', () => expectIdempotent(result));
});

describe('a heading followed by coded items', () => {
  const text = [
    '## EPIC-1: Authentication',
    '',
    '- T-1: Login form',
    '- T-2: Logout',
    '',
    '## EPIC-2: Parsing',
    '',
    '### T-12: Parser',
    '',
    '- T-12.1 Lexer',
    '- T-12.2 Grammar',
  ].join('\n');

  it('is a sprint when the items have codes of their own, a task whose subtasks they are when theirs extend its code', () => {
    const plan = emptyPlan();
    importMarkdown(plan, text);
    expect(planShape(plan).sprints.map((s) => s[0])).toEqual(['EPIC-1', 'EPIC-2']);
    expect(planShape(plan).tasks.map((t) => [t.code, t.sprint, t.parent ?? null])).toEqual([
      ['T-1', 'EPIC-1', null],
      ['T-2', 'EPIC-1', null],
      ['T-12', 'EPIC-2', null],
      ['T-12.1', 'EPIC-2', 'T-12'],
      ['T-12.2', 'EPIC-2', 'T-12'],
    ]);
  });
});

describe('detail bullets under a task item', () => {
  it('read as fields when they are, as description otherwise', () => {
    const plan = emptyPlan();
    importMarkdown(plan, ['## Sprint 8: Details', '', '- T-80 First', '- T-81 Second', '  - Depends on T-80', '  - Estimate: 90m', '  - After T-80 is merged, tell the team'].join('\n'));
    expect(planShape(plan).tasks[1]).toEqual({ code: 'T-81', title: 'Second', sprint: 'SPRINT-8', status: 'pending', estimate: '1.5h', depends: ['T-80'] });
    expect(plan.tasks[1]!.description).toBe('- After T-80 is merged, tell the team');
  });
});

describe('short sprint codes', () => {
  it('need a separator: "## S3 — Polish" is sprint S3, "## S3 Storage" another heading beside the sprints, whose task is not lost', () => {
    const plan = emptyPlan();
    importMarkdown(plan, ['## S3 — Polish', '', '- T-1 One', '', '## S4', '', '- T-2 Two', '', '## S3 Storage', '', '- T-3 Three'].join('\n'));
    expect(planShape(plan).sprints.map((s) => s[0])).toEqual(['S3', 'S4', 'S3-STORAGE']);
    expect(planShape(plan).tasks.map((t) => [t.code, t.sprint])).toEqual([
      ['T-1', 'S3'],
      ['T-2', 'S4'],
      ['T-3', 'S3-STORAGE'],
    ]);
  });
});
