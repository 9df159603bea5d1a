import { FragmentsError } from '../domain/errors.js';
import type { PlanFile } from '../domain/plan.js';
import type { PlanInput } from '../domain/plan-input.js';
import { isCode } from './plan-md/codes.js';

/** One plan an import brings: a file's, a peer's, or content an agent sent. */
export interface PlanPart {
  input: PlanInput;
  /** What it came from (an absolute path), kept on its sprints; null for content without a name. */
  source: string | null;
  /** How messages name it: the path as given, or `the content sent`. */
  name: string;
  /** A spec-kit feature folder (`002-user-auth`): a clash is settled by giving its codes the feature's number. */
  feature?: { prefix: string };
}

/** What became of a part whose codes clashed with another plan's. */
export interface Placement {
  name: string;
  prefix?: string;
  /** The other plan's file, when this one takes its place because that file is gone (moved or renamed). */
  moved_from?: string;
}

export interface PlaceOptions {
  /** `--prefix NAME`: the codes of a plan that clashes take it. */
  prefix?: string | undefined;
  /** Whether a source file is still there: a plan whose file is gone was moved, and the new file takes it over. */
  exists: (source: string) => boolean;
}

/**
 * Two plans never overwrite each other. Each sprint remembers the file it was
 * imported from; a part whose codes are already another file's tasks or
 * sprints (a second `specs/*\/tasks.md` numbering from T001 again) is given
 * codes of its own: a spec-kit feature's number (`002-T001`), or the prefix
 * asked for. Without either it is refused, naming both files and the fix. A
 * plan whose old file is gone takes its place (a file moved or renamed), and
 * the same file imported again is the same plan.
 */
export function placePlans(plan: PlanFile, parts: PlanPart[], options: PlaceOptions): Placement[] {
  const sprintSource = new Map(plan.sprints.map((s) => [s.code.toLowerCase(), s.source ?? null]));
  const taskOwner = new Map<string, string | null>();
  for (const task of plan.tasks) taskOwner.set(task.code.toLowerCase(), task.sprint === null ? null : (sprintSource.get(task.sprint.toLowerCase()) ?? null));
  const placements: Placement[] = [];
  for (const part of parts) {
    const clashes = clashesOf(part, sprintSource, taskOwner);
    if (clashes.length) {
      const others = [...new Set(clashes.map((c) => c.owner))];
      const other = others[0]!;
      if (others.length === 1 && part.source !== null && !options.exists(other)) {
        placements.push({ name: part.name, moved_from: other });
      } else {
        const prefix = options.prefix ?? part.feature?.prefix;
        if (prefix === undefined) throw clashError(part, clashes);
        rename(part, prefix, new Set(clashes.filter((c) => c.kind === 'sprint').map((c) => c.code.toLowerCase())));
        const still = clashesOf(part, sprintSource, taskOwner);
        if (still.length) throw clashError(part, still);
        placements.push({ name: part.name, prefix });
      }
    }
    for (const sprint of part.input.sprints) {
      sprintSource.set(sprint.code.toLowerCase(), part.source);
      for (const task of sprint.tasks) taskOwner.set(task.code.toLowerCase(), part.source);
    }
  }
  return placements;
}

interface Clash {
  kind: 'task' | 'sprint';
  code: string;
  owner: string;
}

/** The part's codes that are another file's: a plan nobody's file made (by hand, or imported before files were kept) clashes with none. */
function clashesOf(part: PlanPart, sprintSource: Map<string, string | null>, taskOwner: Map<string, string | null>): Clash[] {
  const clashes: Clash[] = [];
  const foreign = (owner: string | null | undefined): owner is string => owner !== undefined && owner !== null && owner !== part.source;
  for (const sprint of part.input.sprints) {
    const owner = sprintSource.get(sprint.code.toLowerCase());
    if (foreign(owner)) clashes.push({ kind: 'sprint', code: sprint.code, owner });
    for (const task of sprint.tasks) {
      const taskOwnerSource = taskOwner.get(task.code.toLowerCase());
      if (foreign(taskOwnerSource)) clashes.push({ kind: 'task', code: task.code, owner: taskOwnerSource });
    }
  }
  return clashes;
}

/** Gives every task code of the part the prefix (`002-T001`), and the clashing sprints too, links included. */
function rename(part: PlanPart, prefix: string, sprints: Set<string>): void {
  const renamed = new Map<string, string>();
  const prefixed = (code: string) => {
    const next = `${prefix}-${code}`;
    if (!isCode(next)) throw new FragmentsError('USAGE', `--prefix ${prefix} makes ${next}, which is no code: codes use letters, digits, ".", "_" and "-", 64 at most.`);
    return next;
  };
  for (const sprint of part.input.sprints) for (const task of sprint.tasks) renamed.set(task.code.toLowerCase(), prefixed(task.code));
  const to = (code: string) => renamed.get(code.toLowerCase()) ?? code;
  for (const sprint of part.input.sprints) {
    if (sprints.has(sprint.code.toLowerCase())) sprint.code = prefixed(sprint.code);
    for (const task of sprint.tasks) {
      task.code = to(task.code);
      if (task.parent !== undefined) task.parent = to(task.parent);
      if (task.depends) task.depends = task.depends.map(to);
    }
  }
}

function clashError(part: PlanPart, clashes: Clash[]): FragmentsError {
  const byOwner = new Map<string, Clash[]>();
  for (const c of clashes) byOwner.set(c.owner, [...(byOwner.get(c.owner) ?? []), c]);
  const [owner, first] = [...byOwner.entries()][0]!;
  const codes = first.map((c) => c.code);
  const shown = codes.length > 5 ? `${codes.slice(0, 5).join(', ')} and ${codes.length - 5} more` : codes.join(', ');
  const fix =
    part.source === null
      ? 'Name the content with the file it came from (`file` beside `content`), or give its codes a prefix with `prefix`.'
      : `To import it beside that plan, give its codes a prefix: \`fragments import ${part.name} --prefix NAME\` makes them NAME-${codes[0]}…; or rename the codes in one of the two files.`;
  return new FragmentsError(
    'PLAN_CLASH',
    `${part.name} would overwrite another plan: ${shown} ${codes.length === 1 ? 'is' : 'are'} already in the plan imported from ${owner}. Nothing was imported. ${fix}`,
    { clashes: codes, other_plan: owner },
  );
}
