/**
 * @module center/http/client-address.test
 * Whose address a request is: a direct client's own whatever it sends; through trusted proxies the
 * first untrusted hop from the right of `X-Forwarded-For`; garbage in the list stops at the hop that
 * added it; bad `--trust-proxy` entries are refused by name.
 */
import { expect, test } from 'vitest';
import { ProxyTrust } from './client-address.ts';

test('without trusted proxies the header is ignored: the peer is the client', () => {
  const none = new ProxyTrust();
  expect(none.clientAddress('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  expect(none.clientAddress('::ffff:127.0.0.1', undefined)).toBe('127.0.0.1');
});

test('a client connecting directly cannot name its own address', () => {
  const trust = ProxyTrust.parse('10.0.0.0/8');
  // The peer is not a proxy: whatever it claims, it is itself.
  expect(trust.clientAddress('203.0.113.9', '198.51.100.1, 10.0.0.5')).toBe('203.0.113.9');
});

test('through trusted proxies: the first hop from the right that is not trusted', () => {
  const trust = ProxyTrust.parse('127.0.0.1, 10.0.0.0/8,fd00::/8');
  expect(trust.clientAddress('127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
  // A spoofed entry the client sent sits left of what the proxies added, and is not reached.
  expect(trust.clientAddress('127.0.0.1', '1.2.3.4, 198.51.100.7, 10.1.1.1')).toBe('198.51.100.7');
  // IPv4 mapped into IPv6 (a dual-stack socket), IPv6 hops, bracketed and with ports as proxies write.
  expect(trust.clientAddress('::ffff:127.0.0.1', '2001:db8::1')).toBe('2001:db8::1');
  expect(trust.clientAddress('fd12::1', '[2001:db8::2]:4711')).toBe('2001:db8::2');
  expect(trust.clientAddress('127.0.0.1', '198.51.100.8:5000')).toBe('198.51.100.8');
  // Every hop trusted: the leftmost is as far as anyone can tell.
  expect(trust.clientAddress('127.0.0.1', '10.0.0.1, 10.0.0.2')).toBe('10.0.0.1');
  // An empty header: the proxy itself.
  expect(trust.clientAddress('127.0.0.1', '')).toBe('127.0.0.1');
});

test('garbage in the list counts against the proxy that passed it on, never a made-up address', () => {
  const trust = ProxyTrust.parse('127.0.0.1,10.0.0.0/8');
  expect(trust.clientAddress('127.0.0.1', 'unknown')).toBe('127.0.0.1');
  expect(trust.clientAddress('127.0.0.1', '198.51.100.7, <script>, 10.0.0.9')).toBe('10.0.0.9');
  expect(trust.clientAddress('127.0.0.1', '999.1.1.1')).toBe('127.0.0.1');
});

test('entries that are not addresses or CIDR blocks are refused, naming the entry', () => {
  for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.0/x', '::1/129', '1.2.3.4/8/8', '10.0.0.0/']) {
    expect(() => ProxyTrust.parse(bad)).toThrow(`'${bad}' is not an IP address or CIDR block`);
  }
  expect(ProxyTrust.parse(' 127.0.0.1 , ,::1').entries).toEqual(['127.0.0.1', '::1']);
  expect(ProxyTrust.parse('10.0.0.0/8').trusts('10.200.3.4')).toBe(true);
  expect(ProxyTrust.parse('10.0.0.0/8').trusts('not-an-ip')).toBe(false);
});
