import { existsSync } from 'node:fs';
import * as z from 'zod';
import { importPlan, type ImportCounts, type ImportReport } from '../core/import.js';
import { lineRanges } from '../core/line-ranges.js';
import { placePlans } from '../core/plan-owners.js';
import { formatMarkdownPlan } from '../core/plan-md/write.js';
import { timeReport } from '../core/report.js';
import { followPlan } from '../core/session.js';
import { HOURS_PER_DAY, HOURS_PER_POINT, formatEstimate } from '../domain/duration.js';
import { FragmentsError } from '../domain/errors.js';
import { Code, type PlanFile } from '../domain/plan.js';
import { tasksOf } from '../core/plan.js';
import { Flag } from './shared/args.js';
import { readPlan } from '../project/plan-off-thread.js';
import { CONVERT_ADVICE, PLAN_FORMAT_SHORT } from '../core/plan-format.js';
import type { PlanRead } from '../core/plan-read.js';
import { loadUnits, PLAN_MAX_BYTES } from '../project/plan-source.js';
import { defineCommand, type Args, type Ctx } from '../runner/define.js';

// A function, called where the command is defined: the one-shot bundle builds a command's arguments when they are first read.
const importArgs = () => ({
  file: z.string().min(1).optional(),
  content: z.string().max(PLAN_MAX_BYTES, `content is limited to ${PLAN_MAX_BYTES / 1024 / 1024} MiB`).optional(),
  prefix: Code.optional(),
  dry_run: Flag,
  verbose: Flag,
  strict: Flag,
});
type ImportArgs = Args<ReturnType<typeof importArgs>>;

/** The home's day and point lengths, or the defaults for a home the import is about to create. */
async function units(ctx: Ctx): Promise<{ hoursPerDay: number; hoursPerPoint: number }> {
  try {
    const config = await ctx.store.read((tx) => tx.config());
    return { hoursPerDay: config.hours_per_day, hoursPerPoint: config.hours_per_point };
  } catch (e) {
    if (e instanceof FragmentsError && e.code === 'NO_HOME') return { hoursPerDay: HOURS_PER_DAY, hoursPerPoint: HOURS_PER_POINT };
    throw e;
  }
}

/** What the import read, before the home's lock: the plans, and what the reading made of the rest. */
async function prepareImport(ctx: Ctx, args: ImportArgs): Promise<PlanRead> {
  const cwd = ctx.cwd ?? process.cwd();
  const loaded = await loadUnits(args.file, args.content, { cwd, home: ctx.store.home, byDeveloper: ctx.byDeveloper === true });
  // Content an agent sent may be shown back to it; a file an agent face read never is.
  const quote = ctx.byDeveloper === true || args.content !== undefined;
  const read = await readPlan(loaded, { ...(await units(ctx)), quote }, ctx.serving === true);
  if (args.strict && read.not_imported.length) {
    const where = [...new Set(read.not_imported.map((n) => n.file))].map((f) => `${f} ${lineRanges(read.not_imported.filter((n) => n.file === f).map((n) => n.line))}`);
    throw new FragmentsError(
      'NOT_ALL_IMPORTED',
      `${read.not_imported.length} item(s) that look like work would not be imported (${where.join('; ')}), and --strict asks for all: nothing was imported. ${read.warnings.join(' ')} ${CONVERT_ADVICE}`,
      { not_imported: read.not_imported },
    );
  }
  return read;
}

function countsLine(c: ImportCounts, verbose: boolean): string {
  const parts = [
    `${c.sprints} sprint(s), ${c.tasks} task(s), ${c.subtasks} subtask(s), ${c.completed} completed`,
    `${c.generated_codes} code(s) generated, ${c.estimates_guessed} estimate(s) guessed from phases${c.estimates_in_points ? `, ${c.estimates_in_points} given in points` : ''}`,
    `${c.lines_skipped} prose line(s) skipped${c.lines_skipped && !verbose ? ' (--verbose lists them)' : ''}`,
  ];
  return `Read ${parts.join('; ')}`;
}

/** `12 items not imported: lines 40–52`, per file. */
function notImportedLine(read: PlanRead): string | undefined {
  if (!read.not_imported.length) return undefined;
  const files = [...new Set(read.not_imported.map((n) => n.file))];
  const where = files.map((f) => `${files.length > 1 ? `${f} ` : ''}${lineRanges(read.not_imported.filter((n) => n.file === f).map((n) => n.line))}`);
  return `${read.not_imported.length} item(s) not imported: ${where.join('; ')} (the warnings say why; --strict refuses such a plan)`;
}

/** The tree the import makes: sprints, their phases and groups, tasks with status, estimate and dependencies. */
function treeOf(read: PlanRead, report: ImportReport) {
  const created = new Set(report.tasks.created.map((c) => c.toLowerCase()));
  const updated = new Set(report.tasks.updated.map((c) => c.toLowerCase()));
  const sprintCreated = new Set(report.sprints.created.map((c) => c.toLowerCase()));
  const sprintUpdated = new Set(report.sprints.updated.map((c) => c.toLowerCase()));
  const action = (code: string, made: Set<string>, changed: Set<string>) => (made.has(code.toLowerCase()) ? 'create' : changed.has(code.toLowerCase()) ? 'update' : 'unchanged');
  return read.parts.flatMap((part) =>
    part.input.sprints.map((s) => ({
      code: s.code,
      title: s.title,
      from: part.name,
      action: action(s.code, sprintCreated, sprintUpdated),
      ...(s.estimate ? { estimate: s.estimate } : {}),
      tasks: s.tasks.map((t) => ({
        code: t.code,
        title: t.title,
        action: action(t.code, created, updated),
        status: t.status ?? 'pending',
        priority: t.priority ?? 'medium',
        estimate: t.estimate ?? null,
        depends: t.depends ?? [],
        ...(t.parent ? { parent: t.parent } : {}),
        ...(t.phase ? { phase: t.phase } : {}),
        ...(t.group ? { group: t.group } : {}),
      })),
    })),
  );
}

/** The plan as import reads it back, with what has happened to each task. */
export function planExport(plan: PlanFile) {
  const task = (t: PlanFile['tasks'][number]) => ({
    code: t.code,
    title: t.title,
    ...(t.description ? { description: t.description } : {}),
    ...(t.estimate ? { estimate: formatEstimate(t.estimate) } : {}),
    priority: t.priority,
    depends: t.depends,
    ...(t.parent ? { parent: t.parent } : {}),
    ...(t.phase ? { phase: t.phase } : {}),
    ...(t.group ? { group: t.group } : {}),
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
    summary: 'Load a plan: Markdown, the JSON plan, or a peer\'s files (task-master, Backlog.md, beads, spec-kit); codes that exist are updated, never duplicated',
    tx: 'write',
    agent:
      'Load a plan; codes that exist are updated, never duplicated. Send the plan itself as `content` (Markdown as people write it, or the JSON plan below), with `file` naming where it came from so that two plans are told apart; ' +
      'or give `file` alone: a plan file (.md, .json, .jsonl) or a project folder holding task-master, Backlog.md, beads or spec-kit plans, under the project folder or the home. ' +
      '`dry_run` shows the tree first; `strict` refuses a plan that would leave items out. When the answer says items were not imported, convert the plan into the JSON plan and send that as content: ' +
      PLAN_FORMAT_SHORT,
    // It updates tasks that exist: the one command that rewrites rather than adds.
    destructive: true,
    positional: ['file'],
    completes: { file: 'file' },
    stdin: { from: 'file', into: 'content' },
    preview: 'dry_run',
    args: importArgs(),
    refine: { check: (a) => a.file !== undefined || a.content !== undefined, path: 'file', message: 'is required: a plan file, a project folder, or - to read the plan from standard input' },
    example: 'fragments import examples/sprint-plan.md --dry-run',
    // Reading and parsing a big plan takes a while: done before the home's lock is taken, only the merge runs under it.
    prepare: (ctx, args) => prepareImport(ctx, args),
    async run(tx, args, ctx, prepared) {
      const read = prepared!;
      const config = await tx.config();
      const now = ctx.now();
      // A dry run imports into a copy: the plan file is left exactly as it was.
      const plan = args.dry_run ? structuredClone(await tx.plan()) : await tx.plan();
      // The parts are this run's own (a retry is answered without them): settling a clash renames their codes in place.
      const parts = read.parts;
      const placements = placePlans(plan, parts, { prefix: args.prefix, exists: (source) => existsSync(source) });
      const warnings = [...read.warnings];
      const report = parts.reduce<ImportReport | undefined>((all, part) => {
        const one = importPlan(plan, part.input, now, config.hours_per_day, warnings, part.source ?? undefined);
        if (!all) return one;
        for (const kind of ['sprints', 'tasks'] as const) for (const key of ['created', 'updated', 'unchanged'] as const) all[kind][key].push(...one[kind][key]);
        return all;
      }, undefined)!;
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
      const first = parts[0]?.input.sprints[0]?.code;
      const skippedMuch = read.not_imported.length > 0 || read.counts.lines_skipped > Math.max(20, read.counts.tasks + read.counts.subtasks);
      const given = args.file ?? '-';
      return {
        data: {
          ui: 'import',
          report,
          counts: read.counts,
          formats: read.formats,
          not_imported: read.not_imported,
          placements,
          dry_run: args.dry_run === true,
          moved,
          summary_lines: [
            `Read ${read.formats.join('; ')}`,
            countsLine(read.counts, args.verbose === true),
            ...(notImportedLine(read) ? [notImportedLine(read)!] : []),
            ...placements.map((p) =>
              p.prefix
                ? `${p.name} shares codes with another plan, so its codes take the prefix ${p.prefix} (${p.prefix}-…)`
                : `${p.name} takes over the plan imported from ${p.moved_from}, which is gone (moved or renamed)`,
            ),
            `${verb} ${sprints.created.length} sprint(s) and ${tasks.created.length} task(s); ${tasks.updated.length} task(s) ${args.dry_run ? 'would be ' : ''}updated, ${tasks.unchanged.length} unchanged`,
          ],
          ...(args.dry_run ? { tree: treeOf({ ...read, parts }, report) } : {}),
        },
        hints: {
          validation_warnings: report.warnings,
          next_actions: [
            ...moved.map((m) => `${m.session} now works on ${m.task} in ${m.sprint}, where the plan moved it`),
            ...(skippedMuch ? [CONVERT_ADVICE] : []),
          ],
          suggest: args.dry_run
            ? args.content === undefined
              ? [{ command: 'import', args: { file: given } }]
              : []
            : [{ command: 'sprint:list' }, ...(first ? [{ command: 'sprint:activate', args: { code: first } }] : [])],
        },
      };
    },
  }),
  defineCommand({
    name: 'export',
    summary: 'Write the plan (JSON or Markdown) with actual against estimated time',
    tx: 'read',
    args: { format: z.enum(['json', 'md']).default('json') },
    async run(tx, args, ctx) {
      const plan = await tx.plan();
      const report = timeReport(plan, await tx.sessions(), ctx.now(), {});
      const exported = planExport(plan);
      const content = args.format === 'md' ? formatMarkdownPlan(plan.sprints, plan.tasks) : `${JSON.stringify({ ...exported, report }, null, 2)}\n`;
      return { data: { ui: 'document', format: args.format, content, plan: exported, report }, quiet: true };
    },
  }),
];
