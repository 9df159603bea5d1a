import { promises as fsp } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import * as z from 'zod';
import { countInput, importPlan, type ImportCounts } from '../core/import.js';
import { formatMarkdownPlan } from '../core/plan-md/write.js';
import { timeReport } from '../core/report.js';
import { followPlan } from '../core/session.js';
import { HOURS_PER_DAY, formatEstimate } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import { checkPlanInput, type PlanInput } from '../domain/plan-input.js';
import type { PlanFile } from '../domain/plan.js';
import { tasksOf } from '../core/plan.js';
import { Flag } from './args.js';
import { defineCommand, type Ctx } from './types.js';

interface PlanRead {
  input: PlanInput;
  /** What the author should know: bad values left out, codes outside any sprint. */
  warnings: string[];
  /** What only `--verbose` lists: skipped prose, guessed estimates. */
  details: string[];
  counts: ImportCounts;
}

const TASK_SHAPES =
  'A task is a list item starting with a code (- T-1 Title, - `T-1` - Title, - [ ] T001 [P] Title), a checklist item ' +
  '(- [ ] Title) in a plan whose tasks have no codes, a heading (### T-12: Title) or a row of a task table ' +
  '(| Code | Task | Estimate |). Sprints are headings such as ## Sprint 1: Foundation or ### SPRINT-1: Title; a plan without one is one sprint.';

async function readPlanFile(file: string, hoursPerDay: number): Promise<PlanRead> {
  const path = resolve(file);
  const text = await fsp.readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new FragmentsError('FILE_UNREADABLE', `Cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}.`);
  });
  const looksJson = extname(path).toLowerCase() === '.json' || /^\s*[{[]/.test(text);
  if (looksJson) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new FragmentsError('BAD_PLAN', `${file} is not valid JSON: ${(e as Error).message}.`);
    }
    const { input, warnings } = checkPlanInput(raw, hoursPerDay);
    return { input, warnings, details: [], counts: countInput(input, { generated_codes: 0, estimates_guessed: 0, lines_skipped: 0 }) };
  }
  // The parser is loaded only here, so no other command pays for it.
  const { readMarkdownPlan } = await import('../core/plan-md/read.js');
  const md = readMarkdownPlan(text, basename(path), hoursPerDay);
  if (md.plan.sprints.every((s) => s.tasks.length === 0)) {
    const { headings, items } = md.seen;
    throw new FragmentsError(
      'NO_TASKS',
      `${file} holds no task: nothing was imported. ${TASK_SHAPES} This file has ${headings} heading(s) and ${items} list item(s)${md.lines_skipped ? `; ${md.lines_skipped} line(s) read as prose` : ''}.`,
      { headings, items, lines_skipped: md.lines_skipped, warnings: md.warnings },
    );
  }
  const { input, warnings } = checkPlanInput(md.plan, hoursPerDay);
  return {
    input,
    warnings: [...md.warnings, ...warnings],
    details: [
      ...md.skipped.map((s) => `line ${s.line} skipped: ${s.text}`),
      ...md.estimates_guessed.map((g) => `estimate guessed: ${g}`),
      ...md.generated_codes.map((c) => `code generated: ${c}`),
    ],
    counts: countInput(input, {
      generated_codes: md.generated_codes.length,
      estimates_guessed: md.estimates_guessed.length,
      lines_skipped: md.lines_skipped,
    }),
  };
}

/** The home's day length, or the default one for a home the import is about to create. */
async function hoursPerDay(ctx: Ctx): Promise<number> {
  try {
    return (await ctx.store.read((tx) => tx.config())).hours_per_day;
  } catch (e) {
    if (e instanceof FragmentsError && e.code === 'NO_HOME') return HOURS_PER_DAY;
    throw e;
  }
}

function countsLine(c: ImportCounts, verbose: boolean): string {
  const parts = [
    `${c.sprints} sprint(s), ${c.tasks} task(s), ${c.subtasks} subtask(s), ${c.completed} completed`,
    `${c.generated_codes} code(s) generated, ${c.estimates_guessed} estimate(s) guessed from phases`,
    `${c.lines_skipped} prose line(s) skipped${c.lines_skipped && !verbose ? ' (--verbose lists them)' : ''}`,
  ];
  return `Read ${parts.join('; ')}`;
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
    ...(t.tags?.length ? { tags: t.tags } : {}),
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
    args: () => z.object({ file: z.string().min(1), dry_run: Flag, verbose: Flag }),
    example: 'fragments import examples/sprint-plan.md --dry-run',
    // Reading and parsing a big plan takes a while: done before the home's lock is taken, only the merge runs under it.
    prepare: async (ctx, args) => readPlanFile(args.file, await hoursPerDay(ctx)),
    async run(tx, args, ctx, prepared) {
      const read = prepared!;
      const config = await tx.config();
      const now = ctx.now();
      // A dry run imports into a copy: the plan file is left exactly as it was.
      const plan = args.dry_run ? structuredClone(await tx.plan()) : await tx.plan();
      const report = importPlan(plan, read.input, now, config.hours_per_day, [...read.warnings]);
      if (args.verbose) report.notes.push(...read.details);
      const moved: { session: string; task: string; sprint: string }[] = [];
      if (!args.dry_run) {
        for (const session of (await tx.sessions()).sessions) {
          if (session.status !== 'active' && session.status !== 'paused') continue;
          const sprint = followPlan(session, plan, now);
          const task = session.stack.find((f) => f.kind === 'task')?.code;
          if (sprint && task) moved.push({ session: session.key, task, sprint });
        }
      }
      const [sprints, tasks] = [report.sprints, report.tasks];
      const verb = args.dry_run ? 'Dry run, the plan is left as it was: would create' : 'Created';
      const first = read.input.sprints[0]?.code;
      return {
        data: { report, counts: read.counts, dry_run: args.dry_run === true, moved },
        // A dry run changed nothing, so it is no event of the session either.
        unrecorded: args.dry_run === true,
        hints: {
          validation_warnings: report.warnings,
          next_actions: [
            countsLine(read.counts, args.verbose === true),
            `${verb} ${sprints.created.length} sprint(s) and ${tasks.created.length} task(s); ${tasks.updated.length} task(s) ${args.dry_run ? 'would be ' : ''}updated, ${tasks.unchanged.length} unchanged`,
            ...moved.map((m) => `${m.session} now works on ${m.task} in ${m.sprint}, where the plan moved it`),
          ],
          suggest: args.dry_run
            ? [{ command: 'import', args: { file: args.file } }]
            : [{ command: 'sprint:list' }, ...(first ? [{ command: 'sprint:activate', args: { code: first } }] : [])],
        },
      };
    },
  }),
  defineCommand({
    name: 'export',
    summary: 'Write the plan (JSON or Markdown) with actual against estimated time',
    tx: 'read',
    args: () => z.object({ format: z.enum(['json', 'md']).default('json') }),
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const report = timeReport(plan, await tx.sessions(), ctx.now(), {});
      const exported = planExport(plan);
      const content = args.format === 'md' ? formatMarkdownPlan(plan.sprints, plan.tasks) : `${JSON.stringify({ ...exported, report }, null, 2)}\n`;
      return { data: { format: args.format, content, plan: exported, report }, quiet: true };
    },
  }),
];
