import { useCallback, useRef, useState } from 'react';
import { appendHistory, readHistory } from '../../store/history.js';

/** Lines sent from the prompt, oldest first, kept in the home's `history` file across runs. */
export function usePromptHistory(home: string): { entries: string[]; add(line: string): void } {
  const [entries, setEntries] = useState<string[]>(() => readHistory(home));
  const latest = useRef(entries);
  const add = useCallback(
    (line: string) => {
      if (latest.current.at(-1) === line) return;
      latest.current = [...latest.current, line];
      setEntries(latest.current);
      // History is a convenience: a full disk must not cost the command.
      void appendHistory(home, line, latest.current).catch(() => undefined);
    },
    [home],
  );
  return { entries, add };
}
