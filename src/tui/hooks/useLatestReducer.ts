import { useCallback, useReducer, useRef, type RefObject } from 'react';

/**
 * A reducer whose latest state can be read at once through the ref, even
 * between two keys that land in the same frame, before React renders again:
 * handlers then never act on a stale copy.
 */
export function useLatestReducer<S, A>(reducer: (state: S, action: A) => S, initial: S): [RefObject<S>, (action: A) => void] {
  const ref = useRef(initial);
  const [, rendered] = useReducer((n: number) => n + 1, 0);
  const dispatch = useCallback(
    (action: A) => {
      const next = reducer(ref.current, action);
      if (next === ref.current) return;
      ref.current = next;
      rendered();
    },
    [reducer],
  );
  return [ref, dispatch];
}
