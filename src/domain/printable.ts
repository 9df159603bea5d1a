const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text as a screen may show it. Stored text holds whatever an agent sent: a
 * control character (C0, DEL, C1) shown raw could drive the terminal, and a
 * raw newline could fake a line of output (a task that does not exist). One
 * style everywhere: \n, \r and \t by name, every other one as \xNN. Only for
 * people: `--json` keeps text as given.
 */
export function printable(text: unknown): string {
  return String(text ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
