// What the one-shot bundle gives for `require('assert')`. Its only user there
// is signal-exit (through proper-lockfile), for one argument check: Node's
// assert would cost every write command ~2.5 ms to load, half of it making
// process.stderr a stream for its colours. scripts/build.mjs checks that
// nothing else in the bundle asks for assert.
exports.equal = (actual, expected, message) => {
  // Loose, as assert.equal compares.
  if (actual != expected) throw new Error(message);
};
