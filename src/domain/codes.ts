import { byText } from './order.js';

/**
 * Codes match case-insensitively and are shown as written. They are ASCII, so
 * lower-casing keeps their length: most pairs are told apart or matched
 * without making two new strings (the rules compare a code with every task's).
 */
export function sameCode(a: string, b: string): boolean {
  return a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = prev[j]!;
      prev[j] = next;
    }
  }
  return prev[b.length]!;
}

/** The closest candidates to `input`, best first: prefix and substring matches, then edit distance. */
export function closest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const scored: { c: string; score: number }[] = [];
  for (const c of candidates) {
    const hay = c.toLowerCase();
    let score: number;
    if (hay.startsWith(needle) || needle.startsWith(hay)) score = 0;
    else if (hay.includes(needle) || needle.includes(hay)) score = 1;
    else {
      const d = distance(needle, hay);
      if (d > Math.max(2, Math.floor(Math.max(needle.length, hay.length) / 3))) continue;
      score = 1 + d;
    }
    scored.push({ c, score });
  }
  return scored
    .sort((x, y) => x.score - y.score || x.c.length - y.c.length || byText(x.c, y.c))
    .slice(0, limit)
    .map((s) => s.c);
}

/**
 * The one way a message offers the closest names: ` Did you mean A, B?` after
 * a sentence, or ` (did you mean A, B?)` inside one; nothing when none is close.
 */
export function didYouMean(near: string[], form: 'sentence' | 'aside' = 'sentence'): string {
  if (!near.length) return '';
  return form === 'sentence' ? ` Did you mean ${near.join(', ')}?` : ` (did you mean ${near.join(', ')}?)`;
}
