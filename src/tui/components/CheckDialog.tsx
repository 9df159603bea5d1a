import { Box, Text } from 'ink';
import { inert } from '../format.js';
import { useTheme } from '../theme.js';
import { Section } from './Section.js';

interface Props {
  failed: string[];
  /** The end of a failed completion check's output: what to look at before choosing. */
  tail: string[];
  field: string | null;
  what: string;
  height: number;
  width: number;
}

/** A completion check failed: say what (with the check's own output), and offer the three ways on. */
export function CheckDialog({ failed, tail, field, what, height, width }: Props) {
  const theme = useTheme();
  const choices = field ? 3 : 2;
  // The choices always show; what failed comes first, then as much of the output as fits.
  const room = Math.max(1, height - 2 - choices);
  const reasons = failed.slice(0, room);
  const output = tail.slice(-Math.max(0, room - reasons.length));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Section title={`${what}: the completion check failed`} width={width} />
      {reasons.map((f, i) => (
        <Text key={i} color={theme.error} wrap="truncate-end">
          {'  • '}
          {inert(f)}
        </Text>
      ))}
      {output.map((line, i) => (
        <Text key={`tail-${i}`} color={theme.dim} wrap="truncate-end">
          {'    │ '}
          {inert(line)}
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
