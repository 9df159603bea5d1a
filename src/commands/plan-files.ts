import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import { importPlan } from '../core/import.js';
import { formatMarkdownPlan, parseMarkdownPlan } from '../core/plan-markdown.js';
import { timeReport } from '../core/report.js';
import { formatEstimate } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import { PlanInput } from '../domain/plan-input.js';
import type { PlanFile } from '../domain/plan.js';
import { tasksOf } from '../core/plan.js';
import { defineCommand } from './types.js';

async function readPlanFile(file: string): Promise<{ input: PlanInput; notes: string[] }> {
  const path = resolve(file);
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new FragmentsError('FILE_UNREADABLE', `Cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}.`);
  });
  const looksJson = extname(path).toLowerCase() === '.json' || /^\s*[{[]/.test(text);
  if (!looksJson) {
    const { plan, notes } = parseMarkdownPlan(text);
    if (plan.sprints.length === 0) {
      throw new FragmentsError(
        'BAD_PLAN',
        `${file} holds no sprint: a sprint is a heading with its code, e.g. "### SPRINT-1: Title (10h)", with task bullets like "- \`T-1\` - Title" under it (see examples/sprint-plan.md).`,
        { notes },
      );
    }
    return { input: plan, notes };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new FragmentsError('BAD_PLAN', `${file} is not valid JSON: ${(e as Error).message}.`);
  }
  const parsed = PlanInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FragmentsError(
      'BAD_PLAN',
      `${file}: ${issue.path.join('.') || 'top level'}: ${issue.message}. A plan is { "sprints": [ { "code", "title", "tasks": [ { "code", "title" } ] } ] }.`);
  }
  return { input: parsed.data, notes: [] };
}

/** The plan as import reads it back, with what has happened to each task. */
function planExport(plan: PlanFile) {
  const task = (t: PlanFile['tasks'][number]) => ({
    code: t.code,
    title: t.title,
    ...(t.description ? { description: t.description } : {}),
    ...(t.estimate ? { estimate: formatEstimate(t.estimate) } : {}),
    priority: t.priority,
    depends: t.depends,
    ...(t.parent ? { parent: t.parent } : {}),
    ...(t.phase ? { phase: t.phase } : {}),
    status: t.status,
    actual_seconds: Math.round(t.actual_seconds),
    summary: t.summary,
    incomplete: t.incomplete,
  });
  return {
    sprints: plan.sprints.map((s) => ({
      code: s.code,
      title: s.title,
      ...(s.goal ? { goal: s.goal } : {}),
      ...(s.estimate ? { estimate: formatEstimate(s.estimate) } : {}),
      status: s.status,
      tasks: tasksOf(plan, s.code).map(task),
    })),
    unplanned: plan.tasks.filter((t) => t.sprint === null).map(task),
  };
}

export const planFileCommands = [
  defineCommand({
    name: 'import',
    slash: '/import',
    summary: 'Load a plan from JSON or Markdown; codes that exist are updated, never duplicated',
    tx: 'write',
    positional: ['file'],
    args: z.object({ file: z.string().min(1) }),
    example: 'fragments import examples/sprint-plan.md',
    async run(tx, args, ctx) {
      const { input, notes } = await readPlanFile(args.file);
      const report = importPlan(await tx.plan(), input, ctx.now(), notes);
      const first = input.sprints[0]?.code;
      return {
        data: { report },
        hints: {
          next_actions: [
            `Imported ${report.sprints.created.length} new sprint(s) and ${report.tasks.created.length} new task(s); ${report.tasks.updated.length} updated, ${report.tasks.unchanged.length} unchanged`,
          ],
          suggest: [{ command: 'sprint:list' }, ...(first ? [{ command: 'sprint:activate', args: { code: first } }] : [])],
        },
      };
    },
  }),
  defineCommand({
    name: 'export',
    summary: 'Write the plan (JSON or Markdown) with actual against estimated time',
    tx: 'read',
    args: z.object({ format: z.enum(['json', 'md']).default('json') }),
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const report = timeReport(plan, await tx.sessions(), ctx.now(), {});
      const exported = planExport(plan);
      const content = args.format === 'md' ? formatMarkdownPlan(plan.sprints, plan.tasks) : `${JSON.stringify({ ...exported, report }, null, 2)}\n`;
      return { data: { format: args.format, content, plan: exported, report }, quiet: true };
    },
  }),
];
