import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { NeighbourEvent } from '../../core/board.js';
import type { Activity } from '../../domain/activity.js';
import type { FeedLine } from '../feed.js';
import { hhmm, inert } from '../format.js';
import type { Palette } from '../palettes.js';
import { useTheme } from '../theme.js';
import { Section } from './Section.js';

const kindColour = (theme: Palette): Record<string, string | undefined> => ({ validation: theme.error, pause: theme.warn, resume: theme.ok, artifact: theme.accent });

/** What an activity says, in one line: the command for plain commands, else its kind. */
function label(a: Activity): string {
  return a.kind === 'command' ? a.command : a.kind.replace('_', '-');
}

/**
 * When a line happened, as short as it can be read right: the time alone on
 * a feed that is all today's; the weekday within the last six days (yesterday's
 * 09:01 must not read as this morning's); the date past that.
 */
function stamp(lines: FeedLine[], now: Date): (at: string) => string {
  const today = now.toDateString();
  if (lines.every((l) => new Date(l.at).toDateString() === today)) return hhmm;
  const stamps = (at: string) => {
    const d = new Date(at);
    return format(d, differenceInCalendarDays(now, d) <= 6 ? 'EEE HH:mm' : 'd MMM HH:mm');
  };
  const width = Math.max(...lines.map((l) => stamps(l.at).length));
  return (at) => stamps(at).padStart(width);
}

/** The session's activity from every source, and other sessions' news, newest last; `scroll` lines back from the newest. */
export function ActivityFeed({ lines, height, width, scroll, selected }: { lines: FeedLine[]; height: number; width: number; scroll: number; selected?: number | undefined }) {
  const theme = useTheme();
  const rows = Math.max(1, height - 1);
  let end = lines.length - scroll;
  // A chosen line (the feed has the keys) is always in view.
  if (selected !== undefined && selected >= end) end = selected + 1;
  else if (selected !== undefined && selected < end - rows) end = selected + rows;
  const first = Math.max(0, end - rows);
  const shown = lines.slice(first, end);
  const right = selected !== undefined ? '↑↓ choose · Enter opens · Esc back to the prompt' : scroll > 0 ? `↓ ${scroll} newer (PgDn)` : lines.length > rows ? 'PgUp for older · Shift+Tab to choose a line' : '';
  const when = stamp(shown, new Date());
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Section title="Activity" width={width} right={right} />
      {shown.length === 0 ? <Text color={theme.dim}>Nothing recorded in this session yet.</Text> : null}
      {shown.map((line, i) =>
        line.kind === 'activity' ? (
          <ActivityRow key={`${line.activity.session}-${line.activity.id}`} activity={line.activity} when={when(line.at)} selected={first + i === selected} />
        ) : (
          <OtherRow key={`${line.event.session}-${line.event.what}-${line.at}`} event={line.event} when={when(line.at)} selected={first + i === selected} />
        ),
      )}
    </Box>
  );
}

// A row is built once: the lines an agent's write pushes up keep their props (the board keeps the objects it already had), so only the new line is built.
const ActivityRow = memo(function ActivityRow({ activity, when, selected }: { activity: Activity; when: string; selected: boolean }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" inverse={selected}>
      <Text color={theme.dim}>{when} </Text>
      <Text color={theme.source[activity.source]}>{activity.source} </Text>
      <Text color={kindColour(theme)[activity.kind]}>{label(activity).padEnd(14)}</Text> {inert(activity.text ?? activity.task ?? '')}
    </Text>
  );
});

const OtherRow = memo(function OtherRow({ event, when, selected }: { event: NeighbourEvent; when: string; selected: boolean }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" color={theme.dim} inverse={selected}>
      {when} <Text color={theme.source[event.source]}>{event.source} </Text>
      {event.session.padEnd(14)} {event.what}
      {event.agent ? ` · ${inert(event.agent)}` : ''}
      {event.reason ? `: ${inert(event.reason)}` : ''}
      {event.what === 'started' ? ' (/sessions)' : ''}
    </Text>
  );
});
