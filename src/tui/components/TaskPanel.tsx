import { Box, Text } from 'ink';
import type { Board } from '../../core/board.js';
import { formatEstimate } from '../../domain/duration.js';
import { age, inert } from '../format.js';
import type { Palette } from '../palettes.js';
import { useTheme } from '../theme.js';
import { Elapsed } from './Elapsed.js';
import { Section } from './Section.js';

// Medium and pending are the ordinary case: the terminal's own text colour, readable on any background.
const priorityColour = (theme: Palette): Record<string, string | undefined> => ({ critical: theme.error, high: theme.warn, low: theme.dim });
const statusColour = (theme: Palette): Record<string, string | undefined> => ({ in_progress: theme.accent, blocked: theme.error, completed: theme.ok });

export function TaskPanel({ board, width, receivedAt }: { board: Board | null; width: number; receivedAt: number }) {
  const theme = useTheme();
  const task = board?.task ?? null;
  if (!task) {
    const hint = board?.session ? 'No task active: /task-start takes the next ready task, /task-start CODE a given one.' : 'No session open: /session-start begins one.';
    return (
      <Box flexDirection="column" width={width} height={4}>
        <Section title="Task" width={width} />
        <Text color={theme.dim} wrap="truncate-end">
          {hint}
        </Text>
      </Box>
    );
  }
  const low = task.estimate ? task.estimate.low_hours * 3600 : null;
  const high = task.estimate ? task.estimate.high_hours * 3600 : null;
  const last = task.last_update;
  return (
    <Box flexDirection="column" width={width} height={4}>
      <Section title="Task" width={width} />
      <Box width={width} overflowX="hidden">
        <Box flexGrow={1} flexShrink={1}>
          <Text wrap="truncate-end">
            <Text bold>{inert(task.code)}</Text> {inert(task.title)}
          </Text>
        </Box>
        <Box flexShrink={0}>
          <Text>
            {' '}
            <Text color={statusColour(theme)[task.status]}>{task.status}</Text> · <Text color={priorityColour(theme)[task.priority]}>{task.priority}</Text>
          </Text>
        </Box>
      </Box>
      <Text wrap="truncate-end">
        <Elapsed base={task.actual_seconds} receivedAt={receivedAt} running={task.timer_running} low={low} high={high} barWidth={Math.max(8, Math.min(30, width - 50))} />
        <Text color={theme.dim}> of {formatEstimate(task.estimate)}</Text>
        {task.block_reason ? <Text color={theme.error}> · blocked: {inert(task.block_reason)}</Text> : null}
        <Text color={theme.dim}> · {task.updates_count} update{task.updates_count === 1 ? '' : 's'}</Text>
      </Text>
      <Text wrap="truncate-end" color={last ? undefined : theme.dim}>
        {last ? (
          <>
            <Text color={theme.dim}>last {age(last.at, Date.parse(board!.at))}: </Text>
            {inert(last.text)}
          </>
        ) : (
          'No update yet: /update TEXT records what changed.'
        )}
      </Text>
    </Box>
  );
}
