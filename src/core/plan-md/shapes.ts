import type { Heading, ListItem, Paragraph, RootContent, Table } from 'mdast';
import { Priority, type TaskStatus } from '../../domain/plan.js';
import { codeList, isBareTaskCode, isCode, isSprintForm, linkCode } from './codes.js';
import { inlineText } from './literal.js';
import { estimateText, readHead, readTail, statusWord, type Head, type Tail } from './task-line.js';

/*
 * One function per shape of plan a person writes: each reads one Markdown node
 * and says what it is, without deciding where it goes (walk.ts does that).
 */

export type HeadingShape =
  | { kind: 'sprint'; code: string; title: string; tail: Tail }
  | { kind: 'task'; head: Head }
  | { kind: 'phase'; title: string; estimate: string | undefined }
  | { kind: 'dependencies' }
  | { kind: 'section' };

const LABEL = /^(?:story|task|issue|ticket|item|feature|bug|chore)\s*:?\s+/i;
const PHASE = /^(?:phase|stage|milestone|step|week)\b/i;

/**
 * `### SPRINT-SESS-1: Core (10-13 hours)`, `## Sprint 2`, `## S3 — Polish` name a
 * sprint; `### Story: S-1-F25-02 -- Role separation` or `### **ENG-10-01: YAML fix**
 * (2-4 hours) ✅ COMPLETED` a task, unless list items with other codes follow it
 * (then it is a sprint with another kind of code, `## EPIC-1`; items coded
 * `T-12.1` under `### T-12` are its subtasks); `## Phase 1` a phase.
 * A heading without a code (the title, "Overview") is a section.
 */
export function headingShape(heading: Heading, source: string, holdsTasks: (code: string) => boolean): HeadingShape {
  const text = inlineText(heading.children, source).trim();
  const numbered = /^sprint\s+(\d[\w.]*)(.*)$/is.exec(text);
  const ticked = /^sprint\s+`([^`]+)`(.*)$/is.exec(text);
  const named = numbered ?? ticked;
  if (named && isCode(named[1]!)) {
    const code = numbered ? `SPRINT-${named[1]}` : named[1]!;
    const { title, tail } = readTail(named[2]!.replace(/^\s*(?:--|[-–—:])\s*/, ''));
    return { kind: 'sprint', code, title: title || text.replace(/\s*\(.*$/, ''), tail };
  }
  if (/^dependenc(?:y|ies)\b/i.test(text) || /^task dependencies\b/i.test(text)) return { kind: 'dependencies' };
  // `### Task 1.1: Set up the repository`: a labelled number is a task without a code (one is made from the number).
  const head = readHead(text.replace(LABEL, ''), { numbered: LABEL.test(text) });
  if (head.code === undefined && head.number !== undefined) return { kind: 'task', head };
  const first = /^`?([\w.-]+)`?/.exec(text)?.[1] ?? '';
  if (head.code === undefined && isSprintForm(first) && isCode(first)) {
    const { title, tail } = readTail(text.slice(text.indexOf(first) + first.length).replace(/^`?\s*(?:--|[-–—:])?\s*/, ''));
    return { kind: 'sprint', code: first, title, tail };
  }
  // `## S3 Storage` is about Amazon S3, not sprint 3: the short form needs a separator (`## S3 — Polish`).
  if (head.code !== undefined && /^S\d+[A-Za-z]?$/i.test(head.code) && !/^`?\w+`?\s*(?:$|--|[-–—:(])/.test(text)) return { kind: 'section' };
  if (head.code !== undefined && (isSprintForm(head.code) || holdsTasks(head.code))) {
    return { kind: 'sprint', code: head.code, title: head.title, tail: head.tail };
  }
  if (head.code !== undefined && !PHASE.test(text)) return { kind: 'task', head };
  if (PHASE.test(text)) {
    const { title, tail } = readTail(text);
    return { kind: 'phase', title, estimate: tail.estimate };
  }
  return { kind: 'section' };
}

/** `**Phase 1: Core Session System (4-5h)**`: a paragraph that is one bold run, perhaps with an estimate after it. */
export function phaseLine(paragraph: Paragraph, source: string): { title: string; estimate: string | undefined } | undefined {
  const [bold, ...after] = paragraph.children;
  if (bold?.type !== 'strong') return undefined;
  const rest = inlineText(after, source).trim();
  if (rest !== '' && !/^\([^()]*\)$/.test(rest)) return undefined;
  const { title, tail } = readTail(`${inlineText(bold.children, source)} ${rest}`);
  if (title === '' || title.includes('\n')) return undefined;
  return { title, estimate: tail.estimate };
}

/** `Goal: …` or `**Goal:** …` under a sprint heading. */
export function goalLine(line: string): string | undefined {
  return /^goal\s*:\s*(.+)$/is.exec(line.trim())?.[1];
}

/** The first line of a list item, read as a task line, and the rest of the item. */
export interface ItemShape {
  head: Head;
  /** GFM checklist state: true `[x]`/`[X]`, false `[ ]`, null for a plain bullet. */
  checked: boolean | null;
  line: number;
  /** The first paragraph's other lines. */
  moreLines: string[];
  /** Other paragraphs' lines, and nested lists. */
  rest: RootContent[];
}

export function itemShape(item: ListItem, source: string): ItemShape {
  const [first, ...rest] = item.children;
  const lines = first?.type === 'paragraph' ? inlineText(first.children, source).split('\n') : [];
  const checked = item.checked ?? null;
  return {
    head: readHead(lines[0] ?? '', { numbered: checked !== null }),
    checked,
    line: item.position?.start.line ?? 0,
    moreLines: lines.slice(1),
    rest: first?.type === 'paragraph' ? rest : item.children,
  };
}

/** Whether a list item starts with a task code (and is not a sprint mentioned in a summary). */
export function isCodedItem(item: ItemShape, sprintCodes: Set<string>): boolean {
  const code = item.head.code;
  return code !== undefined && !sprintCodes.has(code.toLowerCase()) && (item.head.ticked === true || !isSprintForm(code));
}

/** A list item as a description line, keeping its checkbox: `- [ ] The parser handles fences`. */
export function itemLine(item: ListItem, source: string): string {
  const box = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
  const [first] = item.children;
  const text = first?.type === 'paragraph' ? inlineText(first.children, source) : '';
  return `- ${box}${text}`;
}

export interface TableRow {
  code: string | undefined;
  title: string;
  tail: Tail;
  line: number;
}

const COLUMNS: Record<keyof Omit<TableRow, 'line' | 'tail'> | 'estimate' | 'depends' | 'priority' | 'status', RegExp> = {
  code: /^(?:code|id|task id|key|ticket|#)$/,
  title: /^(?:task|title|name|summary|description|what)$/,
  estimate: /^(?:estimate|estimated|effort|hours|time|duration)\b/,
  depends: /^(?:depends(?: on)?|dependencies|after|blocked by|prerequisites?)$/,
  priority: /^priority$/,
  status: /^(?:status|state|done)$/,
};

/** `| Code | Task | Estimate | Depends |`: a table with a code or task column; undefined for any other table. */
export function tableRows(table: Table, source: string): TableRow[] | undefined {
  const [header, ...rows] = table.children;
  if (!header) return undefined;
  const names = header.children.map((cell) => inlineText(cell.children, source).trim().toLowerCase());
  const column = (key: keyof typeof COLUMNS) => names.findIndex((n) => COLUMNS[key].test(n));
  const at = { code: column('code'), title: column('title'), estimate: column('estimate'), depends: column('depends'), priority: column('priority'), status: column('status') };
  if (at.title === -1) return undefined;
  return rows.map((row) => {
    const cell = (i: number) => (i === -1 ? '' : inlineText(row.children[i]?.children ?? [], source).trim());
    const codeCell = cell(at.code).replace(/^\*\*|\*\*$/g, '');
    const { title, tail } = readTail(cell(at.title));
    const estimate = estimateText(cell(at.estimate));
    const depends = codeList(cell(at.depends));
    const priority = Priority.safeParse(cell(at.priority).toLowerCase());
    const status: TaskStatus | undefined = /[✅✔☑]/u.test(cell(at.status)) ? 'completed' : statusWord(cell(at.status));
    return {
      code: linkCode(codeCell) ?? (isBareTaskCode(codeCell) ? codeCell : undefined),
      title,
      tail: {
        ...tail,
        ...(estimate ? { estimate } : {}),
        ...(depends?.length ? { depends } : {}),
        ...(priority.success ? { priority: priority.data } : {}),
        ...(status ? { status } : {}),
      },
      line: row.position?.start.line ?? 0,
    };
  });
}
