import { styleText } from 'node:util';
import type { Answer, CommandData } from '../commands/catalogue.js';
import { printable } from '../domain/printable.js';
import type { NoData } from '../runner/define.js';
import { importLines } from './import.js';
import { initLines } from './init.js';
import {
  taskBoardLines,
  activeTaskLines,
  activityLines,
  contextLine,
  evidenceLines,
  fileLines,
  gitLines,
  sessionLine,
  sprintLines,
  sprintListLines,
  taskLine,
  taskLines,
  taskListLines,
  type Paint,
  type Style,
} from './lines.js';
import { forecastLines, reportLines } from './report.js';
import { endedLines, sessionLines, sessionListLines } from './session.js';

/**
 * The envelope with every string in it made printable: stored text may hold
 * anything an agent sent, and escaping the whole answer up front, rather than
 * field by field, leaves no field that can reach the screen raw.
 */
function printableAll<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableAll) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableAll(v)])) as T;
  return value;
}

/** An answer as a person reads it: what the command did, then what to do next. `out` for stdout, `err` for stderr. */
export function renderHuman(answer: Answer, color: boolean): { out: string; err: string } {
  // An export is a document the user asked for, written as is.
  if (answer.success && answer.data.ui === 'document') return { out: answer.data.content, err: '' };
  const envelope = printableAll(answer);
  const paint: Paint = (style: Style, text: string) => (color ? styleText(style, text) : text);
  const d = envelope.data;
  if (!envelope.success) return failureLines(envelope, answer.data, paint);
  const lines: string[] = [];
  if (d.replayed) lines.push(paint('yellow', `↺ Replayed: this request was answered at ${d.replayed_at}; nothing changed now. The first answer:`));
  // Evidence and previews keep their line breaks: read from the answer as given, each line made printable on its own.
  lines.push(...answerLines(envelope.command, d, answer.data as typeof d, paint));
  const ins = envelope.instructions;
  if (ins) {
    for (const w of ins.validation_warnings) lines.push(`${paint('yellow', '!')} ${w}`);
    for (const a of ins.next_actions) lines.push(`${paint('cyan', '→')} ${a}`);
    if (ins.suggested_commands.length) lines.push(paint('dim', ins.suggested_commands.map((c) => `  ${c}`).join('\n')));
  }
  return { out: lines.length ? `${lines.join('\n')}\n` : '', err: '' };
}

/** What a command answered, by how it is shown; `raw` is the same data, not made printable. */
function answerLines(command: string, d: CommandData | NoData, raw: CommandData | NoData, paint: Paint): string[] {
  switch (d.ui) {
    case undefined:
    case 'heartbeat':
      return [];
    case 'commands':
      return [
        ...d.commands.map((c) => `  ${paint('bold', c.name.padEnd(22))} ${c.summary}`),
        '',
        'fragments help COMMAND shows one in full. Add --json for the envelope agents read.',
        'For an agent: fragments mcp serves these as MCP tools over stdio; fragments serve as an HTTP API (and MCP at /mcp).',
      ];
    case 'topic':
      return [...d.text, JSON.stringify((raw as typeof d).schema, null, 2)];
    case 'usage': {
      const c = d.command;
      return [`${paint('bold', c.name)}${c.slash ? `  (${c.slash})` : ''}: ${c.summary}`, `Usage: ${c.usage}`, ...(c.example ? [`Example: ${c.example}`] : [])];
    }
    case 'session-started':
    case 'session':
      return sessionLines(d, raw as typeof d, paint);
    case 'session-summary':
      return [sessionLine(d.session, paint), ...endedLines(d.summary, paint)];
    case 'sessions':
      return sessionListLines(d.sessions, paint);
    case 'activities':
      return activityLines(d.activities, paint);
    case 'context':
      return [contextLine(d.context_stack), ...(d.active_task ? activeTaskLines(d.active_task, (raw as typeof d).active_task!, paint) : [])];
    case 'sprint':
      return [...('context_stack' in d ? [contextLine(d.context_stack)] : []), ...sprintLines(d.sprint, paint)];
    case 'sprints':
      return sprintListLines(d.sprints, paint);
    case 'task': {
      const r = raw as typeof d;
      return [
        ...('context_stack' in d ? [contextLine(d.context_stack)] : []),
        ...('git' in d && d.git ? gitLines(d.git) : []),
        ...(d.task && r.task ? taskLines(d.task, r.task, paint) : []),
        ...('reason' in d && d.reason ? [paint('dim', d.reason)] : []),
      ];
    }
    case 'task-completed':
      return taskLines(d.task, (raw as typeof d).task, paint);
    case 'tasks':
      return taskListLines(d.tasks, paint);
    case 'task-board':
      return taskBoardLines(d.sprints, paint);
    case 'recorded':
      return [`${paint('green', '✓')} ${command} recorded on ${d.target.kind} ${d.target.code}`];
    case 'logged':
      return [`${paint('green', '✓')} logged${d.activity.task ? ` on ${d.activity.task}` : ''}`];
    case 'import':
      return importLines(d, paint);
    case 'document':
      return [d.content];
    case 'report':
      return reportLines(d.sprints, d.calibration, paint);
    case 'forecast':
      return forecastLines(d, paint);
    case 'doctor': {
      // doctor answers success only when nothing is left wrong.
      const place = /^postgres(ql)?:/i.test(d.home) ? `the store ${d.home}` : `the home at ${d.home}`;
      return [...fileLines(d.files, paint), d.repaired ? `Repaired ${d.repaired} of ${d.damaged}: ${place} is sound now.` : `${place[0]!.toUpperCase()}${place.slice(1)} is sound.`];
    }
    case 'store':
      if ('copied' in d) {
        const c = d.copied;
        const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
        const what = `${n(c.sprints, 'sprint')}, ${n(c.tasks, 'task')}, ${n(c.sessions, 'session')}, ${n(c.activities, 'activity', 'activities')} and ${n(c.requests, 'request answer')}`;
        return [`${paint('green', '✓')} Copied ${what} from ${d.from} to ${d.to}.`];
      }
      return [d.from === null ? `${d.store} is a home folder: its files are brought up to date as they are read, so there is nothing to migrate.` : d.from === d.to ? `The store ${d.store} is at schema version ${d.to}; nothing to do.` : `${paint('green', '✓')} The store ${d.store} went from schema version ${d.from} to ${d.to}.`];
    case 'board':
      return [
        ...(d.session ? [sessionLine(d.session, paint)] : []),
        ...activityLines(d.activities, paint),
        ...(d.sprint ? sprintLines(d.sprint, paint) : []),
        ...(d.task ? [taskLine(d.task, paint)] : []),
      ];
    case 'codes':
      return [
        ...d.tasks.map((t) => `${t.code}  ${paint('dim', t.status)}  ${t.title}`),
        ...(d.sprints.length ? [`Sprints: ${d.sprints.join(' ')}`] : []),
        ...(d.sessions.length ? [`Open sessions: ${d.sessions.join(' ')}`] : []),
      ];
    case 'init':
      return initLines(d, raw as typeof d, paint);
    case 'refused':
      return [];
    default: {
      const unshown: never = d;
      return unshown;
    }
  }
}

/** A failure on stderr: what failed and what to do; doctor's list of files on stdout, which already says what is wrong with each. */
function failureLines(envelope: Answer, raw: Answer['data'], paint: Paint): { out: string; err: string } {
  const d = envelope.data;
  const err = [paint('red', `✗ ${d.ui === 'doctor' && d.summary ? d.summary : (envelope.error?.message ?? 'The command failed.')}`)];
  for (const e of envelope.instructions?.validation_errors ?? []) err.push(`  ${paint('red', '•')} ${e}`);
  for (const w of envelope.instructions?.validation_warnings ?? []) err.push(`  ${paint('yellow', '•')} ${w}`);
  // A check that failed just now: the end of its output says why, without a second command.
  if (d.ui === 'refused' && d.failed_checks.includes('evidence') && raw.ui === 'refused' && 'task' in raw && raw.task.evidence.length) err.push(...evidenceLines(raw.task.evidence.slice(-1), paint));
  for (const a of envelope.instructions?.required_actions ?? []) err.push(`  → ${a}`);
  const out = d.ui === 'doctor' ? `${fileLines(d.files, paint).join('\n')}\n` : '';
  return { out, err: `${err.join('\n')}\n` };
}
