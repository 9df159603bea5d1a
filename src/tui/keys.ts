/** One key of a chunk of input, as the prompt acts on it. */
export type KeyPress = { kind: 'text'; text: string } | { kind: 'tab' | 'backspace' | 'clear' | 'deleteWord' | 'home' | 'end' | 'enter' };

const CONTROL: Record<string, Exclude<KeyPress['kind'], 'text'>> = {
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x15': 'clear',
  '\x17': 'deleteWord',
  '\x01': 'home',
  '\x05': 'end',
};

/**
 * The keys in a chunk that holds several (fast typing, a held key, a slow
 * link deliver them in one read, and Ink then hands the chunk over whole).
 * A newline is Enter only as the chunk's last key, as when a line is typed
 * and sent; anywhere else it is pasted text, which sends nothing.
 */
export function keysOf(chunk: string): KeyPress[] {
  const keys: KeyPress[] = [];
  const body = /[\r\n]$/.test(chunk) && !/[\r\n]/.test(chunk.replace(/\r?\n$|\r$/, '')) ? chunk.replace(/\r?\n$|\r$/, '') : chunk;
  let text = '';
  for (const c of body) {
    const kind = CONTROL[c];
    if (!kind) {
      text += c;
      continue;
    }
    if (text) keys.push({ kind: 'text', text });
    text = '';
    keys.push({ kind });
  }
  if (text) keys.push({ kind: 'text', text });
  if (body !== chunk) keys.push({ kind: 'enter' });
  return keys;
}
