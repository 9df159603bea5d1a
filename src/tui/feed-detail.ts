import { format } from 'date-fns/format';
import { stringify } from 'yaml';
import type { Evidence } from '../domain/plan.js';
import type { FeedLine } from './feed.js';

/** Text as lines, its own line breaks kept. */
const linesOf = (text: string) => text.replace(/\r\n|\r/g, '\n').replace(/\n+$/, '').split('\n').map((l) => l || ' ');

/**
 * A feed line whole, for the detail view: what happened, when, where, and
 * everything it carries, line breaks kept (the feed cuts a line at the width
 * of the screen and shows a line break as `\n`).
 */
export function feedDetail(line: FeedLine): { title: string; lines: string[] } {
  const when = format(new Date(line.at), 'EEE d MMM yyyy HH:mm:ss');
  if (line.kind === 'other') {
    const e = line.event;
    return {
      title: `${e.session} ${e.what}`,
      lines: [`${e.session} ${e.what} · ${e.source}${e.agent ? ` · ${e.agent}` : ''} · ${when}`, ...(e.reason ? [' ', ...linesOf(e.reason)] : [])],
    };
  }
  const a = line.activity;
  const what = a.kind === 'command' ? a.command : a.kind.replace('_', ' ');
  const where = [a.task && `task ${a.task}`, a.sprint && `sprint ${a.sprint}`, a.session].filter(Boolean).join(' · ');
  const data = a.data && Object.keys(a.data).length ? [' ', '# Recorded with it', ...linesOf(stringify(a.data))] : [];
  return {
    title: `${what} · ${a.source} · ${format(new Date(a.at), 'HH:mm:ss')}`,
    lines: [`${what} by ${a.source} · ${when}`, where, ...(a.text ? [' ', ...linesOf(a.text)] : []), ...data],
  };
}

/** `lines` fitted to `width` columns: long lines break at a space where there is one, else where they must. */
export function wrapped(lines: string[], width: number): string[] {
  const room = Math.max(10, width);
  return lines.flatMap((line) => {
    const out: string[] = [];
    let rest = line;
    while (rest.length > room) {
      const space = rest.lastIndexOf(' ', room);
      const cut = space > room / 2 ? space : room;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, '');
    }
    out.push(rest);
    return out;
  });
}

/** A completion check's run as the detail view shows it: the command, how it ended, and its output's end. */
export function evidenceDetail(e: Evidence): string[] {
  const ended = e.exit_code === null ? (e.timed_out ? 'stopped at the time limit' : 'did not finish') : `exited ${e.exit_code}`;
  return [' ', `# Check \`${e.command}\` ${ended} in ${Math.floor(e.seconds)}s`, ...(e.output_tail ? linesOf(e.output_tail) : ['(no output)'])];
}
