import { usageLine } from '../runner/arguments.js';
import { enumValues, fieldKind, fieldOf, flagName, isSwitch, keyOf, looksLikeOption } from '../runner/fields.js';
import type { Catalogue } from '../runner/define.js';
import type { Command } from '../runner/define.js';

/** What the home offers to complete: codes and keys, fresh from the last board. */
export interface Sources {
  tasks: { code: string; status: string; title?: string }[];
  sprints: string[];
  sessions: string[];
  /** What each session key is shown with: its agent or face. */
  sessionLabels?: Record<string, string>;
  /** Commands of the face itself (`/tasks`, `/quit`), offered with the catalogue's. */
  screen?: { name: string; summary: string }[];
  /** The paths that start with a typed path, for a file argument. */
  files?: (typed: string) => string[];
}

export interface Completion {
  /** Where the word being completed starts in the line. */
  from: number;
  candidates: string[];
  /** The candidates are the home's codes (tasks, sprints, sessions): they are as fresh as the sources were. */
  codes?: true;
}

/** What an argument of the command completes to, by the command's own word for it. */
function completesOf(command: Command, key: string) {
  // Own names only: `--isPrototypeOf` is no argument, and what objects inherit completes to nothing.
  return command.completes && Object.hasOwn(command.completes, key) ? command.completes[key] : undefined;
}

const OPEN_FIRST: Record<string, number> = { in_progress: 0, pending: 1, blocked: 2, completed: 3, cancelled: 4 };

/**
 * Exact match first, then prefixes; only when nothing starts with the word,
 * those that hold its letters in order (so a unique prefix completes at
 * once). Case never matters.
 */
export function rank(word: string, items: string[]): string[] {
  const w = word.toLowerCase();
  const score = (item: string) => {
    const i = item.toLowerCase();
    if (i === w) return 0;
    if (i.startsWith(w)) return 1;
    let at = 0;
    for (const c of i) if (c === w[at]) at++;
    return at === w.length ? 2 : -1;
  };
  const scored = items.map((item, order) => ({ item, order, s: score(item) })).filter((x) => x.s >= 0);
  const close = scored.some((x) => x.s < 2) ? scored.filter((x) => x.s < 2) : scored;
  return close.sort((a, b) => a.s - b.s || a.order - b.order).map((x) => x.item);
}

/** Every name a command answers to at the prompt: its slash form, then `/` and its catalogue name. */
export function commandNames(catalogue: Catalogue): string[] {
  return [...new Set([...catalogue.commands.flatMap((c) => (c.slash ? [c.slash] : [])), ...catalogue.commands.map((c) => `/${c.name}`)])];
}

/** Completes the word that ends at the end of `line` (the text before the cursor). */
export function complete(catalogue: Catalogue, line: string, sources: Sources): Completion {
  // Scanned back from the end: `search(/\S*$/)` is quadratic, and a pasted 64 KiB word froze the prompt.
  let from = line.length;
  while (from > 0 && !/\s/.test(line[from - 1]!)) from--;
  const word = line.slice(from);
  const before = line.slice(0, from).trim();
  if (before === '') {
    const typed = word.startsWith('/') ? word : `/${word}`;
    const own = (sources.screen ?? []).map((c) => c.name);
    return { from, candidates: rank(typed, [...new Set([...own, ...commandNames(catalogue)])]) };
  }
  const words = before.split(/\s+/);
  const command = catalogue.find(words[0]!);
  if (!command) return { from, candidates: [] };
  const shape = command.args;
  const bound = new Set([...(command.positional ?? []), command.rest]);
  if (looksLikeOption(word)) {
    const flags = Object.keys(shape).filter((k) => !bound.has(k)).map(flagName);
    return { from, candidates: rank(word, flags) };
  }
  const prev = words.at(-1)!;
  let key: string | undefined;
  if (words.length > 1 && looksLikeOption(prev)) key = keyOf(prev);
  else {
    const bare = words.slice(1).filter((w, i, all) => !looksLikeOption(w) && !(i > 0 && looksLikeOption(all[i - 1]!) && !isSwitch(fieldOf(shape, keyOf(all[i - 1]!)))));
    key = command.positional?.[bare.length];
  }
  const field = key === undefined ? undefined : fieldOf(shape, key);
  // A list of codes completes its last item.
  const comma = field && fieldKind(field) === 'list' ? word.lastIndexOf(',') + 1 : 0;
  const part = word.slice(comma);
  const choices = enumValues(field);
  const items = key === undefined ? [] : (choices ?? itemsOf(command, key, sources, catalogue, part));
  const completes = key === undefined || choices ? undefined : completesOf(command, key);
  const codes = completes === 'task' || completes === 'sprint' || completes === 'session';
  return { from: from + comma, candidates: rank(part, items), ...(codes ? { codes } : {}) };
}

/** What the command says an argument's values are: codes of the plan, session keys, command names; else nothing to offer. */
function itemsOf(command: Command, key: string, sources: Sources, catalogue: Catalogue, typed: string): string[] {
  switch (completesOf(command, key)) {
    case undefined:
      return [];
    case 'sprint':
      return sources.sprints;
    case 'session':
      return sources.sessions;
    case 'command':
      return catalogue.commands.map((c) => c.name);
    case 'task':
      return [...sources.tasks].sort((a, b) => (OPEN_FIRST[a.status] ?? 5) - (OPEN_FIRST[b.status] ?? 5)).map((t) => t.code);
    case 'file':
      return sources.files?.(typed) ?? [];
  }
}

/** What each candidate is, in a few words for the menu: a task's title (and status, once closed), a session's agent, a command's summary. */
export function describe(catalogue: Catalogue, sources: Sources, candidates: string[]): string[] {
  // Only the candidates' tasks are looked up: the menu asks for a handful, the plan may hold thousands.
  const wanted = new Set(candidates);
  const tasks = new Map(sources.tasks.filter((t) => wanted.has(t.code)).map((t) => [t.code, t]));
  const own = new Map((sources.screen ?? []).map((c) => [c.name, c.summary]));
  return candidates.map((candidate) => {
    const screen = own.get(candidate);
    if (screen !== undefined) return screen;
    const task = tasks.get(candidate);
    if (task) return `${task.title ?? ''}${task.status === 'completed' || task.status === 'cancelled' ? ` (${task.status})` : ''}`;
    return sources.sessionLabels?.[candidate] ?? catalogue.find(candidate)?.summary ?? '';
  });
}

/** The command's usage in slash form, `/task-start [CODE] — summary`, for the command being typed. */
export function hint(catalogue: Catalogue, line: string): string | null {
  const first = line.trimStart().split(/\s+/)[0] ?? '';
  // A line without a leading `/` is plain text (an update), not a command to explain.
  if (!first.startsWith('/')) return null;
  const typingName = !/\s/.test(line.trimStart());
  const command = catalogue.find(first) ?? (typingName ? catalogue.find(rank(first.startsWith('/') ? first : `/${first}`, commandNames(catalogue))[0] ?? '') : undefined);
  if (!command) return null;
  return `${usageLine(command, 'tui')} — ${command.summary}`;
}
