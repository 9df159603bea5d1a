import { Box, Text } from 'ink';
import type { Board } from '../../core/board.js';
import { shortPath } from '../format.js';
import { theme } from '../theme.js';
import { Elapsed } from './Elapsed.js';

const STATUS_COLOUR: Record<string, string> = { active: theme.ok, paused: theme.warn, completed: theme.dim, abandoned: theme.dim };

export function Header({ board, home, width, receivedAt, watching }: { board: Board | null; home: string; width: number; receivedAt: number; watching: boolean }) {
  const session = board?.session ?? null;
  const where = shortPath(home, Math.max(12, Math.floor(width / 4)));
  return (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1} height={1}>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>◆ Fragments</Text>
        {session ? (
          <Text>
            {'  '}
            <Text bold>{session.key}</Text>
            {watching ? <Text color={theme.warn}> (watching, read-only)</Text> : null} · {session.type} · <Text color={STATUS_COLOUR[session.status]}>{session.status}</Text> · today{' '}
            <Elapsed base={board!.today_seconds} receivedAt={receivedAt} running={board!.task?.timer_running === true} />
          </Text>
        ) : (
          <Text color={theme.dim}>  no session open</Text>
        )}
      </Text>
      </Box>
      <Box flexShrink={0}>
        <Text color={theme.dim}> {where}</Text>
      </Box>
    </Box>
  );
}
