import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planExport } from '../../src/commands/plan-files.js';
import { importPlan } from '../../src/core/import.js';
import { durationText } from '../../src/core/plan-md/phases.js';
import { formatMarkdownPlan } from '../../src/core/plan-md/write.js';
import { checkPlanInput, type PlanInput, type SprintInput, type TaskInput } from '../../src/domain/plan-input.js';
import type { PlanFile, Priority, SprintStatus, TaskStatus } from '../../src/domain/plan.js';
import { AT, emptyPlan, importMarkdown } from '../helpers/plans.js';

/*
 * Any plan, exported as Markdown, imports back to the same plan: titles holding
 * Markdown, control characters and line breaks, descriptions over several
 * lines, tags, every status, phases with their estimates, subtasks and
 * dependencies. Plans are made the way a person's are: imported (from JSON).
 */

/** Pieces that Markdown, the plan reader or a terminal would act on. */
const NASTY = [
  '*', '_', '`', '[', ']', '(', ')', '~', '#', '-', ':', '\\', '&', '<', '>', '|', '!', '=', '+',
  '\n', '\t', '\r', '\x1b[2J', '\x07', '\x00', ' ', '  ', '\u00a0', '✅', '—', '–', '1. ', '1)', 'after ', 'DONE', ' T-1',
  '[high]', '[P]', '(2h)', '~3h', '&amp;', '&#10;', 'Estimate: 2h', 'Depends on: T-1', 'Blocks T-1', 'depends on x-1', '- ', '> ', '    ', '**', '<b>',
  'http://x.io/a_b', 'www.a.com', 'a@b.co', '[x] ', '# ', '---', '| a | b |', '```',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', maxLength: 6 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))
  // The private-use plane the reader uses for escaped characters is left out.
  .filter((s) => s !== '' && !/[\u{F0000}-\u{10FFFF}]/u.test(s));
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._]{0,8}$/);
const code = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,8}$/);
const estimate = fc
  .record({ low: fc.integer({ min: 1, max: 40 }), extra: fc.integer({ min: 0, max: 20 }) })
  .map(({ low, extra }) => durationText({ low_hours: low / 4, high_hours: (low + extra) / 4 }));
const priority = fc.constantFrom<Priority>('low', 'medium', 'high', 'critical');
const taskStatus = fc.constantFrom<TaskStatus>('pending', 'in_progress', 'completed', 'blocked', 'cancelled');
const sprintStatus = fc.constantFrom<SprintStatus>('planned', 'in_progress', 'completed', 'cancelled');
const details = {
  title: text,
  description: fc.option(fc.array(fc.oneof(text, fc.constant('')), { minLength: 1, maxLength: 4 }).map((l) => l.join('\n'))),
  estimate: fc.option(estimate),
  priority,
  status: taskStatus,
  tags: fc.array(fc.oneof(word, fc.constantFrom('P', 'US1', 'high', 'x', ' a]b ')), { maxLength: 2 }),
  depends: fc.array(fc.nat(40), { maxLength: 3 }),
};
const task = fc.record({ ...details, phase: fc.nat(3), group: fc.nat(2), subtasks: fc.array(fc.record(details), { maxLength: 2 }) });
const sprint = fc.record({
  title: text,
  goal: fc.option(text),
  estimate: fc.option(estimate),
  status: sprintStatus,
  phases: fc.uniqueArray(text, { maxLength: 3 }),
  // Groups: headings inside a phase, an epic's name; they run in no order.
  groups: fc.uniqueArray(fc.oneof(text, fc.constantFrom('Tasks', 'Done', 'Notes', 'High priority', 'Phase 2', 'Backend', 'Group: x')), { maxLength: 2 }),
  tasks: fc.array(task, { maxLength: 4 }),
});
/** Completion checks recorded on tasks: commands and output can hold anything a shell prints. */
const evidence = fc.record({
  command: text,
  exit_code: fc.option(fc.integer({ min: 0, max: 255 })),
  seconds: fc.integer({ min: 0, max: 9999 }).map((n) => n / 10),
  at: fc.constant(AT.toISOString()),
  output_tail: text,
  timed_out: fc.boolean(),
});
const planSpec = fc.record({
  codes: fc.uniqueArray(code, { selector: (c) => c.toLowerCase(), minLength: 45, maxLength: 45 }),
  sprints: fc.array(sprint, { minLength: 1, maxLength: 3 }),
  checks: fc.array(fc.array(evidence, { maxLength: 2 }), { maxLength: 6 }),
});

type Spec = typeof planSpec extends fc.Arbitrary<infer T> ? T : never;

/** The plan file a spec describes: phases contiguous and in order, each depending on the one before, as Markdown phases do. */
function planInput(spec: Spec): PlanInput {
  const codes = [...spec.codes];
  const made: string[] = [];
  const fields = (d: Spec['sprints'][number]['tasks'][number] | Spec['sprints'][number]['tasks'][number]['subtasks'][number], extra: string[]): TaskInput => {
    const t: TaskInput = { code: codes.shift()!, title: d.title, priority: d.priority, status: d.status };
    if (d.description !== null) t.description = d.description;
    if (d.estimate !== null) t.estimate = d.estimate;
    if (d.tags.length) t.tags = d.tags;
    const depends = [...new Set([...extra, ...d.depends.filter((i) => i < made.length).map((i) => made[i]!)])];
    if (depends.length) t.depends = depends;
    made.push(t.code);
    return t;
  };
  return {
    sprints: spec.sprints.map((s): SprintInput => {
      const input: SprintInput = { code: codes.shift()!, title: s.title, status: s.status, tasks: [] };
      if (s.goal !== null) input.goal = s.goal;
      if (s.estimate !== null) input.estimate = s.estimate;
      const phaseOf = (t: (typeof s.tasks)[number]) => t.phase % (s.phases.length + 1);
      let previous: string[] = [];
      let current = 0;
      let inPhase: string[] = [];
      for (const t of [...s.tasks].sort((a, b) => phaseOf(a) - phaseOf(b))) {
        const p = phaseOf(t);
        if (p !== current) {
          if (current !== 0) previous = inPhase;
          current = p;
          inPhase = [];
        }
        const top = fields(t, p === 0 ? [] : previous);
        const phase = p === 0 ? undefined : s.phases[p - 1];
        const group = t.group === 0 ? undefined : s.groups[t.group - 1];
        if (phase !== undefined) top.phase = phase;
        if (group !== undefined) top.group = group;
        inPhase.push(top.code);
        input.tasks.push(top);
        for (const sub of t.subtasks) input.tasks.push({ ...fields(sub, []), parent: top.code, ...(phase !== undefined ? { phase } : {}), ...(group !== undefined ? { group } : {}) });
      }
      return input;
    }),
  };
}

function essentials(plan: PlanFile) {
  return {
    sprints: plan.sprints.map(({ code, title, goal, estimate, status }) => ({ code, title, goal, estimate, status })),
    tasks: plan.tasks
      .map((t) => ({
        code: t.code,
        title: t.title,
        description: t.description,
        sprint: t.sprint,
        phase: t.phase,
        group: t.group ?? null,
        status: t.status,
        priority: t.priority,
        estimate: t.estimate,
        depends: [...t.depends].sort(),
        parent: t.parent,
        tags: t.tags ?? [],
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

describe('export --format json', () => {
  it('writes any imported plan so that it imports back to the same plan', () => {
    fc.assert(
      fc.property(planSpec, (spec) => {
        const original = emptyPlan();
        const { input } = checkPlanInput(planInput(spec), 8);
        importPlan(original, input, AT, 8);
        // What `export --format json` prints, as a file would hold it.
        const exported = JSON.parse(JSON.stringify(planExport(original))) as unknown;
        const again = emptyPlan();
        importPlan(again, checkPlanInput(exported, 8).input, AT, 8);
        expect(essentials(again)).toEqual(essentials(original));
      }),
      { numRuns: 60 },
    );
  });
});

describe('export --format md', () => {
  it('writes any imported plan so that it imports back to the same plan', () => {
    fc.assert(
      fc.property(planSpec, (spec) => {
        const original = emptyPlan();
        importPlan(original, checkPlanInput(planInput(spec), 8).input, AT, 8);
        spec.checks.forEach((list, i) => original.tasks[i]?.evidence.push(...list));
        const markdown = formatMarkdownPlan(original.sprints, original.tasks);
        const again = emptyPlan();
        const { read } = importMarkdown(again, markdown);
        expect(read.warnings).toEqual([]);
        expect(essentials(again)).toEqual(essentials(original));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a group whose name the writer had to escape (found by the property above)', () => {
    const plan = emptyPlan();
    importPlan(plan, { sprints: [{ code: 'S0', title: 'x', tasks: [{ code: 'a', title: '*', group: '- after | a | b |*' }] }] }, AT, 8);
    const again = emptyPlan();
    importMarkdown(again, formatMarkdownPlan(plan.sprints, plan.tasks));
    expect(again.tasks.map((t) => t.group)).toEqual(['- after | a | b |*']);
  });

  it('writes a task\'s checks as block quotes that a reader shows and the import skips', () => {
    const plan = emptyPlan();
    importPlan(plan, { sprints: [{ code: 'S1', title: 'S', tasks: [{ code: 'T-1', title: 'One', description: 'Two lines\nof it' }, { code: 'T-2', title: 'Two' }] }] }, AT, 8);
    plan.tasks[0]!.evidence.push({ command: 'npm test\n- `T-9` - fake', exit_code: 1, seconds: 12.5, at: AT.toISOString(), output_tail: 'FAIL', timed_out: false });
    const markdown = formatMarkdownPlan(plan.sprints, plan.tasks);
    expect(markdown).toContain('  of it\n  > check \\`npm test&#10;- \\`T-9\\` - fake\\` exited 1 · 12.5s · 2026-01-05 14:30\n- [ ] `T-2`');
    const again = emptyPlan();
    importMarkdown(again, markdown);
    expect(essentials(again)).toEqual(essentials(plan));
  });

  it('never writes a raw control character, and keeps titles on their own line', () => {
    const plan = emptyPlan();
    importPlan(plan, { sprints: [{ code: 'S1', title: 'Evil\x1b[2J', tasks: [{ code: 'T-1', title: 'a\n- `T-INJECTED` - fake\x07' }] }] }, AT, 8);
    const markdown = formatMarkdownPlan(plan.sprints, plan.tasks);
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(markdown).toContain('- [ ] `T-1` - a&#10;- \\`T-INJECTED\\` - fake&#7; [medium]');
    const again = emptyPlan();
    importMarkdown(again, markdown);
    expect(again.tasks.map((t) => [t.code, t.title])).toEqual([['T-1', 'a\n- `T-INJECTED` - fake\x07']]);
    expect(again.sprints[0]!.title).toBe('Evil\x1b[2J');
  });
});
