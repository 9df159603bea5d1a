import { readFileSync } from 'node:fs';
import { importPlan, type ImportReport } from '../../src/core/import.js';
import { readMarkdownPlan } from '../../src/core/plan-md/read.js';
import type { MarkdownPlan } from '../../src/core/plan-md/plan-record.js';
import { formatEstimate } from '../../src/domain/duration.js';
import { checkPlanInput } from '../../src/domain/plan-input.js';
import type { PlanFile } from '../../src/domain/plan.js';

export const AT = new Date('2026-01-05T14:30:00Z');

export function emptyPlan(): PlanFile {
  return { schema_version: 1, sprints: [], tasks: [] };
}

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/plans/${name}`, import.meta.url), 'utf8');
}

/** Reads Markdown and imports it as the `import` command does, into `plan`. */
export function importMarkdown(plan: PlanFile, text: string, name = 'plan.md', hoursPerDay = 8): { read: MarkdownPlan; report: ImportReport } {
  const read = readMarkdownPlan(text, { fileName: name, hoursPerDay, hoursPerPoint: 4 });
  const { input, warnings } = checkPlanInput(read.plan, hoursPerDay);
  return { read, report: importPlan(plan, input, AT, hoursPerDay, [...read.warnings, ...warnings]) };
}

/** What a person checks after an import: each task's place, estimate, links and status. */
export function planShape(plan: PlanFile) {
  return {
    sprints: plan.sprints.map((s) => [s.code, s.title, formatEstimate(s.estimate)]),
    tasks: plan.tasks.map((t) => {
      const shape: Record<string, unknown> = { code: t.code, title: t.title, sprint: t.sprint, status: t.status, estimate: formatEstimate(t.estimate) };
      if (t.depends.length) shape.depends = t.depends;
      if (t.parent) shape.parent = t.parent;
      if (t.tags?.length) shape.tags = t.tags;
      return shape;
    }),
  };
}
