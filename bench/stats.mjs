// Order statistics for the bench: every figure is a median (or p99) of repeated runs.
export const percentile = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((list.length * p) / 100))];
export const median = (list) => percentile(list, 50);

/** Median, quartiles and p99 of a list of milliseconds, rounded for the table and the JSON. */
export function summary(list) {
  const r = (x) => Math.round(x * 10) / 10;
  return { runs: list.length, median: r(median(list)), q1: r(percentile(list, 25)), q3: r(percentile(list, 75)), p99: r(percentile(list, 99)) };
}
