// The key a caller's address is throttled under: an IPv4 address as it is, an IPv6 address by its /64 network
// (one subscriber gets a whole /64, so rotating within it must not reset the count).
import net from 'node:net';

/** The 8 groups of an IPv6 address, '::' expanded, or undefined when it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  if (net.isIPv6(address) === false) return undefined;
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) takes two groups.
  const last = right.length ? right : left;
  if (last.length && net.isIPv4(last[last.length - 1]!)) {
    const [a, b, c, d] = last.pop()!.split('.').map(Number) as [number, number, number, number];
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16).toString(16));
}

export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const groups = ipv6Groups(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}
