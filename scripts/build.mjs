#!/usr/bin/env node
// Bundles the CLI twice over one source:
// - dist/fragments.js, ES modules split into chunks: the faces (TUI, MCP,
//   HTTP) and the Markdown parser sit behind dynamic import(), so nothing
//   loads them until used. In-process drivers import runCli from here.
// - dist/cli.cjs, one CommonJS file for one-shot commands, started by
//   bin/load-cli.js from a V8 code cache made here by a warm-up run: Node 20
//   cannot cache the compile of an ES module, and compiling is a third of a
//   command's start-up. It hands faces to the ES module build.
// Type-checking is `npm run typecheck`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { assertAscii } from './ascii-bundle.mjs';
import { common, splitEsm } from './bundle-options.mjs';
import { oneShotSources } from './one-shot-sources.mjs';

// Which schemas this build checks files with (src/store/checked.ts): a record of
// files checked by other schemas (another version, a downgrade) is not trusted.
const schemas = createHash('sha256');
for (const name of readdirSync('src/domain').sort()) schemas.update(name).update(readFileSync(`src/domain/${name}`));
schemas.update(JSON.parse(readFileSync('node_modules/zod/package.json', 'utf8')).version);
const define = { ...common.define, FRAGMENTS_SCHEMAS: JSON.stringify(schemas.digest('hex').slice(0, 16)) };

// Dependencies (package.json), reached only through import() by the commands that use them.
const RARE_LIBRARIES = ['yaml', 'markdown-it', 'smol-toml', 'pg'];

rmSync('dist', { recursive: true, force: true });
await build({
  ...common,
  ...splitEsm,
  // Workers start from files of their own: the TUI's command thread, and the thread a
  // long-running face reads a big plan on (src/project/plan-off-thread.ts).
  entryPoints: { fragments: 'src/cli/main.ts', 'tui-worker': 'src/tui/command-worker.ts', 'plan-worker': 'src/project/plan-worker.ts' },
  define,
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  // Readable stack traces: NODE_OPTIONS=--enable-source-maps.
  sourcemap: true,
});
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.cjs',
  format: 'cjs',
  sourcemap: true,
  // The faces are never loaded from here (runCli's handOff): left out, they keep Ink's top-level await out of a CommonJS file.
  // The libraries only `import`, `init` and a PostgreSQL store use are required from node_modules when those run:
  // bundled, their 300 KB were read and deserialised by every command's start, though no other command runs them.
  external: [...common.external, '../tui/run.js', '../mcp/stdio.js', '../http/serve.js', ...RARE_LIBRARIES],
  // On a line of its own: bin/load-cli.js wraps the file on its first line. A getter: only a face or a
  // worker asks for the URL, and making it (node:url) cost every other command's start ~0.3 ms.
  banner: { js: "var __importMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  define: { ...define, 'import.meta.url': '__importMeta.url' },
  plugins: [oneShotSources],
});
// Only minified: an unminified build (to debug) keeps comments, which may say anything.
if (common.minify) assertAscii('dist/cli.cjs');
execFileSync(process.execPath, ['scripts/warm-cli-cache.mjs'], { stdio: 'inherit' });
