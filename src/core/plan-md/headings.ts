import type { Priority, TaskStatus } from '../../domain/plan.js';
import { isCode, isSprintForm, slugCode } from './codes.js';
import { priorityWord, readHead, readTail, type Head, type Tail } from './task-line.js';

/*
 * What a heading (or a bold line standing for one) says about the section it
 * opens: its structure (a sprint, a phase, a task, a dependencies section, or a
 * plain section), and what its words say about the items under it (work, a
 * status, a priority, references, criteria). Each section is read from its own
 * words and evidence, never from a stray line elsewhere in the file.
 */

export type HeadingShape =
  | { kind: 'sprint'; code: string; title: string; tail: Tail }
  | { kind: 'task'; head: Head }
  | { kind: 'phase'; title: string; estimate: string | undefined; order: number[] | undefined; priority?: Priority }
  | { kind: 'dependencies' }
  | { kind: 'section'; title: string; estimate: string | undefined; priority?: Priority };

/** The priority a heading's tail gives every task under it that names none (spec-kit's `(Priority: P1)` on a user story's phase). */
export function shapePriority(shape: HeadingShape): Priority | undefined {
  if (shape.kind === 'sprint') return shape.tail.priority;
  return shape.kind === 'phase' || shape.kind === 'section' ? shape.priority : undefined;
}

/** What a section's words say about the items under it; a section inherits its parent's unless its own words say otherwise. */
export interface Traits {
  /** Plain bullets here are tasks (`## TODO`, `## Backlog`, `## Stage 1`, a sprint). */
  work: boolean;
  /** Notes, files, summaries, references: their items are no tasks and decide nothing. */
  reference: boolean;
  /** Acceptance criteria, a definition of done: checks on work, not work. */
  criteria: boolean;
  dependencies: boolean;
  status?: TaskStatus;
  priority?: Priority;
}

export const NO_TRAITS: Traits = { work: false, reference: false, criteria: false, dependencies: false };

const LABEL_WORDS = String.raw`(?:story|task|issue|ticket|item|feature|bug|chore)`;
/** `Task 1.1: …`, `Story: S-1-F25-02 -- …`, `Task: Set up CI`; not `Feature flags`. */
const LABEL = new RegExp(String.raw`^${LABEL_WORDS}\s*(?::\s*|\s+(?=#?\d))`, 'i');
const PHASE = /^(?:phase|stage|step|week|part)(?:\s*[:#]?\s*(\d+(?:\.\d+)*)\b|\s*:|\s+[ivx]+\b|\s+[a-z]\b|$)/i;
/** `v2`, `V0.5`, `v.1.0.0`, `Version 2`, `Release 1.2`, and a bare `0.2` or `2.0 — Rewrite` (but not `1.1 Data model`, a numbered section). */
const VERSION = /^(?:v(?:ersion)?\.?\s*|release\s+)(\d+(?:\.\d+){0,3})\b|^(\d+\.\d+(?:\.\d+){0,2})(?=\s*$|\s*[(:–—]|\s+-\s)/i;
const SPRINT = /^(sprint|iteration|milestone)\s*#?\s*(\d[\w.]*)(.*)$/is;

const REFERENCE = new RegExp(
  [
    String.raw`^(?:relevant |key |related )?files?\b`,
    String.raw`\bfiles?$`,
    String.raw`^(?:notes?|references?|resources|links|summary|overview|background|context|introduction|glossary|appendix|faq|legend|conventions|changelog|change log|history|decisions?|architecture|tech(?:nical)? stack|stack|prerequisites|assumptions|risks?|open questions|questions|out of scope|non-goals|goals?|objectives|scope|outcomes|metrics|statistics|stats|progress|status|table of contents|contents|toc|format|usage|installation|license|team|contributors|parallel|by (?:priority|status|owner|phase|area|assignee)|implementation strategy|execution order|tracking|best practices|how to)\b`,
    // Words that name work too (`Process payments`, `Rules engine`) are references only alone.
    String.raw`^(?:guidelines|rules|tips|instructions|workflow|process|templates?|examples?|(?:task|issue) templates?)$`,
    String.raw`\b(?:notes|summary|overview|references|conventions|resources|legend|glossary)$`,
  ].join('|'),
);
const REFERENCE_END = /\b(?:notes|summary|overview|references|conventions|resources|legend|glossary|files|links|faq|appendix)$/;
const CRITERIA = /\bcriteria\b|\bdefinition of done\b|^dod\b|^(?:validation|review|acceptance|verification|release) checklist\b|^(?:requirements?|constraints|quality gates?|gates?)$/;
const WORK = /^(?:todos?|to[ -]?dos?|tasks?|task list|task breakdown|backlog|icebox|action items|work items|next steps?|up next|planned|upcoming|future work|roadmap|bugs?|fixes|known issues|improvements|enhancements|chores|stories|user stories|epics?|implementation(?: plan| tasks| steps)|deliverables|work)\b|\b(?:tasks|todos?|to do|backlog|implementation plan)$/;
/** A file named so is a list of work: `TODO.md`, `fix_plan.md`, `ROADMAP.md`, `tasks.md`. */
const WORK_FILE = /\b(?:todos?|tasks?|backlog|plan|roadmap)\b/;
const EPIC = /^epic\b/i;
const STATUS: [RegExp, TaskStatus][] = [
  [/^(?:done|completed?|finished|shipped|released|closed)\b|\((?:done|completed?)\)$|\b(?:done|completed)$/, 'completed'],
  [/^(?:in progress|doing|wip|ongoing|currently working on|current work|active)\b/, 'in_progress'],
  [/^blocked\b/, 'blocked'],
  [/^(?:cancell?ed|dropped|abandoned|won'?t (?:do|fix|have)|rejected|obsolete)\b/, 'cancelled'],
];
const MOSCOW: [RegExp, Priority][] = [
  [/^must(?: have)?\b/, 'high'],
  [/^should(?: have)?\b/, 'medium'],
  [/^(?:could|nice)(?: to)? have\b/, 'low'],
];

/** Whether a plan's file name says it lists work, so plain bullets without a heading are tasks. */
export function workFile(fileName: string): boolean {
  return WORK_FILE.test(fileName.toLowerCase().replace(/\.[^.]*$/, '').replace(/[_-]+/g, ' '));
}

/** The heading's words, lower case, without emoji, numbering, formatting marks and a closing colon. */
export function wordsOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
    .replace(/^[\s#*_~`>.:\-–—|]*(?:\d+(?:\.\d+)*[.)]?\s+)?/, '')
    .replace(/[\s:.*_]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The traits a heading's words give, over those of the section around it. */
export function traitsOf(text: string, parent: Traits, structural: boolean): Traits {
  // A label says what the line is: `Group: Notes` groups tasks, whatever its name.
  if (/^(?:group|phase)\s*:/i.test(text)) return { ...parent, work: true, reference: false, criteria: false, dependencies: false };
  const words = wordsOf(text);
  const own: Traits = structural
    ? { work: true, reference: false, criteria: false, dependencies: false }
    : { ...parent };
  // A dependencies section holds links between tasks: its plain bullets are no tasks, its checkboxes and coded items still are.
  if (!structural && /^(?:task )?dependenc(?:y|ies)\b/.test(words)) {
    own.dependencies = true;
    own.work = false;
  }
  if (!structural && CRITERIA.test(words)) own.criteria = true;
  // A reference by its last word (`Task Status Legend`, `Task Summary`), or by its first where no word says work.
  else if (!structural && (REFERENCE_END.test(words) || (REFERENCE.test(words) && !WORK.test(words)))) own.reference = true;
  if (WORK.test(words) || EPIC.test(words)) own.work = true;
  // A sprint or phase says its status in its tail (`✅`, `[completed]`), not in the words of its name.
  for (const [pattern, status] of structural ? [] : STATUS) {
    if (pattern.test(words)) {
      own.status = status;
      own.work = true;
    }
  }
  const priority = structural ? undefined : sectionPriority(words);
  if (priority) {
    own.priority = priority;
    own.work = true;
  }
  if (structural) {
    own.status ??= parent.status;
    own.priority ??= parent.priority;
  }
  return own;
}

/** A section's traits: its words', a dependencies heading's, and the priority its tail gives, alike for a heading and a bold line. */
export function sectionTraits(text: string, parent: Traits, shape: HeadingShape, structural: boolean): Traits {
  const traits = traitsOf(text, parent, structural);
  if (shape.kind === 'dependencies') traits.dependencies = true;
  traits.priority = shapePriority(shape) ?? traits.priority;
  return traits;
}

function sectionPriority(words: string): Priority | undefined {
  const named = /^(?:(critical|urgent|high|medium|low|p[0-4])(?: priority)?|priority\s*[:(]?\s*(critical|high|medium|low|p[0-4]))\b/.exec(words);
  if (named) return priorityWord(named[1] ?? named[2]!);
  return MOSCOW.find(([pattern]) => pattern.test(words))?.[1];
}

/**
 * `### SPRINT-SESS-1: Core (10-13 hours)`, `## Sprint 2`, `### **Sprint #0**: dates`,
 * `## S3 — Polish` name a sprint, and so do milestones and versions (`## v0.5`,
 * `## Milestone 2`): a roadmap's releases are its sprints. `### T-12 Title` and
 * `### Task 1.1: …` are tasks, unless list items with other codes follow (then it
 * is a sprint with another kind of code, `## EPIC-1`); `## Phase 1`, `## Stage 2 –
 * …` are phases, run in order. Any other heading is a section.
 */
export function headingShape(text: string, holdsTasks: (code: string) => boolean): HeadingShape {
  const sprint = SPRINT.exec(text);
  if (sprint && isCode(sprint[2]!.replace(/\.$/, ''))) {
    const number = sprint[2]!.replace(/\.$/, '');
    const { title, tail } = readTail(sprint[3]!.replace(/^\s*(?:--|[-–—:])\s*/, ''));
    return { kind: 'sprint', code: `${sprint[1]!.toUpperCase()}-${number}`, title: title || text.replace(/\s*\(.*$/, ''), tail };
  }
  const ticked = /^sprint\s+`([^`]+)`(.*)$/is.exec(text);
  if (ticked && isCode(ticked[1]!)) {
    const { title, tail } = readTail(ticked[2]!.replace(/^\s*(?:--|[-–—:])\s*/, ''));
    return { kind: 'sprint', code: ticked[1]!, title: title || ticked[1]!, tail };
  }
  const version = VERSION.exec(text);
  if (version) {
    const number = version[1] ?? version[2]!;
    const { title, tail } = readTail(text.slice(version[0].length).replace(/^\s*(?:--|[-–—:])\s*/, ''));
    // `### v0.9.0 (2025-03-01)`: a date is no name; the heading is.
    return { kind: 'sprint', code: `V${number}`, title: title === '' || /^\([^()]*\)$/.test(title) ? text.trim() : title, tail };
  }
  if (/^(?:task\s+)?dependenc(?:y|ies)\b/i.test(wordsOf(text))) return { kind: 'dependencies' };
  // `### Task 1.1: Set up the repository`: a labelled number is a task without a code (one is made from the number).
  const labelled = LABEL.test(text);
  const head = readHead(text.replace(LABEL, ''), { numbered: labelled });
  if (head.code === undefined && head.number !== undefined) return { kind: 'task', head };
  if (head.code === undefined && labelled && head.title !== '') return { kind: 'task', head };
  const first = /^`?([\w.-]+)`?/.exec(text)?.[1] ?? '';
  if (head.code === undefined && isSprintForm(first) && isCode(first)) {
    const { title, tail } = readTail(text.slice(text.indexOf(first) + first.length).replace(/^`?\s*(?:--|[-–—:])?\s*/, ''));
    return { kind: 'sprint', code: first, title, tail };
  }
  // `## S3 Storage` is about Amazon S3, not sprint 3: the short form needs a separator (`## S3 — Polish`).
  if (head.code !== undefined && /^S\d+[A-Za-z]?$/i.test(head.code) && !/^`?\w+`?\s*(?:$|--|[-–—:(])/.test(text)) return section(text);
  if (head.code !== undefined && !PHASE.test(text) && (isSprintForm(head.code) || holdsTasks(head.code))) {
    return { kind: 'sprint', code: head.code, title: head.title, tail: head.tail };
  }
  if (head.code !== undefined && !PHASE.test(text)) return { kind: 'task', head };
  const phase = PHASE.exec(text);
  if (phase) {
    // `**Phase: Setup**`: the writer's label for a phase whose name says nothing of order.
    const { title, tail } = readTail(text.replace(/^phase\s*:\s*/i, ''));
    const order = phase[1]?.split('.').map(Number);
    return { kind: 'phase', title, estimate: tail.estimate, order, ...(tail.priority ? { priority: tail.priority } : {}) };
  }
  return section(text);
}

/**
 * A heading that only says its items are work, or their status or priority
 * (`## Tasks`, `## TODO`, `## Done`, `## High Priority`): it names no group,
 * its words are read into each task already.
 */
export function namesNoGroup(text: string): boolean {
  const words = wordsOf(text);
  return (
    words === '' ||
    /^(?:(?:the |our |open |current |remaining |all )?(?:todos?|to[ -]?dos?|tasks?|task list|task breakdown|backlog|action items|work items|next steps?|up next|planned|upcoming|work|implementation (?:plan|tasks|steps)|plan|done|completed?|finished|shipped|closed|in progress|doing|wip|blocked|cancell?ed|dropped)|(?:critical|urgent|high|medium|low|p[0-4])(?: priority)?|priority\s*[:(]?\s*\w+\)?|(?:must|should|could|nice to|won'?t)(?: have)?)$/.test(words)
  );
}

/** Whether a bold line reads as a group of the tasks after it (`**Planned Features:**`) rather than a note or a sentence. */
export function readsAsGroup(text: string, traits: Traits): boolean {
  if (/^group\s*:/i.test(text)) return true;
  return !traits.reference && !traits.criteria && !traits.dependencies && /^\S+(?: \S+){0,5}$/.test(wordsOf(text));
}

/** How the writer heads a phase so that the reader takes it for one, run in order: as it is, or labelled `Phase: …`. */
export function phaseLabel(title: string): string {
  return headingShape(title, () => false).kind === 'phase' ? '' : 'Phase: ';
}

/** How the writer heads a group so that the reader takes it for one: as it is, or labelled `Group: …`. */
export function groupLabel(title: string): string {
  const plain = headingShape(title, () => false).kind === 'section' && readsAsGroup(title, traitsOf(title, NO_TRAITS, false)) && !namesNoGroup(title);
  return plain && !/^group\s*:/i.test(title) ? '' : 'Group: ';
}

function section(text: string): HeadingShape {
  const { title, tail } = readTail(text.replace(/^group\s*:\s*/i, ''));
  return { kind: 'section', title, estimate: tail.estimate, ...(tail.priority ? { priority: tail.priority } : {}) };
}

/** The code of the sprint a plan without sprint headings becomes: the title's code (`# FE-01 … TODO`), else the file's name. */
export function fileSprintCode(fileName: string, title: { code: string | undefined; text: string } | undefined): { code: string; title: string } {
  const name = fileName.replace(/\.[^.]*$/, '') || 'plan';
  return title?.code ? { code: title.code, title: title.text } : { code: slugCode(name), title: name };
}
