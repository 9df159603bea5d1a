import { describe, expect, it } from 'vitest';
import { readMarkdownPlan } from '../../src/core/plan-md/read.js';
import { emptyPlan, fixture, importMarkdown, planShape } from '../helpers/plans.js';

/*
 * Plans in the shapes real projects write (test/fixtures/plans/real): an
 * ai-dev-tasks task list, a Kiro implementation plan, ralph's fix_plan, a
 * roadmap of versions, a TODO with a DONE section, Spanish sprint tables, a
 * staged migration plan, a backlog of epics in points. Each imports to the plan
 * its author meant, says what it left out, and imports again to no change.
 */

function imported(name: string) {
  const text = fixture(`real/${name}`);
  const plan = emptyPlan();
  const first = importMarkdown(plan, text, name);
  const before = JSON.stringify(plan);
  const again = importMarkdown(plan, text, name);
  expect(JSON.stringify(plan)).toBe(before);
  expect(again.report.tasks.created).toEqual([]);
  expect(again.report.tasks.updated).toEqual([]);
  const md = readMarkdownPlan(text, { fileName: name, hoursPerDay: 8, hoursPerPoint: 4 });
  return { plan, shape: planShape(plan), md, warnings: first.read.warnings };
}

describe('plans as real projects write them', () => {
  it('ai-dev-tasks: the file list and notes decide nothing; 1.0 tasks with their 1.1 subtasks', () => {
    const { shape, warnings } = imported('ai-dev-tasks.md');
    expect(shape.tasks.map((t) => [t.code, t.status, t.parent ?? null])).toEqual([
      ['AI-DEV-TASKS-1', 'completed', null],
      ['AI-DEV-TASKS-1.1', 'completed', 'AI-DEV-TASKS-1'],
      ['AI-DEV-TASKS-1.2', 'completed', 'AI-DEV-TASKS-1'],
      ['AI-DEV-TASKS-2', 'pending', null],
      ['AI-DEV-TASKS-2.1', 'pending', 'AI-DEV-TASKS-2'],
      ['AI-DEV-TASKS-2.2', 'pending', 'AI-DEV-TASKS-2'],
      ['AI-DEV-TASKS-2.3', 'pending', 'AI-DEV-TASKS-2'],
      ['AI-DEV-TASKS-3', 'pending', null],
      ['AI-DEV-TASKS-3.1', 'pending', 'AI-DEV-TASKS-3'],
      ['AI-DEV-TASKS-3.2', 'pending', 'AI-DEV-TASKS-3'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('Kiro: numbered checklists, optional tasks, requirement lines in the description', () => {
    const { shape, plan } = imported('kiro-tasks.md');
    expect(shape.tasks.map((t) => [t.code, t.status, t.parent ?? null, t.tags ?? []])).toEqual([
      ['KIRO-TASKS-1', 'pending', null, []],
      ['KIRO-TASKS-2', 'pending', null, []],
      ['KIRO-TASKS-2.1', 'completed', 'KIRO-TASKS-2', []],
      ['KIRO-TASKS-2.2', 'pending', 'KIRO-TASKS-2', []],
      ['KIRO-TASKS-2.3', 'pending', 'KIRO-TASKS-2', ['optional']],
      ['KIRO-TASKS-3', 'pending', null, []],
      ['KIRO-TASKS-3.1', 'pending', 'KIRO-TASKS-3', []],
      ['KIRO-TASKS-3.2', 'pending', 'KIRO-TASKS-3', ['optional']],
    ]);
    expect(plan.tasks[0]!.description).toBe('- Create directory structure for models, services, repositories and API components\n- Define interfaces that establish system boundaries\n- Requirements: 1.1');
  });

  it('ralph\'s fix_plan: priority and status from the sections, notes left as prose', () => {
    const { plan, md } = imported('fix_plan.md');
    expect(plan.tasks.map((t) => [t.title, t.priority, t.status])).toEqual([
      ['Fix the crash when the config file is empty', 'high', 'pending'],
      ['Make `sync` retry on network errors', 'high', 'pending'],
      ['Add a `--dry-run` flag to `deploy`', 'medium', 'pending'],
      ['Document the environment variables', 'medium', 'pending'],
      ['Colour the log output', 'low', 'pending'],
      ['Parse the config with a real TOML parser', 'medium', 'completed'],
      ['Remove the deprecated `init --legacy` flag', 'medium', 'completed'],
    ]);
    expect(md.lines_skipped).toBe(1);
  });

  it('a roadmap: versions are sprints, released ones closed, bold labels group, a risk checklist is named as not imported', () => {
    const { shape, plan, warnings } = imported('ROADMAP.md');
    expect(shape.sprints.map((s) => [s[0], s[1]])).toEqual([
      ['V0.9.0', 'v0.9.0 (2025-03-01)'],
      ['V1.0', 'Full Release'],
      ['V1.1', 'v1.1'],
    ]);
    expect(plan.sprints[0]!.status).toBe('completed');
    expect(plan.tasks.map((t) => [t.title, t.status, t.group ?? null])).toEqual([
      ['Beta release', 'completed', null],
      ['API stabilization', 'completed', null],
      ['Complete UI overhaul', 'pending', 'Planned Features'],
      ['Ensure cross-platform compatibility', 'pending', 'Planned Features'],
      ['Finalize documentation and tutorials', 'pending', 'Documentation'],
      ['Plugin system', 'pending', null],
      ['WebSocket support', 'pending', null],
    ]);
    expect(warnings).toEqual(['1 item(s) that look like work not imported, under a heading of notes or references (line 27), which are not plan: line 29']);
  });

  it('a TODO with its code in the title, a summary by priority, points and names with underscores', () => {
    const { shape, plan } = imported('TODO.md');
    expect(shape.sprints).toEqual([['FE-01', 'FE-01 Frontend TODO', 'none']]);
    expect(plan.tasks.map((t) => [t.title, t.priority, t.status, shape.tasks.find((s) => s.code === t.code)!.estimate])).toEqual([
      ['Fix the login redirect loop', 'critical', 'pending', 'none'],
      ['Refresh the session before it expires', 'critical', 'pending', 'none'],
      ['Dark mode for the settings page', 'high', 'pending', 'none'],
      ['Move `__init__.py` helpers into `utils/__AGENT__`', 'medium', 'pending', '12h'],
      ['Upgrade React to 19', 'medium', 'completed', 'none'],
      ['Remove the old router', 'medium', 'completed', 'none'],
    ]);
  });

  it('a team TODO board: a legend and best practices are no work; priority, then status sections, give each task both', () => {
    const { plan, warnings } = imported('TODOS.md');
    expect(plan.tasks.map((t) => [t.title, t.priority, t.status, t.group ?? null])).toEqual([
      ['Add the export button', 'high', 'pending', 'Current Sprint'],
      ['Rewrite the session store', 'high', 'in_progress', 'Current Sprint'],
      ['Deploy to staging', 'high', 'blocked', 'Current Sprint'],
      ['Paginate the history view', 'medium', 'pending', 'Current Sprint'],
      ['Dark mode', 'medium', 'pending', 'Features'],
      ['Update dependency X', 'medium', 'pending', 'Technical Debt'],
      ['Set up CI', 'medium', 'completed', 'Week of 2025-06-02'],
      ['Write the README', 'medium', 'completed', 'Week of 2025-06-02'],
    ]);
    expect(plan.tasks[2]!.description).toBe('- Blocker: Waiting for the new database credentials\n- Owner: Dana');
    expect(warnings).toEqual([]);
  });

  it('Spanish sprint tables: bold sprint headings, columns read by what they hold, a risks table left out', () => {
    const { shape } = imported('sprints-es.md');
    expect(shape.sprints.map((s) => s[0])).toEqual(['SPRINT-0', 'SPRINT-1']);
    expect(shape.tasks.map((t) => [t.code, t.title, t.estimate, t.status])).toEqual([
      ['SPRINT-0-1', 'Configuración del entorno de desarrollo', '4h', 'completed'],
      ['SPRINT-0-2', 'Diseño de la base de datos', '6h', 'pending'],
      ['SPRINT-0-3', 'Autenticación de usuarios', '8h', 'in_progress'],
      ['SPRINT-1-1', 'Catálogo de productos', '10h', 'pending'],
      ['SPRINT-1-2', 'Carrito de compras', '12h', 'pending'],
    ]);
  });

  it('a staged plan: labelled tasks with field lines, task headings linked by number, plain steps, a dependencies note', () => {
    const { plan, warnings } = imported('PLAN.md');
    expect(plan.tasks.map((t) => [t.title, t.phase, t.depends.length])).toEqual([
      ['List every service that reads the old database', 'Stage 1 – Inventory', 0],
      ["Record each service's queries", 'Stage 1 – Inventory', 0],
      ['Freeze schema changes', 'Stage 1 – Inventory', 0],
      ['Snapshot the production database', 'Stage 1 – Inventory', 1],
      ['Copy the data to the new cluster', 'Stage 2 – Move', 4],
      ['Switch reads to the new cluster and watch the error rate for a day', 'Stage 2 – Move', 4],
      ['Switch writes', 'Stage 2 – Move', 4],
    ]);
    expect(plan.tasks[0]!.estimate).toEqual({ low_hours: 8, high_hours: 8 });
    // "Task 1" names no numbered task: said, not guessed.
    expect(warnings).toEqual(["PLAN-RECORD-EACH-SERVICE-S-QUERIES: its dependency on task 1 names no numbered task of this plan; left out"]);
  });

  it('epics of a backlog: groups of tasks estimated in points; the summary table of counts is no work', () => {
    const { plan, warnings } = imported('epics.md');
    expect(plan.tasks.map((t) => [t.title, t.group, t.estimate?.high_hours])).toEqual([
      ['Sign up with e-mail', 'Epic 1: Accounts', 12],
      ['Reset a forgotten password', 'Epic 1: Accounts', 8],
      ['Delete an account', 'Epic 1: Accounts', 20],
      ['Monthly invoices', 'Epic 2: Billing', 32],
      ['Card payments via the provider', 'Epic 2: Billing', 20],
    ]);
    expect(warnings).toEqual([]);
  });
});
