import { Box, Text } from 'ink';
import type { Board } from '../../core/board.js';
import { formatEstimate } from '../../domain/duration.js';
import { bar, inert } from '../format.js';
import { useTheme } from '../theme.js';
import { LiveDuration } from './Elapsed.js';
import { Section } from './Section.js';

export function SprintPanel({ board, width, receivedAt }: { board: Board | null; width: number; receivedAt: number }) {
  const theme = useTheme();
  const sprint = board?.sprint ?? null;
  let body;
  if (!board || board.plan_empty) {
    body = (
      <Text color={theme.dim} wrap="truncate-end">
        No plan yet: <Text color={theme.strong}>/import FILE</Text> reads a Markdown or JSON plan, or <Text color={theme.strong}>/task:create</Text> adds a task.
      </Text>
    );
  } else if (!sprint) {
    body = (
      <Text color={theme.dim} wrap="truncate-end">
        No sprint active: <Text color={theme.strong}>/sprint-start CODE</Text>, or <Text color={theme.strong}>/task-start</Text> takes the next ready task with its sprint.
      </Text>
    );
  } else {
    const { completed, total } = sprint.progress;
    const cells = bar(total ? completed / total : 0, Math.max(6, Math.min(24, Math.floor(width / 6))));
    const running = board.task?.timer_running === true;
    body = (
      <Box width={width} overflowX="hidden">
        <Box flexGrow={1} flexShrink={1}>
          <Text wrap="truncate-end">
            <Text bold>{inert(sprint.code)}</Text> {inert(sprint.title)}
          </Text>
        </Box>
        <Box flexShrink={0}>
          <Text>
            {' '}
            <Text color={theme.ok}>{cells.filled}</Text>
            <Text color={theme.dim}>{cells.empty}</Text> {completed}/{total}{'  '}
            <Text color={theme.dim}>
              <LiveDuration base={sprint.actual_seconds} receivedAt={receivedAt} running={running} /> / {formatEstimate(sprint.estimate)}
            </Text>
          </Text>
        </Box>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <Section title="Sprint" width={width} />
      {body}
    </Box>
  );
}
