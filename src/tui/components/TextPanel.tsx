import { Box, Text } from 'ink';
import { inert } from '../format.js';
import { useTheme } from '../theme.js';
import { Section } from './Section.js';

/** Lines too many for the screen, scrolled with ↑/↓ and PgUp/PgDn; Esc closes. Help and command output use it. */
export function TextPanel({ title, lines, offset, height, width }: { title: string; lines: string[]; offset: number; height: number; width: number }) {
  const theme = useTheme();
  const rows = Math.max(1, height - 1);
  const top = Math.min(offset, Math.max(0, lines.length - rows));
  const more = lines.length > rows ? `${top + 1}-${Math.min(lines.length, top + rows)} of ${lines.length} · ↑↓ PgUp PgDn · Esc` : 'Esc closes';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Section title={title} width={width} right={more} />
      {lines.slice(top, top + rows).map((line, i) => (
        <Text key={i} wrap="truncate-end" color={line.startsWith('#') ? theme.accent : undefined}>
          {inert(line.replace(/^# /, ''))}
        </Text>
      ))}
    </Box>
  );
}
