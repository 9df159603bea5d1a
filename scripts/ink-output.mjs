// Two modules of Ink are replaced in the bundle by the screen's own, which
// draw the same frames at a cost that follows what changed on the screen
// (see src/tui/ink/output.ts): the Output its renderer draws each frame
// into, and the widest-line it measures every text with on every frame.
// Ink's tests of the screen (ink-testing-library, under vitest) run on Ink's
// own modules; test/tui/ink-output.test.ts holds the two Outputs to the same frames.
import { fileURLToPath } from 'node:url';

const own = (file) => fileURLToPath(new URL(`../src/tui/ink/${file}`, import.meta.url));
const INK = /[\\/]node_modules[\\/]ink[\\/]build[\\/]/;
const REPLACED = [
  { importer: 'renderer.js', path: './output.js', by: own('output.ts') },
  { importer: 'render-node-to-output.js', path: 'widest-line', by: own('widest-line.ts') },
];

/** The esbuild plugin that puts them there, for a build that bundles Ink; it fails if Ink no longer imports them so. */
export const inkOutput = {
  name: 'ink-output',
  setup(build) {
    const replaced = new Set();
    build.onResolve({ filter: /^(\.\/output\.js|widest-line)$/ }, (args) => {
      const at = INK.exec(args.importer);
      const swap = at && REPLACED.find((r) => args.importer.slice(at.index + at[0].length) === r.importer && args.path === r.path);
      if (!swap) return undefined;
      replaced.add(swap);
      return { path: swap.by };
    });
    build.onEnd((result) => {
      const missing = REPLACED.filter((r) => !replaced.has(r));
      if (missing.length === 0 || result.errors.length > 0) return undefined;
      return { errors: missing.map((r) => ({ text: `Ink's ${r.importer} no longer imports ${r.path}: check scripts/ink-output.mjs and src/tui/ink/ against this Ink` })) };
    });
  },
};
