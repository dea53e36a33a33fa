import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may never reach: loopback, private, carrier-grade NAT, link-local (cloud metadata at
 * 169.254.169.254 and fd00:ec2::254 included), unique-local, multicast, documentation and reserved ranges.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  // Local-use NAT64 (RFC 8215): translated by the site's own gateway, so it may reach private IPv4 space.
  ['64:ff9b:1::', 48],
  // Teredo tunnels IPv4: the server's address and the client's (obfuscated) ride inside; refused whole.
  ['2001::', 32],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** The eight 16-bit words of an IPv6 address in any textual form (`::` shortening, a trailing dotted quad). */
function ipv6Words(address: string): number[] {
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const text = dotted
    ? `${address.slice(0, dotted.index)}${((+dotted[1] << 8) | +dotted[2]).toString(16)}:${((+dotted[3] << 8) | +dotted[4]).toString(16)}`
    : address;
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((word) => parseInt(word, 16)) : []);
  const high = parse(head);
  const low = parse(tail);
  return tail === undefined ? high : [...high, ...Array<number>(8 - high.length - low.length).fill(0), ...low];
}

const ipv4Of = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * An IPv4 address carried inside an IPv6 one, if any: IPv4-mapped `::ffff:0:0/96`, IPv4-translated
 * `::ffff:0:0:0/96`, IPv4-compatible `::/96` (deprecated), NAT64 `64:ff9b::/96`, 6to4 `2002::/16`. Read from the words, so every way of writing them counts.
 */
function embeddedIpv4(address: string): string | null {
  const w = ipv6Words(address.toLowerCase());
  const zeros = (from: number, to: number) => w.slice(from, to).every((word) => word === 0);
  if (zeros(0, 5) && w[5] === 0xffff) {
    return ipv4Of(w[6], w[7]);
  }
  if (zeros(0, 4) && w[4] === 0xffff && w[5] === 0) {
    return ipv4Of(w[6], w[7]);
  }
  if (zeros(0, 6) && (w[6] !== 0 || w[7] > 1)) {
    return ipv4Of(w[6], w[7]);
  }
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) {
    return ipv4Of(w[6], w[7]);
  }
  if (w[0] === 0x2002) {
    return ipv4Of(w[1], w[2]);
  }
  return null;
}

/** True for an address a webhook delivery must not connect to. Anything that is not an IP address is refused too. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) {
    return FORBIDDEN.check(address, 'ipv4');
  }
  if (family !== 6) {
    return true;
  }
  // A zone id (`fe80::1%eth0`) names an interface, not part of the address.
  const bare = address.replace(/%.*$/, '');
  const inner = embeddedIpv4(bare);
  if (inner !== null) {
    return isForbiddenAddress(inner);
  }
  return FORBIDDEN.check(bare, 'ipv6');
}
