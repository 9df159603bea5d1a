// How dist/cli.cjs reads our TypeScript: an esbuild plugin that edits a source
// as it is bundled, so the source itself stays as people write it.
// - Regular expression literals are written in ASCII (ascii-bundle.mjs).
// - A command's `args` is built on first read. `defineCommand({ args: { … } })`
//   becomes `defineCommand({ get args() { … } })`, which keeps its value once
//   built: a one-shot command reads only its own, and building every command's
//   arguments (zod schemas) at load was most of the bundle's start. Every other
//   bundle, and the tests, build them at load as written; the answers are the same.
import { readFile } from 'node:fs/promises';
import { asciiRegExps, NON_ASCII } from './ascii-bundle.mjs';

/** Edits ({ start, end, text }) that turn each `args: VALUE` of a `defineCommand({ … })` into a getter that keeps VALUE once built. */
export function lazyArgs(ts, file) {
  const edits = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineCommand') {
      const [spec] = node.arguments;
      const args = spec && ts.isObjectLiteralExpression(spec) ? spec.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'args') : undefined;
      if (args) {
        const value = args.initializer;
        edits.push({ start: args.getStart(file), end: value.getStart(file), text: 'get args() { const value = (' });
        edits.push({ start: value.end, end: value.end, text: "); Object.defineProperty(this, 'args', { value, writable: true, enumerable: true, configurable: true }); return value; }" });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edits;
}

/** esbuild plugin for the one-shot bundle; TypeScript parses only the files it edits. */
export const oneShotSources = {
  name: 'one-shot-sources',
  setup(build) {
    let ts;
    build.onLoad({ filter: /\/src\/.*\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const commands = /\/src\/commands\//.test(path) && text.includes('defineCommand(');
      if (!commands && !NON_ASCII.test(text)) return undefined;
      ts ??= (await import('typescript')).default;
      const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const edits = [...asciiRegExps(ts, file), ...(commands ? lazyArgs(ts, file) : [])].sort((a, b) => b.start - a.start || b.end - a.end);
      let contents = text;
      for (const { start, end, text: replacement } of edits) contents = contents.slice(0, start) + replacement + contents.slice(end);
      return { contents, loader: 'ts' };
    });
  },
};
