import { usageLine } from '../commands/parse.js';
import type { Catalogue } from '../commands/runner.js';

const KEYS = [
  ['Enter', 'send the line'],
  ['Tab', 'complete a command, then task and sprint codes; again for the next match'],
  ['↑ / ↓', 'history (kept across runs); ↓ past the newest brings back the draft'],
  ['Alt+1..3, Esc 1..3', 'put a suggested next command in the prompt'],
  ['PgUp / PgDn', 'scroll the activity'],
  ['/sessions', 'every open session of the home, live; Enter watches one read-only, Esc comes back'],
  ['Ctrl+U  Ctrl+W', 'clear the line, delete a word'],
  ['Home End ← →', 'move in the line (Ctrl+A, Ctrl+E too)'],
  ['? or /help', 'this help; Esc closes it'],
  ['Ctrl+C or /quit', 'leave; the session stays as it is, resumable'],
];

/** The keys, then every command of the catalogue with its usage in slash form. */
export function helpLines(catalogue: Catalogue): string[] {
  const lines = ['# Keys', ...KEYS.map(([k, what]) => `  ${k!.padEnd(20)} ${what}`), '', '# Commands (text after a command is its free text)'];
  for (const c of catalogue.commands) {
    const name = c.slash ?? `/${c.name}`;
    const args = usageLine(c).slice(`fragments ${c.name}`.length);
    const alias = c.slash && c.slash !== `/${c.name}` ? ` (also /${c.name})` : '';
    lines.push(`  ${name}${args}`, `      ${c.summary}${alias}`);
  }
  return lines;
}
