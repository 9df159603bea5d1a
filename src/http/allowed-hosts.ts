import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Reachable from this machine only: `localhost`, 127.0.0.0/8, `::1`, and those written as IPv6 (`::ffff:127.0.0.1`). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare.toLowerCase() === 'localhost') return true;
  const family = isIP(bare);
  // A v4-mapped IPv6 address is checked against the IPv4 rules: ::ffff:127.0.0.1 is 127.0.0.1.
  return family !== 0 && LOOPBACK.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}
