#!/usr/bin/env node
// Bundles the CLI: one module to load instead of hundreds is most of a one-shot
// command's start-up. Code behind a dynamic import() (the TUI, the Markdown
// parser) goes to its own chunk, so a one-shot command never parses it.
// Type-checking is `npm run typecheck`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { fragments: 'src/cli/main.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  // Ink imports it only when DEV=true, for React DevTools; it is not a dependency.
  external: ['react-devtools-core'],
  // Bundled CommonJS dependencies (proper-lockfile) still call require() for Node's own modules.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  // React and Ink read NODE_ENV at run time; production drops their development checks.
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  // Readable stack traces: NODE_OPTIONS=--enable-source-maps.
  sourcemap: true,
  logLevel: 'warning',
});
