// Keeps dist/cli.cjs all ASCII. A JavaScript source with one character past
// ASCII becomes a two-byte string in V8: bin/load-cli.js then decodes the
// whole bundle from UTF-8 and V8 deserialises its code cache against a source
// twice the size, about 1.5 ms of every start. esbuild already writes strings,
// templates and names as escapes, but not regular expression literals (the plan
// parsers' dashes, arrows and check marks): `asciiRegExps` writes those as \u
// escapes, which a regular expression reads as the same characters, and
// `assertAscii` names the source of anything else that gets through.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

export const NON_ASCII = /[^\x00-\x7f]/;
const escape = (unit) => `\\u${unit.toString(16).padStart(4, '0')}`;

/** A regular expression literal with every character past ASCII written as an escape; `\–` (an identity escape) too. */
export function asciiRegExp(literal) {
  let out = '';
  for (let i = 0; i < literal.length; i++) {
    const unit = literal.charCodeAt(i);
    if (unit < 0x80) {
      out += literal[i];
      continue;
    }
    let backslashes = 0;
    while (out.endsWith('\\'.repeat(backslashes + 1))) backslashes++;
    // An escaped character is escaped again by its code, so the backslash goes.
    if (backslashes % 2 === 1) out = out.slice(0, -1);
    // A character past U+FFFF is two UTF-16 units; `\uD83D\uDE00` reads as one code point under the u flag, and as two units without it, as written.
    out += escape(unit);
  }
  return out;
}

/** Edits ({ start, end, text }) that write the regular expression literals of a parsed TypeScript file in ASCII. */
export function asciiRegExps(ts, file) {
  const edits = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && NON_ASCII.test(node.text)) {
      const start = node.getStart(file);
      edits.push({ start, end: node.end, text: asciiRegExp(file.text.slice(start, node.end)) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edits;
}

/** Throws if the bundle holds a character past ASCII, naming where each came from (through its source map). */
export function assertAscii(bundle) {
  const text = readFileSync(bundle, 'utf8');
  if (!NON_ASCII.test(text)) return;
  const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
  const places = new Set();
  for (const [line, row] of text.split('\n').entries()) {
    for (let column = 0; column < row.length; column++) {
      if (row.charCodeAt(column) < 0x80) continue;
      const entry = map.findEntry(line, column);
      places.add(entry.originalSource ? `${entry.originalSource}:${entry.originalLine + 1} (${row[column]})` : `${bundle}:${line + 1}:${column + 1}`);
    }
  }
  throw new Error(`${bundle} must be ASCII (see scripts/ascii-bundle.mjs); write these characters as \\u escapes:\n  ${[...places].join('\n  ')}`);
}
