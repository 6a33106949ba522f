import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

const req = (peer: string, xff?: string) => ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

// The same answers as Fastify's req.ip (proxy-addr) for the settings JIAODIAN_TRUST_PROXY admits.
describe('clientAddress', () => {
  it('is the peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress('off')(req('198.51.100.1', '203.0.113.5'))).toBe('198.51.100.1');
  });

  it('walks X-Forwarded-For from the right while the hops are trusted', () => {
    const ip = clientAddress('loopback');
    expect(ip(req('127.0.0.1', '203.0.113.5'))).toBe('203.0.113.5');
    expect(ip(req('::1', '203.0.113.5, 127.0.0.2'))).toBe('203.0.113.5');
    expect(ip(req('::ffff:127.0.0.1', ' 203.0.113.9 '))).toBe('203.0.113.9');
    // An untrusted peer's header is ignored; an untrusted hop stops the walk.
    expect(ip(req('198.51.100.1', '203.0.113.5'))).toBe('198.51.100.1');
    expect(ip(req('127.0.0.1', '203.0.113.5, 198.51.100.1'))).toBe('198.51.100.1');
    // Every hop trusted: the leftmost entry.
    expect(ip(req('127.0.0.1', '127.0.0.5, 127.0.0.6'))).toBe('127.0.0.5');
    expect(ip(req('127.0.0.1'))).toBe('127.0.0.1');
  });

  it('trusts listed addresses and CIDR ranges of both families', () => {
    const ip = clientAddress('10.0.0.0/8, 192.0.2.1, fd00::/8');
    expect(ip(req('10.1.2.3', '203.0.113.5'))).toBe('203.0.113.5');
    expect(ip(req('192.0.2.1', '203.0.113.6'))).toBe('203.0.113.6');
    expect(ip(req('192.0.2.2', '203.0.113.6'))).toBe('192.0.2.2');
    expect(ip(req('fd12::1', '2001:db8::7'))).toBe('2001:db8::7');
    expect(ip(req('10.0.0.1', 'garbage, 10.0.0.2'))).toBe('garbage');
  });
});
