import { Priority, type TaskStatus } from '../../domain/plan.js';
import { parseEstimate } from '../../domain/plan-estimate.js';
import { codeList, isBareTaskCode, isCode } from './codes.js';

/*
 * One line of a plan, as text: `T014 [P] Model in src/x.ts (2h) [high] after T-1`,
 * `**PROJ-001**: Set up the schema (4h, 50% complete)`, `1.1 Create the service`.
 * The Markdown structure around it (list item, heading, table row) is read elsewhere.
 */

export interface Head {
  /** `1.1` in `1.1 Create the service`: the numbering carries the hierarchy. */
  number?: string;
  code?: string;
  /** Written in backticks: then even a sprint-shaped code (`S1`) is a task's. */
  ticked?: boolean;
  tags: string[];
  title: string;
  tail: Tail;
}

export interface Tail {
  estimate?: string;
  priority?: Priority;
  depends?: string[];
  status?: TaskStatus;
  /** What shared the estimate's parentheses: `50% complete`. */
  aside?: string;
}

const STATUS_WORDS: Record<string, TaskStatus> = {
  done: 'completed',
  completed: 'completed',
  complete: 'completed',
  'in progress': 'in_progress',
  in_progress: 'in_progress',
  wip: 'in_progress',
  doing: 'in_progress',
  blocked: 'blocked',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  pending: 'pending',
  todo: 'pending',
};
const MARKER = /^\[([^\]\s][^\]]{0,39})\]\s*/;
/** How far from the end of a long line its tail is looked for: no tail is longer, and patterns anchored at the end cost the length they scan. */
const TAIL_WINDOW = 240;
const PRIORITY_WORDS: Record<string, Priority> = {
  p0: 'critical',
  p1: 'high',
  p2: 'medium',
  p3: 'low',
  p4: 'low',
  urgent: 'critical',
  blocker: 'critical',
  major: 'high',
  normal: 'medium',
  minor: 'low',
};
const POINTS = /^(\d+(?:\.\d+)?)(?:\s*[-–]\s*(\d+(?:\.\d+)?))?\s*(?:pts?|points?|sp|story\s*points?)$/i;
const SEPARATOR = /^\s*(?:--|[-–—:])\s*/;
const DONE_MARK = /\s*(?:✅|✔️?|☑️?|\bCOMPLETED\b|\bDONE\b)$/u;
const BRACKET = /\s*\[([^\]]{1,24})\]$/;
const PARENS = /\s*\(([^()]*)\)$/;
const TILDE = /\s*~\s*(\d[\d.\s\-–a-z]*)$/i;
const ESTIMATE_FIELD = /\s*[-–—,;]?\s*\b(?:estimated?(?:\s+(?:effort|time))?|effort)\s*[:=]\s*([^:]+)$/i;
const DEPENDS_WORD = /(?:^|\s)(?:after|depends on|blocked by|requires)\s+/gi;

export function statusWord(text: string): TaskStatus | undefined {
  return STATUS_WORDS[text.trim().toLowerCase().replace(/[-\s]+/g, ' ')];
}

/** `high`, `[critical]`'s word, `P0`…`P4` (P0 the most urgent), `urgent`, `minor`. */
export function priorityWord(text: string): Priority | undefined {
  const word = text.trim().toLowerCase();
  const plain = Priority.safeParse(word);
  return plain.success ? plain.data : PRIORITY_WORDS[word];
}

/** An estimate as written (`2h`, `1.5 days`, `3 pts`), or undefined when the text is none. */
export function estimateText(text: string): string | undefined {
  const cleaned = text.trim().replace(/^(?:~|est\.?\s*|estimate:?\s*)/i, '').trim();
  if (POINTS.test(cleaned)) return cleaned;
  const estimate = parseEstimate(cleaned, 8);
  return estimate && estimate.high_hours > 0 ? cleaned : undefined;
}

/** `3 pts` as hours (`12h` at 4 hours a point); undefined for an estimate in time. */
export function pointsInHours(text: string, hoursPerPoint: number): string | undefined {
  const m = POINTS.exec(text.trim());
  if (!m) return undefined;
  const hours = (n: string) => String(Math.round(Number(n) * hoursPerPoint * 10_000) / 10_000);
  return m[2] === undefined ? `${hours(m[1]!)}h` : `${hours(m[1]!)}-${hours(m[2])}h`;
}

/**
 * Reads `[1.1] CODE [tags] - Title tail`. `numbered` lets a leading `1.` or `1.1`
 * count as numbering (checklists); `bareCodes` lets a code stand without backticks.
 */
export function readHead(text: string, options: { numbered: boolean }): Head {
  let rest = text.trim();
  const head: Head = { tags: [], title: '', tail: {} };
  const number = options.numbered ? /^(\d+(?:\.\d+)*)\.?(?:\s*[:–—-]\s*|\s+)(?=\S)/.exec(rest) : null;
  if (number) {
    head.number = number[1]!;
    rest = rest.slice(number[0].length);
  }
  // `P0: Fix the login`, `[high] Fix the login`: a priority before the title.
  const lead = /^(?:\[([^\]]{1,12})\]|(P[0-4]))\s*[:–—-]?\s+(?=\S)/i.exec(rest);
  if (lead && priorityWord(lead[1] ?? lead[2]!)) {
    head.tail.priority = priorityWord(lead[1] ?? lead[2]!);
    rest = rest.slice(lead[0].length);
  }
  const code = leadingCode(rest);
  if (code) {
    head.code = code.code;
    if (code.ticked) head.ticked = true;
    rest = rest.slice(code.length);
    // Markers between the code and the title: `[P]`, `[US1]` are tags; `[high]`, `[blocked]` say what they say.
    for (let m = MARKER.exec(rest.trimStart()); m; m = MARKER.exec(rest.trimStart())) {
      const priority = priorityWord(m[1]!);
      if (priority) head.tail.priority = priority;
      else if (statusWord(m[1]!)) head.tail.status = statusWord(m[1]!);
      else head.tags.push(m[1]!);
      rest = rest.trimStart().slice(m[0].length);
    }
    rest = rest.replace(SEPARATOR, '');
  }
  const { title, tail } = readTail(rest);
  head.title = title;
  head.tail = { ...head.tail, ...tail };
  return head;
}

/**
 * A code at the start: `` `T-1` ``, or a bare `T014`. A backticked word that is
 * not code-shaped must be followed by a separator, so `` `README.md` is updated `` stays prose.
 */
function leadingCode(text: string): { code: string; length: number; ticked: boolean } | undefined {
  const ticked = /^`([^`]+)`/.exec(text);
  if (ticked) {
    const code = ticked[1]!.trim();
    const after = text.slice(ticked[0].length);
    const separated = after.trim() === '' || SEPARATOR.test(after) || MARKER.test(after.trimStart());
    return isCode(code) && (separated || isBareTaskCode(code)) ? { code, length: ticked[0].length, ticked: true } : undefined;
  }
  const bare = /^([A-Za-z0-9][\w.-]*?)\.?(?=$|[\s:[\]—–]|\s-)/.exec(text);
  if (bare && isBareTaskCode(bare[1]!)) return { code: bare[1]!, length: bare[0].length, ticked: false };
  return undefined;
}

/** Takes estimate, priority, status and dependencies off the end of a title, in any order, each once. */
export function readTail(text: string): { title: string; tail: Tail } {
  const whole = text.trim();
  const cut = Math.max(0, whole.length - TAIL_WINDOW);
  const { title, tail } = readTailOf(whole.slice(cut));
  return { title: (whole.slice(0, cut) + title).trim(), tail };
}

function readTailOf(text: string): { title: string; tail: Tail } {
  let rest = text;
  const tail: Tail = {};
  for (let progress = true; progress; ) {
    progress = false;
    const done = DONE_MARK.exec(rest);
    const bracket = BRACKET.exec(rest);
    const parens = PARENS.exec(rest);
    const tilde = TILDE.exec(rest);
    const field = ESTIMATE_FIELD.exec(rest);
    const depends = dependsAtEnd(rest);
    const cut = (m: { index: number }) => {
      rest = rest.slice(0, m.index).trimEnd();
      progress = true;
    };
    if (done && (tail.status === undefined || tail.status === 'completed')) {
      tail.status = 'completed';
      cut(done);
    } else if (bracket && tail.priority === undefined && priorityWord(bracket[1]!)) {
      tail.priority = priorityWord(bracket[1]!);
      cut(bracket);
    } else if (parens && tail.priority === undefined && priorityWord(parens[1]!.replace(/^priority\s*:\s*/i, ''))) {
      tail.priority = priorityWord(parens[1]!.replace(/^priority\s*:\s*/i, ''));
      cut(parens);
    } else if (bracket && tail.status === undefined && statusWord(bracket[1]!)) {
      tail.status = statusWord(bracket[1]!);
      cut(bracket);
    } else if (parens && tail.estimate === undefined && parenEstimate(parens[1]!)) {
      const { estimate, aside } = parenEstimate(parens[1]!)!;
      tail.estimate = estimate;
      if (aside) tail.aside = aside;
      cut(parens);
    } else if (parens && tail.depends === undefined && dependsIn(parens[1]!)) {
      tail.depends = dependsIn(parens[1]!);
      cut(parens);
    } else if (tilde && tail.estimate === undefined && estimateText(tilde[1]!)) {
      tail.estimate = estimateText(tilde[1]!);
      cut(tilde);
    } else if (field && tail.estimate === undefined && estimateText(field[1]!)) {
      tail.estimate = estimateText(field[1]!);
      cut(field);
    } else if (depends && tail.depends === undefined) {
      tail.depends = depends.codes;
      cut(depends);
    }
  }
  return { title: rest.replace(/\s*[-–—:]$/, '').trim(), tail };
}

/** `… after T-1, T-2` at the end; the last such word counts (`Do after lunch after T-1`). */
function dependsAtEnd(text: string): { index: number; codes: string[] } | undefined {
  for (const m of [...text.matchAll(DEPENDS_WORD)].reverse()) {
    const codes = dependencyList(text.slice(m.index + m[0].length));
    if (codes) return { index: m.index, codes };
  }
  return undefined;
}

/** `(2h)`, `(8-12 hours)`, `(4h, 50% complete)`, `(Estimate: 2h)`. */
function parenEstimate(text: string): { estimate: string; aside: string | undefined } | undefined {
  const parts = text.split(/\s*[,;]\s*/);
  const at = parts.findIndex((p) => estimateText(p) !== undefined);
  if (at === -1) return undefined;
  const aside = parts.filter((_, i) => i !== at).join(', ').trim();
  return { estimate: estimateText(parts[at]!)!, aside: aside === '' ? undefined : aside };
}

/** `(depends on T-1)`, `(after T-1, T-2)`. */
function dependsIn(text: string): string[] | undefined {
  const m = /^(?:after|depends on|blocked by|requires)\s*:?\s+(.+)$/is.exec(text.trim());
  return m ? dependencyList(m[1]!) : undefined;
}

/**
 * The tasks a dependency names: codes (`T-1, T-2`, `T004-T007`), or the numbers
 * of tasks written without codes (`Task 1.1`, `#3`), kept as `#1.1` for the
 * reader to find among the plan's numbered tasks. Undefined when any item is
 * neither, so prose stays prose.
 */
export function dependencyList(text: string): string[] | undefined {
  const codes = codeList(text);
  if (codes) return codes;
  const items = text.split(/\s*(?:,|;|&|\band\b)\s*/).filter((t) => t.trim() !== '');
  const refs: string[] = [];
  for (const item of items) {
    const number = /^(?:(?:task|story|step|item)\s*)?#?(\d+(?:\.\d+)*)$/i.exec(item.trim())?.[1];
    const code = number === undefined ? codeList(item) : [`#${number}`];
    if (!code) return undefined;
    refs.push(...code);
  }
  return refs.length ? refs : undefined;
}
