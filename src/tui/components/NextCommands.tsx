import { Box, Text } from 'ink';
import { memo } from 'react';
import { inert } from '../format.js';
import { useTheme } from '../theme.js';
import { Section } from './Section.js';

/** The suggested commands of the last envelope, numbered for Alt+1..3 (or Esc, then the digit). */
export const NextCommands = memo(function NextCommands({ next, width }: { next: string[]; width: number }) {
  const theme = useTheme();
  const shown = next.slice(0, 3);
  return (
    <Box flexDirection="column" width={width}>
      <Section title="Next" width={width} right="Alt+1..3 or Esc 1..3" />
      <Text wrap="truncate-end">
        {shown.length === 0 ? <Text color={theme.dim}>Nothing suggested: type / and Tab to see the commands.</Text> : null}
        {shown.map((command, i) => (
          <Text key={i}>
            <Text color={theme.accent} bold>
              {i + 1}
            </Text>{' '}
            {inert(command)}
            {i < shown.length - 1 ? '   ' : ''}
          </Text>
        ))}
      </Text>
    </Box>
  );
});
