import { describe, expect, it } from 'vitest';
import { sign, verify } from './signature.js';
import { checkWebhookUrl, guardedLookup, isBlockedAddress, urlMessages } from './url-policy.js';
import { webhookEventFor } from './webhook-events.js';

describe('checkWebhookUrl', () => {
  it('takes http(s) URLs, loopback and private addresses included, without the fragment', () => {
    expect(checkWebhookUrl('http://127.0.0.1:9000/hook#x')).toEqual({ url: 'http://127.0.0.1:9000/hook' });
    expect(checkWebhookUrl(' https://hooks.example.com/jiaodian?k=1 ')).toEqual({ url: 'https://hooks.example.com/jiaodian?k=1' });
    expect(checkWebhookUrl('http://[::1]:8080/')).toEqual({ url: 'http://[::1]:8080/' });
    expect(checkWebhookUrl('http://10.0.0.8/hook')).toEqual({ url: 'http://10.0.0.8/hook' });
  });

  it('refuses other schemes, credentials and link-local or metadata hosts in any spelling', () => {
    expect(checkWebhookUrl('ftp://example.com/')).toEqual({ error: urlMessages.scheme });
    expect(checkWebhookUrl('file:///etc/passwd')).toEqual({ error: urlMessages.scheme });
    expect(checkWebhookUrl('javascript:alert(1)')).toEqual({ error: urlMessages.scheme });
    expect(checkWebhookUrl('not a url')).toEqual({ error: urlMessages.invalid });
    expect(checkWebhookUrl('https://user:pw@example.com/')).toEqual({ error: urlMessages.credentials });
    for (const u of [
      'http://169.254.169.254/latest/meta-data/',
      'http://2852039166/', // 169.254.169.254 as one number
      'http://0xa9.0xfe.0xa9.0xfe/',
      'http://169.254.1.1:80/',
      'http://[fe80::1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fd00:ec2::254]/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://METADATA.google.internal./',
      'http://100.100.100.200/',
      'http://0.0.0.0:3000/',
    ]) {
      expect(checkWebhookUrl(u), u).toEqual({ error: urlMessages.blocked });
    }
  });

  it('knows blocked addresses, also inside IPv6', () => {
    expect(['169.254.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', 'fe80::abcd', 'febf::1', 'ff02::1', '::', '::ffff:a9fe:a9fe', '64:ff9b::169.254.169.254'].filter((a) => !isBlockedAddress(a))).toEqual([]);
    expect(['127.0.0.1', '::1', '10.1.2.3', '192.168.0.10', '8.8.8.8', '2001:db8::1', '::ffff:127.0.0.1'].filter((a) => isBlockedAddress(a))).toEqual([]);
  });

  it('checks the DNS answer at connection time', async () => {
    const lookup = (host: string) =>
      new Promise<string>((resolve) => guardedLookup(host, {}, (err, address) => resolve(err ? `refused: ${err.message}` : String(address))));
    expect(await lookup('localhost')).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await lookup('169.254.169.254')).toBe('refused: the webhook host 169.254.169.254 resolves to 169.254.169.254, a link-local or metadata address, which is refused');
  });
});

describe('signature', () => {
  const secret = 'whsec_test';
  const body = '{"event":"article.published"}';

  it('signs the timestamp with the body, so neither can be swapped', () => {
    const sig = sign(secret, 1_800_000_000, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verify({ secret, body, signature: sig, timestamp: '1800000000', nowSeconds: 1_800_000_010 })).toBe(true);
    expect(verify({ secret, body: `${body} `, signature: sig, timestamp: '1800000000', nowSeconds: 1_800_000_010 })).toBe(false);
    expect(verify({ secret, body, signature: sig, timestamp: '1800000100', nowSeconds: 1_800_000_100 })).toBe(false);
    expect(verify({ secret: 'other', body, signature: sig, timestamp: '1800000000', nowSeconds: 1_800_000_000 })).toBe(false);
    expect(verify({ secret, body, signature: undefined, timestamp: '1800000000', nowSeconds: 1_800_000_000 })).toBe(false);
  });

  it('lets receivers refuse old timestamps (replays)', () => {
    const sig = sign(secret, 1_800_000_000, body);
    expect(verify({ secret, body, signature: sig, timestamp: '1800000000', nowSeconds: 1_800_000_000 + 301 })).toBe(false);
  });
});

describe('webhookEventFor', () => {
  it('maps saves that touch the public site to events', () => {
    expect(webhookEventFor('published', undefined)).toBe('article.published');
    expect(webhookEventFor('published', 'scheduled')).toBe('article.published');
    expect(webhookEventFor('published', 'published')).toBe('article.updated');
    expect(webhookEventFor('draft', 'published')).toBe('article.unpublished');
    expect(webhookEventFor('archived', 'published')).toBe('article.unpublished');
    expect(webhookEventFor('in_review', 'draft')).toBeUndefined();
    expect(webhookEventFor('archived', 'draft')).toBeUndefined();
  });
});
