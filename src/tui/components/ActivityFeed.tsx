import { format } from 'date-fns/format';
import { Box, Text } from 'ink';
import type { Activity } from '../../domain/activity.js';
import { hhmm, inert } from '../format.js';
import { theme } from '../theme.js';
import { Section } from './Section.js';

const KIND_COLOUR: Record<string, string> = { validation: theme.error, pause: theme.warn, resume: theme.ok, artifact: theme.accent };

/** What an activity says, in one line: the command for plain commands, else its kind. */
function label(a: Activity): string {
  return a.kind === 'command' ? a.command : a.kind.replace('_', '-');
}

/** The session's activity from every source, newest last; `scroll` lines back from the newest. */
export function ActivityFeed({ activities, height, width, scroll }: { activities: Activity[]; height: number; width: number; scroll: number }) {
  const rows = Math.max(1, height - 1);
  const end = activities.length - scroll;
  const shown = activities.slice(Math.max(0, end - rows), end);
  const right = scroll > 0 ? `↓ ${scroll} newer (PgDn)` : activities.length > rows ? 'PgUp for older' : '';
  // A feed reaching back past today says the day of each line, or yesterday's 09:01 reads as this morning's.
  const today = new Date().toDateString();
  const when = shown.some((a) => new Date(a.at).toDateString() !== today) ? (at: string) => format(new Date(at), 'EEE HH:mm') : hhmm;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Section title="Activity" width={width} right={right} />
      {shown.length === 0 ? <Text color={theme.dim}>Nothing recorded in this session yet.</Text> : null}
      {shown.map((a) => (
        <Text key={`${a.session}-${a.id}`} wrap="truncate-end">
          <Text color={theme.dim}>{when(a.at)} </Text>
          <Text color={theme.source[a.source]}>{a.source} </Text>
          <Text color={KIND_COLOUR[a.kind]}>{label(a).padEnd(14)}</Text> {inert(a.text ?? a.task ?? '')}
        </Text>
      ))}
    </Box>
  );
}
