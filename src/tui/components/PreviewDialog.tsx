import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { theme } from '../theme.js';
import { TextPanel } from './TextPanel.js';

/**
 * What a command would do, before it does it (`/import FILE`: the tree its
 * dry run prints): Enter runs it, Esc leaves everything as it was; ↑↓ and
 * PgUp/PgDn scroll a long preview. It takes its own keys while it is open.
 */
export function PreviewDialog({ title, lines, height, width, onConfirm, onCancel }: { title: string; lines: string[]; height: number; width: number; onConfirm: () => void; onCancel: () => void }) {
  const [offset, setOffset] = useState(0);
  const rows = Math.max(1, height - 2);
  const max = Math.max(0, lines.length - rows);
  useInput((_input, key) => {
    if (key.return) onConfirm();
    else if (key.escape) onCancel();
    else if (key.upArrow) setOffset((o) => Math.max(0, o - 1));
    else if (key.downArrow) setOffset((o) => Math.min(max, o + 1));
    else if (key.pageUp) setOffset((o) => Math.max(0, o - rows));
    else if (key.pageDown) setOffset((o) => Math.min(max, o + rows));
  });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <TextPanel title={title} lines={lines} offset={offset} height={height - 1} width={width} />
      <Text bold wrap="truncate-end">
        {'  '}Enter imports · <Text color={theme.dim}>Esc cancels, nothing changes</Text>
      </Text>
    </Box>
  );
}
