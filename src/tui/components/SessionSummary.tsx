import { Box, Text } from 'ink';
import { formatSeconds } from '../../domain/duration.js';
import type { EndedSummary } from '../app-state.js';
import { inert } from '../format.js';
import { useTheme } from '../theme.js';
import { Section } from './Section.js';

/** `1 update`, `2 updates`. */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the ended session did, before leaving or starting anew. */
export function SessionSummary({ summary, height, width }: { summary: EndedSummary; height: number; width: number }) {
  const theme = useTheme();
  const room = Math.max(1, height - 7);
  const tasks = summary.tasks_completed;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Section title={`${summary.session_key} ended`} width={width} />
      <Text>
        {'  '}Duration <Text bold>{formatSeconds(summary.duration_seconds)}</Text> · {count(summary.updates, 'update')} · {count(summary.artifacts, 'artifact')} ·{' '}
        {count(summary.interruptions, 'interruption')}
      </Text>
      {summary.summary ? <Text wrap="truncate-end">  “{inert(summary.summary)}”</Text> : null}
      <Text>  Tasks completed: {tasks.length === 0 ? <Text color={theme.dim}>none</Text> : null}</Text>
      {tasks.slice(0, room).map((t) => (
        <Text key={t.code} wrap="truncate-end">
          {'    '}
          {/* A task closed by force with failing checks is not done like the others, and must not look it. */}
          {t.incomplete ? <Text color={theme.warn}>◌</Text> : <Text color={theme.ok}>●</Text>} {inert(t.code)} <Text color={theme.dim}>{formatSeconds(t.seconds)}</Text>
          {t.incomplete ? <Text color={theme.warn}> incomplete (closed by force)</Text> : null}
        </Text>
      ))}
      {tasks.length > room ? <Text color={theme.dim}>    … {tasks.length - room} more</Text> : null}
      <Text> </Text>
      <Text>
        {'  '}
        <Text bold color={theme.accent}>n</Text> start a new session · <Text bold color={theme.accent}>Enter</Text> or{' '}
        <Text bold color={theme.accent}>q</Text> leave
      </Text>
    </Box>
  );
}
