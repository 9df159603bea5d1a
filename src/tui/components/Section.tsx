import { Text } from 'ink';
import { useTheme } from '../theme.js';

/** A titled rule across the screen: `─ Task ───────`. */
export function Section({ title, width, right = '' }: { title: string; width: number; right?: string }) {
  const theme = useTheme();
  const fill = Math.max(0, width - title.length - right.length - 4);
  return (
    <Text color={theme.dim} wrap="truncate-end">
      ─ <Text bold color={theme.strong}>{title}</Text> {'─'.repeat(fill)}
      {right ? ` ${right}` : ''}
    </Text>
  );
}
