import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { TextPanel } from './TextPanel.js';

/**
 * What a command would do, before it does it (`/import FILE`: the tree its
 * dry run prints): Enter runs it, Esc leaves everything as it was; ↑↓ and
 * PgUp/PgDn scroll a long preview (the screen's key handler moves `offset`).
 */
export function PreviewDialog({ title, lines, offset, height, width }: { title: string; lines: string[]; offset: number; height: number; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={height}>
      <TextPanel title={title} lines={lines} offset={offset} height={height - 1} width={width} />
      <Text bold wrap="truncate-end">
        {'  '}Enter imports · <Text color={theme.dim}>Esc cancels, nothing changes</Text>
      </Text>
    </Box>
  );
}
