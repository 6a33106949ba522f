import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** Addresses whose trust is remembered at most (the peers, and hops of longer forwarding chains). */
const KNOWN_ADDRESSES = 1024;

/**
 * The client's address of a bare `node:http` request, computed as Fastify computes `req.ip` for
 * the same `trustProxy` setting (JIAODIAN_TRUST_PROXY), for handlers that answer before Fastify
 * (src/http/fast-path.ts). `off`: the peer's address. Otherwise the peer and then each
 * `X-Forwarded-For` entry from the right are walked while they are trusted proxies; the first
 * untrusted one is the client (all trusted: the leftmost entry). `loopback` trusts 127.0.0.0/8
 * and ::1; a list trusts those addresses and CIDR ranges. IPv4-mapped IPv6 addresses
 * (::ffff:127.0.0.1) count as their IPv4 form, as in proxy-addr.
 *
 * @example
 * const ipOf = clientAddress('loopback');
 * ipOf(req) // '203.0.113.9' for a request from nginx on 127.0.0.1 with X-Forwarded-For: 203.0.113.9
 */
export function clientAddress(trustProxy: string): (req: IncomingMessage) => string {
  if (trustProxy === 'off') return (req) => req.socket.remoteAddress ?? '';
  const list = trustList(trustProxy);
  // Peers are a handful of proxies: their answers are kept (a BlockList check parses the address
  // into a SocketAddress each time, a visible share of a views beacon's cost).
  const known = new Map<string, boolean>();
  const trusted = (address: string): boolean => {
    let yes = known.get(address);
    if (yes === undefined) {
      yes = isTrusted(list, address);
      if (known.size >= KNOWN_ADDRESSES) known.clear();
      known.set(address, yes);
    }
    return yes;
  };
  return (req) => {
    const peer = req.socket.remoteAddress ?? '';
    const header = req.headers['x-forwarded-for'];
    if (header === undefined || !trusted(peer)) return peer;
    const hops = (Array.isArray(header) ? header.join(',') : header).split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!.trim();
      if (i === 0 || !trusted(hop)) return hop;
    }
    return peer;
  };
}

function trustList(setting: string): BlockList {
  const list = new BlockList();
  for (const raw of setting.split(',')) {
    const entry = raw.trim();
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addSubnet('::1', 128, 'ipv6');
      continue;
    }
    const [address = '', bits] = entry.split('/');
    const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
    // The configuration schema admits only addresses and ranges; anything else trusts nothing.
    if (!family) continue;
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  if (isIPv4(address)) return list.check(address, 'ipv4');
  if (!isIPv6(address)) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined && list.check(mapped, 'ipv4')) return true;
  return list.check(address, 'ipv6');
}
