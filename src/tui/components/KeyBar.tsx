import { Text } from 'ink';
import { memo } from 'react';
import { inert } from '../format.js';
import type { KeyHint } from '../key-bar.js';
import { useTheme } from '../theme.js';

const GAP = ' · ';

/**
 * The last line: the keys that work in the view shown, as many as the width
 * holds, in the order given; an alert not yet seen comes first.
 */
export const KeyBar = memo(function KeyBar({ keys, width, alert = null }: { keys: KeyHint[]; width: number; alert?: string | null }) {
  const theme = useTheme();
  const shown: KeyHint[] = [];
  const said = alert ? `⚠ ${inert(alert)}` : '';
  let used = said ? Math.min(said.length, Math.floor(width / 2)) + GAP.length : 0;
  for (const k of keys) {
    const cost = (shown.length ? GAP.length : 0) + k.keys.length + (k.does ? 1 + k.does.length : 0);
    if (used + cost > width - 1) break;
    shown.push(k);
    used += cost;
  }
  return (
    <Text wrap="truncate-end">
      {said ? (
        <Text bold color={theme.error}>
          {said.length > width / 2 ? `${said.slice(0, Math.floor(width / 2) - 1)}…` : said}
        </Text>
      ) : null}
      {shown.map((k, i) => (
        <Text key={k.keys}>
          {i || said ? <Text color={theme.dim}>{GAP}</Text> : null}
          <Text bold color={theme.accent}>
            {k.keys}
          </Text>
          {k.does ? <Text color={theme.dim}> {k.does}</Text> : null}
        </Text>
      ))}
    </Text>
  );
});
