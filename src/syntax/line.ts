import { fieldKind, fieldOf, flagName, keyOf, looksLikeOption, takesText, type Field } from '../runner/fields.js';
import { argsFromWords, lineWords, splitOption, unclosedQuote, type Word } from './words.js';
import type { Catalogue } from '../runner/define.js';
import type { Command } from '../runner/define.js';

export interface Call {
  name: string;
  args: Record<string, unknown>;
}

/**
 * A prompt line (`/update Created the files`, `task:activate T-1`) as a call
 * of the catalogue: the first word names the command by slash form or
 * catalogue name, the rest are its words as on the command line, with one
 * difference a person typing would expect. Free text (the command's rest,
 * and every option that takes text, such as `--summary`) is kept as typed,
 * quotes and backslashes included, and runs up to the next option the
 * command knows, or the end of the line: `/session-end --summary Billing
 * core mostly done --force`. Free text that is one quoted string is that
 * string. An unknown name is left for the runner to answer with the
 * closest commands.
 */
export function parseLine(catalogue: Catalogue, line: string): Call | null {
  const { words, literal } = lineWords(line, true);
  const [head, ...rest] = words;
  if (head === undefined) return null;
  const command = catalogue.find(head.text);
  if (!command) {
    if (literal.length) throw unclosedQuote(line[literal[0]!]!);
    return { name: head.text, args: {} };
  }
  const { grouped, spans } = groupFreeText(command, line, rest);
  // A quote left open is text only inside free text; anywhere else it is a mistake to say.
  const stray = literal.find((at) => !spans.some(([start, end]) => at >= start && at < end));
  if (stray !== undefined) throw unclosedQuote(line[stray]!);
  return { name: command.name, args: argsFromWords(command, grouped, 'tui') };
}

/** Whether an option's value is free text (it may hold spaces), rather than a code, a number or a choice. */
function freeText(command: Command, key: string, field: Field): boolean {
  if (key === command.rest) return true;
  return !command.positional?.includes(key) && takesText(field);
}

/**
 * The words for argsFromWords, free text joined back into one value each,
 * taken from the line as typed; and where in the line that free text lies.
 */
function groupFreeText(command: Command, line: string, words: Word[]): { grouped: string[]; spans: [number, number][] } {
  const shape = command.args;
  const optionKey = (w: Word) => (!w.quoted && looksLikeOption(w.text) ? keyOf(splitOption(w.text).flag) : null);
  const known = (w: Word) => {
    const key = optionKey(w);
    return key !== null && fieldOf(shape, key) !== undefined;
  };
  const grouped: string[] = [];
  const spans: [number, number][] = [];
  const restText: string[] = [];
  // Positionals given as options (`--code T-1`) take no bare word.
  let slots = (command.positional ?? []).filter((key) => !words.some((w) => optionKey(w) === key)).length;
  let optionsDone = false;

  /** The free text from word `from` up to the next option the command knows: one value, as typed. */
  const text = (from: number): { value: string; next: number } => {
    let to = from;
    while (to < words.length && (optionsDone || !known(words[to]!))) to++;
    const taken = words.slice(from, to);
    const [start, end] = [taken[0]!.start, taken.at(-1)!.end];
    spans.push([start, end]);
    const value = taken.length === 1 && taken[0]!.quoted ? taken[0]!.text : line.slice(start, end);
    return { value, next: to };
  };

  for (let i = 0; i < words.length; ) {
    const word = words[i]!;
    if (!optionsDone && !word.quoted && word.text === '--') {
      optionsDone = true;
      grouped.push('--');
      i++;
    } else if (!optionsDone && optionKey(word) !== null) {
      const { flag, inline } = splitOption(word.text);
      const key = keyOf(flag);
      const field = fieldOf(shape, key);
      i++;
      // Unknown options, and values given after `=`, are argsFromWords' to judge.
      if (!field || inline !== undefined || fieldKind(field) === 'boolean') grouped.push(word.text);
      else if (i < words.length && freeText(command, key, field) && !known(words[i]!)) {
        const { value, next } = text(i);
        grouped.push(`${flag}=${value}`);
        i = next;
      } else {
        // A code, a number, a choice: the next word, whatever it looks like.
        grouped.push(word.text);
        if (i < words.length) grouped.push(words[i++]!.text);
      }
    } else if (slots > 0) {
      slots--;
      grouped.push(word.text);
      i++;
    } else if (command.rest) {
      const { value, next } = text(i);
      restText.push(value);
      i = next;
    } else {
      grouped.push(word.text);
      i++;
    }
  }
  if (restText.length) {
    const value = restText.join(' ');
    // After `--` every word is bare; before it, the value goes after `=` so a leading `--` in it stays text.
    grouped.push(optionsDone ? value : `${flagName(command.rest!)}=${value}`);
  }
  return { grouped, spans };
}
