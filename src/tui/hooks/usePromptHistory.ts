import { useCallback, useRef, useState } from 'react';
import { HISTORY_KEPT, readHistory, saveHistory } from '../../store/history.js';

/** Lines sent from the prompt, oldest first, kept in the home's `history` file across runs. */
export function usePromptHistory(home: string): { entries: string[]; add(line: string): void } {
  const [entries, setEntries] = useState<string[]>(() => readHistory(home));
  const latest = useRef(entries);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const add = useCallback(
    (line: string) => {
      if (latest.current.at(-1) === line) return;
      latest.current = [...latest.current, line].slice(-HISTORY_KEPT);
      setEntries(latest.current);
      // One save at a time, so two quick lines never write the file over each other;
      // history is a convenience, so a failed save (a full disk) costs nothing else.
      const lines = latest.current;
      saving.current = saving.current.then(() => saveHistory(home, lines)).catch(() => undefined);
    },
    [home],
  );
  return { entries, add };
}
