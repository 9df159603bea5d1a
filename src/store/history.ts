import { readFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
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

/** Appends one line, private to the owner; rewrites the file when it has grown past twice the cap. */
export async function appendHistory(home: string, line: string, kept: string[]): Promise<void> {
  const path = historyPath(home);
  if (kept.length >= HISTORY_KEPT * 2) {
    await writeFile(path, `${kept.slice(-HISTORY_KEPT).map(escapeLine).join('\n')}\n`, { mode: 0o600 });
  } else {
    await appendFile(path, `${escapeLine(line)}\n`, { mode: 0o600 });
  }
}

// One line per entry even when a pasted line held a newline.
const escapeLine = (line: string) => line.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
const unescapeLine = (line: string) => line.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
