// esbuild options shared by the build and by the bench's minimal Ink app, so
// the bench compares the TUI with an app bundled exactly the same way.
import { inkOutput } from './ink-output.mjs';

export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  // Ink imports it only when DEV=true, for React DevTools; it is not a dependency.
  external: ['react-devtools-core'],
  // React and Ink read NODE_ENV at run time; production drops their development checks.
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  logLevel: 'warning',
};

/** ES modules split into chunks: what sits behind a dynamic import() loads only when used. */
export const splitEsm = {
  splitting: true,
  format: 'esm',
  // Bundled CommonJS dependencies still call require() for Node's own modules.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  // The build that holds the screen draws its frames with the screen's own Ink Output.
  plugins: [inkOutput],
};
