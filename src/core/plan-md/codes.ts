import { Code } from '../../domain/plan.js';

/*
 * How codes are recognised in plans people write. A bare word is a task code only
 * when it looks like one (`T001`, `T-12`, `P0-1`, `ENG-10-01`): upper case, with a
 * digit, so prose (`Set-up`, `README.md`) is never taken for a code. In backticks,
 * any valid code counts.
 */
const BARE_TASK = /^[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)*$/;
/** In a dependency list the context says it is a code, so hyphenated words count too (`after T-X`). */
const BARE_LINK = /^(?:[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)+|[A-Z]+\d[A-Z0-9]*)$/;
const SPRINT_FORM = /^(?:sprint[-_][A-Za-z0-9][\w.-]*|S\d+[A-Za-z]?)$/i;

export function isCode(text: string): boolean {
  return Code.safeParse(text).success;
}

export function isBareTaskCode(word: string): boolean {
  return BARE_TASK.test(word) && /\d/.test(word) && !isPriorityWord(word) && isCode(word);
}

/** `P0`…`P4`: a priority, never a code. */
export function isPriorityWord(word: string): boolean {
  return /^P[0-4]$/i.test(word);
}


/** `SPRINT-SESS-1`, `Sprint-2`, `S3`: codes that name a sprint by their form alone. */
export function isSprintForm(code: string): boolean {
  return SPRINT_FORM.test(code);
}

/** The code a token names in a dependency list, or undefined: `` `x.y` ``, `T-X`, `T014`. */
export function linkCode(token: string): string | undefined {
  const ticked = /^`([^`]+)`$/.exec(token)?.[1];
  const word = ticked ?? token.replace(/^[*_]+|[*_.;:]+$/g, '');
  if (ticked !== undefined) return isCode(word) ? word : undefined;
  return BARE_LINK.test(word) && isCode(word) ? word : undefined;
}

/**
 * The codes of a list such as `T-1, T-2 and T004-T007`. Returns undefined when
 * any item is not a code, so prose that merely starts like a list stays prose.
 */
export function codeList(text: string): string[] | undefined {
  const items = text
    .split(/\s*(?:,|;|&|\band\b)\s*/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (items.length === 0) return undefined;
  const codes: string[] = [];
  for (const item of items) {
    const range = expandRange(item);
    const code = range ? undefined : linkCode(item);
    if (!range && code === undefined) return undefined;
    codes.push(...(range ?? [code!]));
  }
  return codes;
}

/** `T004-T007` (or `T004-007`) is T004, T005, T006, T007; `P0-1` is a code, not a range. */
function expandRange(text: string): string[] | undefined {
  const m = /^([A-Z]+)(\d+)[-–]([A-Z]+)?(\d+)$/.exec(text);
  if (!m) return undefined;
  const [, prefix, from, again, to] = m as unknown as [string, string, string, string | undefined, string];
  if (again !== undefined ? again !== prefix : from.length < 2 || from.length !== to.length) return undefined;
  const low = Number(from);
  const high = Number(to);
  if (high <= low || high - low > 200) return undefined;
  return Array.from({ length: high - low + 1 }, (_, i) => `${prefix}${String(low + i).padStart(from.length, '0')}`);
}

/** `requirements.txt`, `ProfileForm.tsx`: a file name, which a list of files holds, not a task's code. */
export function isFileName(word: string): boolean {
  return /\.[a-z][a-z0-9]{0,5}$/.test(word) && /[a-z]/.test(word.slice(0, word.lastIndexOf('.')));
}

/** Latin letters that do not decompose into a base letter and marks. */
const FOLDED: Record<string, string> = { ß: 'SS', Æ: 'AE', æ: 'AE', Œ: 'OE', œ: 'OE', Ø: 'O', ø: 'O', Ł: 'L', ł: 'L', Đ: 'D', đ: 'D', Þ: 'TH', þ: 'TH', Ð: 'D', ð: 'D', ı: 'I' };

/**
 * A code made from words, for a sprint or task that has none: `Sprint 2` →
 * `SPRINT-2`, `Write the parser` → `WRITE-THE-PARSER`, `Configuración del menú`
 * → `CONFIGURACION-DEL-MENU`. Words in a script without Latin letters give a
 * short hash of themselves, stable from one import to the next.
 */
export function slugCode(text: string, max = 40): string {
  const whole = text
    .replace(/[ßæœøłđþðıÆŒØŁĐÞÐ]/g, (c) => FOLDED[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut at a word's end, so a long title gives `LIST-EVERY-SERVICE-THAT-READS`, not `…-READS-TH`.
  const cut = whole.length <= max || whole[max] === '-' ? whole.slice(0, max) : whole.slice(0, max).replace(/-[^-]*$/, '');
  const slug = (cut.length >= max / 2 ? cut : whole.slice(0, max)).replace(/-+$/, '');
  if (slug !== '' && /[A-Z]/.test(slug)) return slug;
  const words = text.trim();
  return words === '' ? 'X' : slug === '' ? `X${hash(words)}` : `${slug}-${hash(words)}`;
}

/** FNV-1a of the text, as 6 upper-case hex digits. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (const c of text) {
    h ^= c.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).toUpperCase().padStart(8, '0').slice(0, 6);
}
