import { Box, Text } from 'ink';
import { inert } from '../format.js';
import { useTheme } from '../theme.js';
import { Section } from './Section.js';

/** Completion far from the estimate: offer to learn from it. */
export function EstimateDialog({ task, duration, reason, height, width }: { task: string; duration: string; reason: string; height: number; width: number }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Section title={`${inert(task)} completed`} width={width} />
      <Text color={theme.warn} wrap="truncate-end">
        {'  '}
        {inert(reason)}
      </Text>
      <Text> </Text>
      <Text bold>
        {'  '}Update estimate to {duration}? <Text color={theme.dim}>[y/N]</Text>
      </Text>
    </Box>
  );
}
