const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text as a screen may show it. Stored text holds whatever an agent sent: a
 * control character (C0, DEL, C1) shown raw could drive the terminal, a raw
 * newline could fake a line of output (a task that does not exist), and a
 * bidi embedding, override or isolate (U+202A–U+202E, U+2066–U+2069)
 * could make the rest of the line read in another order than it was written
 * (the marks U+200E/U+200F stay: right-to-left text needs them, and they
 * reorder nothing on their own). One style everywhere: \n, \r and \t by name, other C0/C1
 * characters as \xNN, the bidi ones as \u{NNNN}. Only for people: `--json`
 * keeps text as given.
 */
export function printable(text: unknown): string {
  return String(text ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code > 0xff) return `\\u{${code.toString(16).padStart(4, '0')}}`;
    return NAMED[c] ?? `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
