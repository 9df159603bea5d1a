import type { Block, Item } from './blocks.js';
import { isFileName, isSprintForm } from './codes.js';
import { readField } from './field-line.js';
import { readHead, type Head } from './task-line.js';

/*
 * One function per shape of a line a person writes in a plan: each reads one
 * block and says what it is, without deciding where it goes (walk.ts does that).
 */

/** The first line of a list item, read as a task line, and the rest of the item. */
export interface ItemShape {
  head: Head;
  /** A checkbox: true `[x]`, false `[ ]`, null for a plain bullet. */
  checked: boolean | null;
  /** What a box other than `[ ]` and `[x]` says: `[~]` and `[/]` work under way, `[-]` dropped (as Obsidian's Tasks writes). */
  mark: 'in_progress' | 'cancelled' | undefined;
  /** Kiro's `- [ ]*`: a task the plan marks optional. */
  optional: boolean;
  /** `- **Task**: Set up CI`, `- Task 1.1 - …`: labelled a task in words. */
  labelled: boolean;
  line: number;
  /** The line after the item's last. */
  end: number;
  /** The first paragraph's other lines, after those that carry on the title. */
  moreLines: string[];
  /** Other paragraphs, and nested lists. */
  rest: Block[];
}

const BOX = /^\[([ xX~\-/])\](\*)?(?:\s+|$)/;
const LABEL = /^(?:task|story|todo|to-do|feature|bug|fix|chore|action(?: item)?)\s*(?::\s*|\s+(?=#?\d))/i;
/** A line that ends a sentence or introduces something: the next line is no continuation of a title. */
const CLOSED_LINE = /[.!?:;)\]]$/;

export function itemShape(item: Item): ItemShape {
  const [first, ...rest] = item.blocks;
  const paragraph = first?.type === 'paragraph' ? first : undefined;
  let lines = paragraph ? paragraph.inline.text.split('\n') : [];
  const box = paragraph ? BOX.exec(paragraph.inline.raw) : null;
  let checked: boolean | null = null;
  if (box) {
    checked = box[1] === 'x' || box[1] === 'X';
    lines[0] = lines[0]!.replace(/^\s*\[[^\]]\]\*?\s*/, '');
  }
  const labelled = LABEL.test(lines[0] ?? '');
  if (labelled) lines[0] = lines[0]!.replace(LABEL, '');
  // A title wrapped onto the next line keeps both lines.
  let titleLines = 1;
  while (titleLines < lines.length && wraps(lines[titleLines - 1]!, lines[titleLines]!)) titleLines++;
  const title = lines.slice(0, titleLines).join(' ');
  lines = lines.slice(titleLines);
  return {
    head: readHead(title, { numbered: checked !== null || labelled }),
    checked,
    mark: box === null ? undefined : box[1] === '-' ? 'cancelled' : /[~/]/.test(box[1]!) ? 'in_progress' : undefined,
    optional: box?.[2] === '*',
    labelled,
    line: item.line,
    end: item.end,
    moreLines: lines,
    rest: paragraph ? rest : item.blocks,
  };
}

/**
 * The next line of the item's first paragraph carries on the title where the
 * line before left a phrase open, whatever its first letter (`… YAML and` /
 * `TOML files …`), unless it is a field (`Estimate: 2h`, `Depends on T-1`), a
 * list marker, or a sentence of its own (a capital to a full stop: a
 * description written straight under the title).
 */
function wraps(before: string, next: string): boolean {
  const line = next.trim();
  if (line === '' || CLOSED_LINE.test(before.trim()) || readField(next) !== undefined || /^[-*+]\s/.test(line)) return false;
  return !/^\p{Lu}.*[.!?]$/u.test(line);
}

/** Whether a list item starts with a task code (and is not a sprint mentioned in a summary). */
export function isCodedItem(item: ItemShape, sprintCodes: Set<string>): boolean {
  const code = item.head.code;
  return code !== undefined && !sprintCodes.has(code.toLowerCase()) && (item.head.ticked === true || !isSprintForm(code));
}

/** `- \`README.md\` is updated` says something of a file, not work. */
export function aboutFile(item: ItemShape): boolean {
  return item.head.code !== undefined ? isFileName(item.head.code) : /^`[^`\s]*\.[a-z][a-z0-9]{0,5}`/i.test(item.head.title);
}

/** A list item as a description line, keeping its checkbox: `- [ ] The parser handles fences`. */
export function itemLine(item: Item): string {
  const [first] = item.blocks;
  if (first?.type !== 'paragraph') return '-';
  const box = BOX.exec(first.inline.raw);
  const text = first.inline.text;
  if (!box) return `- ${text}`;
  return `- [${box[1] === 'X' ? 'x' : box[1]}] ${text.replace(/^\s*\[[^\]]\]\*?\s*/, '')}`;
}

/** `Goal: …` or `**Goal:** …` under a sprint heading. */
export function goalLine(line: string): string | undefined {
  return /^goal\s*:\s*(.+)$/is.exec(line.trim())?.[1];
}
