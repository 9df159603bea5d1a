// Ink measures every text of the screen on every frame (render-node-to-output.js) with widest-line, which
// counts each character again; the build (scripts/ink-output.mjs) gives it this one, which remembers the
// frame before's widths.
export { widestLine as default } from './frame-cache.js';
