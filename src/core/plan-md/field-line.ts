import type { Priority, TaskStatus } from '../../domain/plan.js';
import { codeList } from './codes.js';
import { dependencyList, estimateText, priorityWord, statusWord } from './task-line.js';

/*
 * Lines about tasks rather than of one: a field written under a task
 * (`Estimate: 2h`, `Depends on: T-2`) and a line of a dependencies section
 * (`T014 blocks T022`).
 */

/** A field line under a task: `**Estimated Effort:** 1-2 hours`, `Depends on: T-2`, `Blocks: T-5`. */
export type Field =
  | { kind: 'estimate'; value: string }
  | { kind: 'depends'; value: string[] }
  | { kind: 'blocks'; value: string[] }
  | { kind: 'priority'; value: Priority }
  | { kind: 'status'; value: TaskStatus };

export function readField(line: string): Field | undefined {
  // `Depends on T-1` reads like `Depends on: T-1` when nothing but codes follows.
  const m = /^\s*([A-Za-z][A-Za-z ]{1,30}?)\s*:\s*(.*)$/s.exec(line) ?? /^\s*(depends on|blocked by|blocks|requires|after)\s+(.+)$/is.exec(line);
  if (!m) return undefined;
  const label = m[1]!.toLowerCase();
  const value = m[2]!.trim();
  if (/^(?:estimated?(?: (?:effort|time|hours))?|effort|time estimate|story points|points|size)$/.test(label)) {
    const written = value.replace(/\s*\(.*\)$/, '');
    // `Story Points: 3` counts points, where a bare number elsewhere is hours.
    const estimate = estimateText(/points|size/.test(label) && /^\d+(?:\.\d+)?$/.test(written) ? `${written} pts` : written);
    return estimate ? { kind: 'estimate', value: estimate } : undefined;
  }
  const none = /^(?:none|n\/a|-|—)?$/i.test(value);
  if (/^(?:depends on|depends|dependencies|dependency|prerequisites|blocked by|requires|after)$/.test(label)) {
    const codes = none ? [] : dependencyList(value.replace(/\s*\(.*\)$/, ''));
    return codes ? { kind: 'depends', value: codes } : undefined;
  }
  if (/^(?:blocks|blocking|unblocks)$/.test(label)) {
    const codes = none ? [] : codeList(value);
    return codes ? { kind: 'blocks', value: codes } : undefined;
  }
  if (label === 'priority') {
    const priority = priorityWord(value.replace(/\s*\(.*\)$/, ''));
    return priority ? { kind: 'priority', value: priority } : undefined;
  }
  if (label === 'status') {
    const status = statusWord(value.replace(/[✅✔️☑]/gu, 'done').replace(/^done.*$/i, 'done'));
    return status ? { kind: 'status', value: status } : undefined;
  }
  return undefined;
}

/** One line of a dependencies section: which task waits for which. */
export interface Link {
  task: string;
  after: string;
}

/**
 * `T014 blocks T022, T023`, `Tests (T004-T005) before implementation (T006-T007)`,
 * `T008 depends on T004`, `T-2 after T-1`, `A -> B`: the codes on each side, words around them ignored.
 */
export function readDependencyLine(line: string): Link[] | undefined {
  const text = line.trim().replace(/[.]$/, '');
  const forward = /^(.+?)\s+(?:blocks|before|unblocks|->|→|=>)\s+(.+)$/is.exec(text);
  const backward = /^(.+?)\s+(?:depends on|after|requires|blocked by|needs|<-|←)\s+(.+)$/is.exec(text);
  const m = forward ?? backward;
  if (!m) return undefined;
  const left = codesIn(m[1]!);
  const right = codesIn(m[2]!);
  if (left.length === 0 || right.length === 0) return undefined;
  const [first, then] = forward ? [left, right] : [right, left];
  return then.flatMap((task) => first.map((after) => ({ task, after })));
}

function codesIn(text: string): string[] {
  const tokens = text.match(/`[^`]+`|[A-Za-z0-9][\w.-]*[A-Za-z0-9]|[A-Za-z0-9]/g) ?? [];
  return tokens.flatMap((token) => {
    const list = codeList(token);
    return list && list.every((c) => /\d/.test(c) || token.startsWith('`')) ? list : [];
  });
}
