import { Box, Text } from 'ink';
import type { Board } from '../../core/board.js';
import { shortPath } from '../format.js';
import type { Palette } from '../palettes.js';
import { useTheme } from '../theme.js';
import { Elapsed } from './Elapsed.js';

const statusColour = (theme: Palette): Record<string, string | undefined> => ({ active: theme.ok, paused: theme.warn, completed: theme.dim, abandoned: theme.dim });

const MODE = { own: null, watching: ' (watching, read-only)', following: ' (following, read-only)' } as const;

/**
 * The session shown, and what the developer tracked today. `mode`: the
 * screen's own session, one it watches, or the home's current one it follows
 * since its own ended.
 */
export function Header({ board, home, width, receivedAt, mode, alerts = 0 }: { board: Board | null; home: string; width: number; receivedAt: number; mode: keyof typeof MODE; alerts?: number }) {
  const theme = useTheme();
  const session = board?.session ?? null;
  const where = shortPath(home, Math.max(12, Math.floor(width / 4)));
  return (
    <Box width={width} height={1} overflowX="hidden">
      <Box flexGrow={1} flexShrink={1} height={1}>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>◆ Fragments</Text>
        {session ? (
          <Text>
            {'  '}
            <Text bold>{session.key}</Text>
            {MODE[mode] ? <Text color={theme.warn}>{MODE[mode]}</Text> : null} · {session.type} · <Text color={statusColour(theme)[session.status]}>{session.status}</Text> · you today{' '}
            <Elapsed key={board!.at.slice(0, 10)} base={board!.yours_today.seconds} receivedAt={receivedAt} running={board!.yours_today.running > 0} monotonic />
          </Text>
        ) : (
          <Text color={theme.dim}>  no session open</Text>
        )}
      </Text>
      </Box>
      {alerts ? (
        <Box flexShrink={0}>
          {/* Until seen; what they are is on the key bar, where the key that says seen is. */}
          <Text bold color={theme.error}>
            {' '}⚠ {alerts} alert{alerts === 1 ? '' : 's'}
          </Text>
        </Box>
      ) : null}
      <Box flexShrink={0}>
        <Text color={theme.dim}> {where}</Text>
      </Box>
    </Box>
  );
}
