import { countInput, NOTHING_SKIPPED, type ImportCounts, type ReadCounts } from './import.js';
import { isBeads, readBeads } from './peers/beads.js';
import { backlogOrder, isBacklogTask, readBacklog, type BacklogFile } from './peers/backlog.js';
import type { PeerRead } from './peers/common.js';
import { isTaskMaster, readTaskMaster } from './peers/task-master.js';
import { lineRanges } from './line-ranges.js';
import type { NotImported } from './plan-md/plan-record.js';
import { readMarkdownPlan } from './plan-md/read.js';
import type { PlanPart } from './plan-owners.js';
import { jsonErrorPlace } from './json-error.js';
import { FragmentsError } from '../domain/errors.js';
import { checkPlanInput } from '../domain/plan-input.js';
import { CONVERT_ADVICE } from './plan-format.js';

/*
 * Turns what `import` was given (a file's text, content, a peer's files) into
 * plans, knowing each format by its content. No I/O: the texts are read
 * before (plan-source.ts), and this may run on a worker thread. Loaded by
 * `import()` only: the parsers are most of its weight.
 */

/** One thing to read: a text (a file, content, stdin) or a Backlog.md folder's files. */
export type Unit =
  | {
      kind: 'text';
      text: string;
      /** How messages name it: the path as given. */
      name: string;
      source: string | null;
      /** Names the sprint of a plan without sprint headings; its extension says JSON or JSONL too. */
      fileName: string;
      /** A spec-kit feature folder (`specs/002-user-auth/tasks.md`): its sprint, and the prefix its codes take on a clash. */
      feature?: { folder: string; prefix: string };
    }
  | { kind: 'backlog'; files: BacklogFile[]; config: string | undefined; name: string; source: string };

export interface ReadOptions {
  hoursPerDay: number;
  hoursPerPoint: number;
  /**
   * Whether answers may show the file's own text (skipped lines, a JSON
   * error's excerpt): yes for the developer and for content an agent sent;
   * never for a file an agent face read, which might be any file.
   */
  quote: boolean;
}

export interface PlanRead {
  parts: PlanPart[];
  /** What each unit was read as: `specs/001-x/tasks.md: Markdown (spec-kit feature)`. */
  formats: string[];
  /** What the author should know: bad values left out, items not imported, links to nowhere. */
  warnings: string[];
  /** What only `--verbose` lists: skipped prose, guessed estimates, generated codes. */
  details: string[];
  /** Items that look like work and were not imported, by line. */
  not_imported: (NotImported & { file: string })[];
  counts: ImportCounts;
}


export function readUnits(units: Unit[], options: ReadOptions): PlanRead {
  const read: PlanRead = { parts: [], formats: [], warnings: [], details: [], not_imported: [], counts: { sprints: 0, tasks: 0, subtasks: 0, completed: 0, ...NOTHING_SKIPPED } };
  for (const unit of units) {
    const one = unit.kind === 'backlog' ? readBacklogUnit(unit) : readText(unit, options);
    const many = units.length > 1;
    const { input, warnings } = checkPlanInput(one.plan, options.hoursPerDay, { quote: options.quote });
    read.parts.push({ input, source: unit.source, name: unit.name, ...(unit.kind === 'text' && unit.feature ? { feature: { prefix: unit.feature.prefix } } : {}) });
    read.formats.push(`${unit.name}: ${one.format}`);
    read.warnings.push(...[...one.warnings, ...warnings].map((w) => (many ? `${unit.name}: ${w}` : w)));
    read.details.push(...one.details.map((d) => (many ? `${unit.name}: ${d}` : d)));
    read.not_imported.push(...one.not_imported.map((n) => ({ ...n, file: unit.name })));
    const counts = countInput(input, one.counts);
    for (const key of Object.keys(read.counts) as (keyof ImportCounts)[]) read.counts[key] += counts[key];
  }
  const empty = read.parts.every((p) => p.input.sprints.every((s) => s.tasks.length === 0));
  if (empty) {
    const seen = units.length === 1 ? noTaskHint(units[0]!, options) : '';
    throw new FragmentsError('NO_TASKS', `${units.map((u) => u.name).join(', ')} ${units.length === 1 ? 'holds' : 'hold'} no task: nothing was imported. ${TASK_SHAPES}${seen} ${CONVERT_ADVICE}`, {
      warnings: read.warnings,
    });
  }
  return read;
}

const TASK_SHAPES =
  'A task is a list item starting with a code (- T-1 Title, - `T-1` - Title, - [ ] T001 [P] Title), a checklist item (- [ ] Title), a plain bullet under a heading that says work (## TODO, ## Backlog, ## Stage 1), a heading (### T-12: Title) or a row of a task table. Sprints are headings such as ## Sprint 1: Foundation or ### v2; a plan without one is one sprint.';

function noTaskHint(unit: Unit, options: ReadOptions): string {
  if (unit.kind !== 'text' || format(unit) !== 'markdown') return '';
  const md = readMarkdownPlan(unit.text, { fileName: unit.fileName, hoursPerDay: options.hoursPerDay, hoursPerPoint: options.hoursPerPoint });
  return ` It has ${md.seen.headings} heading(s) and ${md.seen.items} list item(s)${md.lines_skipped ? `; ${md.lines_skipped} line(s) read as prose` : ''}.`;
}

interface OneRead {
  plan: unknown;
  format: string;
  warnings: string[];
  details: string[];
  not_imported: NotImported[];
  counts: ReadCounts;
}

function peer(read: PeerRead, format: string): OneRead {
  return { plan: read.plan, format, warnings: read.warnings, details: [], not_imported: [], counts: NOTHING_SKIPPED };
}

function format(unit: Extract<Unit, { kind: 'text' }>): 'json' | 'jsonl' | 'backlog-task' | 'markdown' {
  const start = unit.text.trimStart();
  if (/\.jsonl$/i.test(unit.fileName) || isBeads(unit.text)) return 'jsonl';
  if (/\.json$/i.test(unit.fileName) || start.startsWith('{') || start.startsWith('[')) return 'json';
  if (start.startsWith('---') && isBacklogTask(unit.text)) return 'backlog-task';
  return 'markdown';
}

function readText(unit: Extract<Unit, { kind: 'text' }>, options: ReadOptions): OneRead {
  switch (format(unit)) {
    case 'jsonl':
      if (!isBeads(unit.text)) throw new FragmentsError('BAD_PLAN', `${unit.name} is JSON Lines, but not beads' issues (one {"id","title","status"} a line). ${CONVERT_ADVICE}`);
      return peer(readBeads(unit.text, { code: 'BEADS', title: 'beads issues' }), 'beads issues (JSON Lines)');
    case 'json':
      return readJson(unit, options);
    case 'backlog-task':
      return peer(readBacklog([{ path: `tasks/${unit.fileName}`, text: unit.text }], undefined), 'a Backlog.md task');
    default:
      return readMarkdown(unit, options);
  }
}

function readJson(unit: Extract<Unit, { kind: 'text' }>, options: ReadOptions): OneRead {
  let raw: unknown;
  try {
    raw = JSON.parse(unit.text);
  } catch (e) {
    throw new FragmentsError('BAD_PLAN', `${unit.name} is not valid JSON${jsonWhere(e as Error, unit.text, options.quote)}. ${CONVERT_ADVICE}`);
  }
  if (isTaskMaster(raw)) return peer(readTaskMaster(raw), "task-master's tasks.json");
  const plan = raw as { sprints?: unknown };
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'sprints' in plan) {
    return { plan: raw, format: 'the JSON plan', warnings: [], details: [], not_imported: [], counts: NOTHING_SKIPPED };
  }
  throw new FragmentsError(
    'BAD_PLAN',
    `${unit.name} is JSON, but no plan Fragments knows: the JSON plan is {"sprints": [...]}, task-master's tasks.json is {"tasks": [...]} or {"TAG": {"tasks": [...]}}. ${CONVERT_ADVICE}`,
  );
}

/**
 * Where the text stops being JSON, as a line and column; JSON.parse's own
 * message only where the file may be quoted (it shows the text around the fault).
 */
function jsonWhere(error: Error, text: string, quote: boolean): string {
  const place = jsonErrorPlace(text);
  return quote ? ` (${place}: ${error.message})` : ` (${place})`;
}

function readMarkdown(unit: Extract<Unit, { kind: 'text' }>, options: ReadOptions): OneRead {
  const md = readMarkdownPlan(unit.text, {
    fileName: unit.feature ? `${unit.feature.folder}.md` : unit.fileName,
    hoursPerDay: options.hoursPerDay,
    hoursPerPoint: options.hoursPerPoint,
  });
  // A spec-kit feature's sprint is named after its folder, and titled as its tasks.md is (`# Tasks: Photo Albums`).
  const only = md.plan.sprints.length === 1 ? md.plan.sprints[0] : undefined;
  if (unit.feature && only && md.title) only.title = md.title.replace(/^tasks\s*:\s*/i, '') || only.title;
  const skipped = options.quote ? md.skipped.map((s) => `line ${s.line} skipped: ${s.text}`) : md.skipped.length ? [`${lineRanges(md.skipped.map((s) => s.line))} skipped as prose`] : [];
  return {
    plan: md.plan,
    format: unit.feature ? `Markdown (spec-kit feature ${unit.feature.folder})` : 'Markdown',
    warnings: md.warnings,
    details: [
      ...skipped,
      ...md.estimates_guessed.map((g) => `estimate guessed: ${g}`),
      ...md.estimates_in_points.map((c) => `estimate of ${c} given in points, at ${options.hoursPerPoint}h a point (config hours_per_point)`),
      ...md.generated_codes.map((c) => `code generated: ${c}`),
    ],
    not_imported: md.not_imported,
    counts: {
      generated_codes: md.generated_codes.length,
      estimates_guessed: md.estimates_guessed.length,
      estimates_in_points: md.estimates_in_points.length,
      lines_skipped: md.lines_skipped,
      not_imported: md.not_imported.length,
    },
  };
}

function readBacklogUnit(unit: Extract<Unit, { kind: 'backlog' }>): OneRead {
  return peer(readBacklog([...unit.files].sort(backlogOrder), unit.config), `a Backlog.md folder (${unit.files.length} file(s))`);
}
