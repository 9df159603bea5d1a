/** One key as the screen acts on it. */
export type KeyPress =
  /** `pasted`: it came in a bracketed paste, so it is text and nothing else (never a dialog's answer). */
  | { kind: 'text'; text: string; pasted?: true }
  /** Alt (or Esc in the same read) with a character: Alt+1..3 picks a suggested command. */
  | { kind: 'alt'; char: string }
  | {
      kind:
        | 'enter'
        | 'tab'
        | 'escape'
        | 'backspace'
        | 'delete'
        | 'left'
        | 'right'
        | 'wordLeft'
        | 'wordRight'
        | 'up'
        | 'down'
        | 'home'
        | 'end'
        | 'pageUp'
        | 'pageDown'
        | 'clear'
        | 'killEnd'
        | 'deleteWord'
        | 'yank'
        | 'tasks'
        | 'newline'
        | 'undo'
        | 'search'
        | 'focusFeed'
        | 'quit'
        | 'pasteStart'
        | 'pasteEnd';
    };

type Named = Exclude<KeyPress, { kind: 'text' } | { kind: 'alt' }>['kind'];

/** Control characters, as a terminal in raw mode sends them. */
const CONTROL: Record<string, Named> = {
  '\r': 'enter',
  // Enter, as a terminal not yet in raw mode hands it over (the line discipline turns \r into \n); a lone Ctrl+J is a line break (keysOf).
  '\n': 'enter',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x03': 'quit',
  '\x04': 'delete',
  '\x15': 'clear',
  '\x0b': 'killEnd',
  '\x17': 'deleteWord',
  '\x19': 'yank',
  '\x14': 'tasks',
  '\x1a': 'undo',
  '\x12': 'search',
  '\x01': 'home',
  '\x05': 'end',
  '\x02': 'left',
  '\x06': 'right',
  '\x10': 'up',
  '\x0e': 'down',
};

/** `ESC [ n ~` keys, by n. */
const TILDE: Record<string, Named> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete', '5': 'pageUp', '6': 'pageDown' };
/** `ESC [ X` and `ESC O X` keys, by X; `ESC [ Z` is Shift+Tab, which moves the focus back from the prompt to the feed. */
const FINAL: Record<string, Named> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'focusFeed' };

/** An escape sequence (one input event of Ink's, which splits a read at each ESC) as the key it stands for. */
function escapeKey(event: string): KeyPress | null {
  if (event === '\x1b' || event === '\x1b\x1b') return { kind: 'escape' };
  if (event === '\x1b[200~') return { kind: 'pasteStart' };
  if (event === '\x1b[201~') return { kind: 'pasteEnd' };
  const csi = /^\x1b\x1b?[[O]\[?([\d;]*)([A-Za-z~])$/.exec(event);
  if (csi) {
    const [first = '', modifier = '1'] = csi[1]!.split(';');
    const final = csi[2]!;
    const key = final === '~' ? TILDE[first] : FINAL[final];
    if (!key) return null;
    // Ctrl or Alt with ← → moves by word, as in a shell.
    const byWord = modifier === '3' || modifier === '5' || event.startsWith('\x1b\x1b');
    // Ctrl or Alt with ↑ leaves the prompt for the feed.
    if (byWord && key === 'up') return { kind: 'focusFeed' };
    if (byWord && key === 'left') return { kind: 'wordLeft' };
    if (byWord && key === 'right') return { kind: 'wordRight' };
    return { kind: key };
  }
  const alt = [...event.slice(1)];
  if (alt.length !== 1) return null;
  const char = alt[0]!;
  if (char === '\x7f' || char === '\b') return { kind: 'deleteWord' };
  // Alt+Enter: a line break in the text.
  if (char === '\r' || char === '\n') return { kind: 'newline' };
  if (char === 'b') return { kind: 'wordLeft' };
  if (char === 'f') return { kind: 'wordRight' };
  return char >= ' ' ? { kind: 'alt', char } : null;
}

/**
 * The keys of one input event. Fast typing, a held key, type-ahead or a slow
 * link deliver several keys in one read, and each does its job in order: a
 * burst of `/log a⏎/log b⏎` sends two lines, a Ctrl+C in it quits. Only a
 * bracketed paste (`pasting`, between the terminal's paste markers) is text
 * whatever it holds; a newline in it sends nothing.
 */
export function keysOf(event: string, pasting: boolean): KeyPress[] {
  if (event === '\x1b[201~') return [{ kind: 'pasteEnd' }];
  if (pasting) return [{ kind: 'text', text: event, pasted: true }];
  if (event.startsWith('\x1b')) {
    const key = escapeKey(event);
    if (key) return [key];
    // Esc and a control key at once (Esc then Ctrl+U, typed fast or sent by a script): both, in order.
    if (event.length > 1 && event[1]! < ' ') return [{ kind: 'escape' }, ...keysOf(event.slice(1), pasting)];
    return [];
  }
  // Ctrl+J pressed alone: a line break in the text. A \n after other keys is the end of a line typed before
  // the screen took the terminal over (in cooked mode Enter arrives as \n): it sends, as it always did.
  if (event === '\n') return [{ kind: 'newline' }];
  const keys: KeyPress[] = [];
  let text = '';
  for (const c of event) {
    const kind = CONTROL[c];
    // Other control characters do nothing here, and never reach the line.
    if (!kind && c < ' ') continue;
    if (!kind) {
      text += c;
      continue;
    }
    if (text) keys.push({ kind: 'text', text });
    text = '';
    keys.push({ kind });
  }
  if (text) keys.push({ kind: 'text', text });
  return keys;
}

/** One of `chars` typed (never pasted): a dialog's answer. */
export const isChar = (key: KeyPress, ...chars: string[]): boolean => key.kind === 'text' && !key.pasted && chars.includes(key.text);

/** The digit 1–9 typed alone, else 0. */
export const digitOf = (key: KeyPress): number => (key.kind === 'text' && !key.pasted && /^[1-9]$/.test(key.text) ? Number(key.text) : 0);
