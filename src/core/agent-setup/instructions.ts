/*
 * The "Working with Fragments" section of an agent's instructions file. It
 * sits between marker comments, so `init` run again replaces it in place and
 * never appends a second copy; the rest of the file is the user's.
 */

const START = '<!-- fragments:start (written by `fragments init`; edits between these markers are replaced) -->';
const START_PREFIX = '<!-- fragments:start';
const END = '<!-- fragments:end -->';

export const SECTION = `## Working with Fragments

We track this work with Fragments, through its MCP server \`fragments\`.

- **First**, call \`session_resume\`: it says where the work stands (the active task, its last updates, how long work stopped). If there is no session to resume, call \`session_start\`. Take a task with \`task_activate\` (no code: the next ready one).
- **As you work**, call \`update\` with one line after each meaningful step (a file written, a test passing, a decision); no task id is needed while a task is active. Record files and commits with \`artifact\`, and decisions with \`note\`.
- **To finish**, call \`done\` with a summary of what was done. It runs the project's completion check when one is configured; if \`done\` is refused, do what it says rather than forcing it.
- Every answer carries \`instructions.next_actions\`: follow them.
`;

/** The file's text with the section in it: replaced between the markers, else appended. */
export function withSection(text: string | null): string {
  const block = `${START}\n${SECTION}${END}`;
  if (text === null || text.trim() === '') return `${block}\n`;
  const start = text.indexOf(START_PREFIX);
  if (start === -1) return `${text.trimEnd()}\n\n${block}\n`;
  const end = text.indexOf(END, start);
  if (end === -1) throw new Error(`has the "${START_PREFIX}" marker without "${END}" after it: remove the marker or close it, and run init again`);
  return text.slice(0, start) + block + text.slice(end + END.length);
}
