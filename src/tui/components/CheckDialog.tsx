import { Box, Text } from 'ink';
import { inert } from '../format.js';
import { theme } from '../theme.js';
import { Section } from './Section.js';

/** A completion check failed: say what, and offer the three ways on. */
export function CheckDialog({ failed, field, what, height, width }: { failed: string[]; field: string | null; what: string; height: number; width: number }) {
  const room = Math.max(1, height - 6);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Section title={`${what}: the completion check failed`} width={width} />
      {failed.slice(0, room).map((f, i) => (
        <Text key={i} color={theme.error} wrap="truncate-end">
          {'  • '}
          {inert(f)}
        </Text>
      ))}
      <Text> </Text>
      {field ? (
        <Text>
          <Text bold color={theme.accent}>  1</Text> add a {field} now, then complete
        </Text>
      ) : null}
      <Text>
        <Text bold color={theme.accent}>  2</Text> close anyway <Text color={theme.dim}>(forced: marked incomplete, the failure is on record)</Text>
      </Text>
      <Text>
        <Text bold color={theme.accent}>  3</Text> keep working <Text color={theme.dim}>(nothing changes; Esc too)</Text>
      </Text>
    </Box>
  );
}
