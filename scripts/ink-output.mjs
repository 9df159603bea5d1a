// Ink's renderer draws each frame through `./output.js`; the screen's own
// Output (src/tui/ink-output.ts) takes its place in the bundle: the same
// frame, at a cost that follows what changed (see that file). Ink's tests of
// the screen (ink-testing-library, under vitest) run on Ink's own Output;
// test/tui/ink-output.test.ts holds the two to the same frames.
import { fileURLToPath } from 'node:url';

const replacement = fileURLToPath(new URL('../src/tui/ink-output.ts', import.meta.url));
const RENDERER = /[\\/]node_modules[\\/]ink[\\/]build[\\/]renderer\.js$/;

/** The esbuild plugin that puts it there, for a build that bundles Ink; it fails if Ink's renderer no longer imports `./output.js`. */
export const inkOutput = {
  name: 'ink-output',
  setup(build) {
    let replaced = false;
    build.onResolve({ filter: /^\.\/output\.js$/ }, (args) => {
      if (!RENDERER.test(args.importer)) return undefined;
      replaced = true;
      return { path: replacement };
    });
    build.onEnd((result) => {
      if (!replaced && result.errors.length === 0) {
        return { errors: [{ text: "Ink's renderer no longer imports ./output.js: check scripts/ink-output.mjs and src/tui/ink-output.ts against this Ink" }] };
      }
      return undefined;
    });
  },
};
