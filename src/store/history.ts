import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the prompt keeps across runs; old lines fall off so the file stays small. */
export const HISTORY_KEPT = 500;

const historyPath = (home: string) => join(home, 'history');

/**
 * The prompt lines sent before, oldest first; a missing or unreadable file is
 * an empty history. Read at once (it is small), so ↑ works from the first key.
 */
export function readHistory(home: string): string[] {
  let text = '';
  try {
    text = readFileSync(historyPath(home), 'utf8');
  } catch {
    // No history yet.
  }
  return text.split('\n').filter((line) => line.trim() !== '').map(unescapeLine).slice(-HISTORY_KEPT);
}

/** Writes the newest lines, private to the owner: the file never holds more than the cap, whatever earlier runs left. */
export async function saveHistory(home: string, entries: string[]): Promise<void> {
  await writeFile(historyPath(home), `${entries.slice(-HISTORY_KEPT).map(escapeLine).join('\n')}\n`, { mode: 0o600 });
}

// One line per entry even when a pasted line held a newline.
const escapeLine = (line: string) => line.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
const unescapeLine = (line: string) => line.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
