/**
 * Fault injection for the reliability tests: FRAGMENTS_STOP_AT=locked,journal
 * makes this process stop itself (SIGSTOP) at those points of a transaction,
 * so a test can freeze a lock holder exactly there and check what others do
 * meanwhile, instead of hoping a kill -STOP lands at the right instant.
 */
/**
 * Waiting for the home's lock, in line (its waiter's folder written); after taking the lock (PostgreSQL: the transaction begun); before writing;
 * with the journal on disk; with one file of several in place (PostgreSQL:
 * every row written, not committed); with all in place, the lock still held.
 */
export type StopPoint = 'queued' | 'locked' | 'commit' | 'journal' | 'installing' | 'installed';

let points: Set<string> | undefined;

export function stopPoint(point: StopPoint): void {
  points ??= new Set((process.env.FRAGMENTS_STOP_AT ?? '').split(',').filter(Boolean));
  if (points.has(point)) process.kill(process.pid, 'SIGSTOP');
}
