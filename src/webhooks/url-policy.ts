import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { AppError } from '../errors/index.js';

/**
 * Where webhooks may send. A webhook makes this server send requests on an admin's behalf, so
 * its URL must not point at what only the server can reach and an admin should not: cloud
 * metadata services (169.254.169.254 and friends hand out credentials) and other link-local
 * addresses. Loopback stays allowed on purpose: tests and integrations on the same machine
 * use it, and it is not where cloud credentials live. Private ranges (10/8, 192.168/16) are
 * allowed too: newsroom integrations often live there.
 *
 * The check runs when a webhook is saved (a clear 400) and again at every delivery, where the
 * DNS answer itself is checked, so a name that later resolves to a metadata address (DNS
 * rebinding) is still refused.
 */

/** Messages for URL problems, shown as field errors. */
export const urlMessages = {
  invalid: 'an absolute http:// or https:// URL',
  scheme: 'only http:// and https:// URLs can receive webhooks',
  credentials: 'no user name or password in the URL: receivers check the signature instead',
  blocked: 'link-local and cloud metadata addresses (such as 169.254.169.254) cannot receive webhooks',
  tooLong: 'at most 2000 characters',
} as const;

// Names of metadata services that answer inside clouds without a link-local literal.
const BLOCKED_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/**
 * A webhook URL normalized (no fragment), or the reason it is refused.
 *
 * @example
 * checkWebhookUrl('http://127.0.0.1:9000/hook')      // { url: 'http://127.0.0.1:9000/hook' }
 * checkWebhookUrl('http://169.254.169.254/latest/')  // { error: urlMessages.blocked }
 */
export function checkWebhookUrl(raw: string): { url: string } | { error: string } {
  if (raw.length > 2000) return { error: urlMessages.tooLong };
  let u: URL;
  try {
    // The WHATWG parser also normalizes tricks such as http://2852039166/ → 169.254.169.254.
    u = new URL(raw.trim());
  } catch {
    return { error: urlMessages.invalid };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: urlMessages.scheme };
  if (u.username || u.password) return { error: urlMessages.credentials };
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (!host) return { error: urlMessages.invalid };
  if (BLOCKED_NAMES.has(host) || (isIP(host) !== 0 && isBlockedAddress(host))) return { error: urlMessages.blocked };
  u.hash = '';
  return { url: u.toString() };
}

/**
 * Whether deliveries must never go to this IP address: link-local (IPv4 169.254/16 and IPv6
 * fe80::/10, which hold cloud metadata services), the unspecified and "this network" ranges,
 * multicast and broadcast, and the metadata addresses of clouds that use other ranges —
 * also when an IPv4 address hides inside IPv6 (::ffff:a.b.c.d, 64:ff9b::a.b.c.d).
 */
export function isBlockedAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) return blockedV4(ip.split('.').map(Number));
  if (v !== 6) return true;
  const h = expandV6(ip);
  if (!h) return true;
  const embedded = [(h[6]! >> 8) & 255, h[6]! & 255, (h[7]! >> 8) & 255, h[7]! & 255];
  // IPv4-mapped ::ffff:0:0/96 and the NAT64 prefix 64:ff9b::/96.
  if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) return blockedV4(embedded);
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((x) => x === 0)) return blockedV4(embedded);
  if (h.every((x) => x === 0)) return true; // ::
  if ((h[0]! & 0xffc0) === 0xfe80) return true; // link-local
  if ((h[0]! & 0xff00) === 0xff00) return true; // multicast
  // AWS's IPv6 metadata address fd00:ec2::254.
  if (h[0] === 0xfd00 && h[1] === 0x0ec2 && h.slice(2, 7).every((x) => x === 0) && h[7] === 0x254) return true;
  return false;
}

function blockedV4([a, b, c, d]: number[]): boolean {
  if (a === 169 && b === 254) return true; // link-local, metadata
  if (a === 0) return true; // "this network": 0.0.0.0 reaches the local host by surprise
  if (a! >= 224) return true; // multicast, reserved, broadcast
  if (a === 100 && b === 100 && c === 100 && d === 200) return true; // Alibaba Cloud metadata
  return false;
}

/** The eight 16-bit groups of an IPv6 address (with an optional dotted IPv4 tail). */
function expandV6(ip: string): number[] | undefined {
  let s = ip.split('%')[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number);
    s = s.slice(0, -dotted[1]!.length) + `${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (s.includes('::') ? missing < 0 : missing !== 0) return undefined;
  return [...left, ...Array<string>(s.includes('::') ? missing : 0).fill('0'), ...right].map((x) => parseInt(x, 16));
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that refuses blocked addresses in the DNS answer itself; the
 * connection then goes to an address that was checked, not to a second, different answer.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isBlockedAddress(a.address));
    if (bad || list.length === 0) {
      return callback(new AppError('JD_ERR_WEBHOOK_ADDRESS_REFUSED', { host: hostname, address: bad?.address ?? 'none' }), []);
    }
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}
