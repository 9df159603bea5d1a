// Starts the one-shot command path from a V8 code cache. Node 20 has no
// compile cache for ES modules, so every start would compile the whole bundle
// again; a CommonJS bundle run through vm.Script can take `cachedData` made at
// build time (scripts/warm-cli-cache.mjs), which also holds the functions a
// typical command compiles lazily. A cache V8 rejects (another Node, other
// flags) costs nothing but the compile it was meant to save.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const CLI_BUNDLE = join(__dirname, '..', 'dist', 'cli.cjs');
const CLI_CACHE = `${CLI_BUNDLE}.v8cache`;

/** Compiles and runs dist/cli.cjs as a CommonJS module; returns its exports and the script, whose cache the build writes. */
function loadCli(cachedData) {
  // The wrapper stays on the bundle's first line (its banner), so source maps still line up.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(CLI_BUNDLE, 'utf8')}\n})`;
  const script = new Script(source, { filename: CLI_BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(CLI_BUNDLE), bundle, CLI_BUNDLE, dirname(CLI_BUNDLE));
  return { cli: bundle.exports, script };
}

/** The code cache the build made, if there is one. */
function readCache() {
  try {
    return readFileSync(CLI_CACHE);
  } catch {
    return undefined;
  }
}

/** Runs the command line of this process; a face (TUI, MCP, HTTP) is handed to the ES module build, where its chunks live. */
function startCli() {
  // Node maps stack traces through source maps only for code its own loader compiled.
  const cli = process.sourceMapsEnabled ? require(CLI_BUNDLE) : loadCli(readCache()).cli;
  return cli.main(() => import(join(__dirname, '..', 'dist', 'fragments.js')).then((esm) => esm.main()));
}

module.exports = { CLI_BUNDLE, CLI_CACHE, loadCli, startCli };
