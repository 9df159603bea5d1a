import { usageLine } from '../runner/arguments.js';
import type { Catalogue } from '../runner/define.js';

const KEYS = [
  ['Enter', 'send the line; the prompt is free at once, and lines typed meanwhile run next, in order'],
  ['text without /', 'an update of the active task; with none, a note on the session (/log)'],
  ['Alt+Enter  Ctrl+J', 'a line break in the text; a pasted text keeps its lines too'],
  ['Tab', 'a menu of what completes the word: commands, task codes with titles, sessions, files; ↑↓ Tab Enter Esc'],
  ['↑ / ↓', 'history (kept across runs); ↓ past the newest brings back the draft'],
  ['Ctrl+R', 'search history: type to narrow, Ctrl+R again for older, Enter takes, Esc leaves'],
  ['Ctrl+T or /tasks', 'the task board: ↑↓ j/k PgUp PgDn g/G move, / filters, Enter starts the task, Esc closes'],
  ['Shift+Tab  Ctrl+↑', 'choose a line of the activity; Enter shows it whole, Esc comes back'],
  ['Alt+1..3, Esc 1..3', 'put a suggested next command in an empty prompt (Esc, then the digit within a second)'],
  ['PgUp / PgDn', 'scroll the activity'],
  ['/sessions', 'every open session of the home, live; Enter watches one read-only, Esc comes back'],
  ['/session-switch KEY', 'make another session this screen’s own; nothing else moves the screen'],
  ['Ctrl+U  Ctrl+K  Ctrl+W', 'clear the line, delete to its end, delete a word; Ctrl+Y puts back what they removed'],
  ['Ctrl+Z', 'take back the last edit of the line'],
  ['Backspace  Delete', 'delete before the cursor, under it (Ctrl+D too)'],
  ['Home End ← →', 'move in the line (Ctrl+A, Ctrl+E too; Ctrl+← →, Alt+B Alt+F by word)'],
  ['Ctrl+G', 'the alert on the header is seen (opening /sessions too)'],
  ['Wheel, click', 'scroll; a click on a side-panel session watches it'],
  ['Shift+drag', 'selects text despite the mouse (Option+drag in iTerm2)'],
  ['? or /help', 'this help; Esc closes it'],
  ['Ctrl+C or /quit', 'leave; the session stays as it is, resumable'],
];

/** The keys, then every command of the catalogue with its usage in slash form. */
export function helpLines(catalogue: Catalogue): string[] {
  const lines = ['# Keys', ...KEYS.map(([k, what]) => `  ${k!.padEnd(20)} ${what}`), '', '# Commands (text after a command is its free text)'];
  for (const c of catalogue.commands) {
    const alias = c.slash && c.slash !== `/${c.name}` ? ` (also /${c.name})` : '';
    lines.push(`  ${usageLine(c, 'tui')}`, `      ${c.summary}${alias}`);
  }
  return lines;
}
