// The one policy behind the Host and Origin guards, header by header: which Host names this
// server (DNS rebinding) and which Origin may drive it, including the malformed headers a
// hostile page or client can send.
import { describe, expect, it } from 'vitest';
import { createOriginPolicy } from './origin-policy.js';

const policy = createOriginPolicy({
  allowedHosts: ['localhost', 'dash.example.com'],
  allowedOrigins: ['https://partner.example'],
});

describe('the Host header (DNS rebinding)', () => {
  it('answers to any IP address, with or without a port, v4 and v6', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.1:3000',
      '10.1.2.3:80',
      '[::1]',
      '[::1]:3000',
      '[fe80::1]:8080',
    ])
      expect(policy.hostAllowed(host), host).toBe(true);
  });

  it('answers to a listed name in any case, with a port or a trailing dot', () => {
    for (const host of [
      'localhost',
      'localhost:3000',
      'LocalHost:3000',
      'localhost.',
      'localhost.:3000',
      'DASH.example.com',
    ])
      expect(policy.hostAllowed(host), host).toBe(true);
  });

  it('refuses a name it was not given, even one that starts or ends like an allowed one', () => {
    for (const host of [
      'evil.example',
      'evil.example:3000',
      'localhost.evil.example',
      'dash.example.com.evil',
      '127.0.0.1.nip.io',
      'xlocalhost',
    ])
      expect(policy.hostAllowed(host), host).toBe(false);
  });

  it('refuses a Host that is not a bare authority: user info, a path, a query, or no name at all', () => {
    for (const host of [
      'user@localhost',
      'localhost/admin',
      'localhost?x=1',
      '',
      'local host',
      'localhost:99999',
    ])
      expect(policy.hostAllowed(host), JSON.stringify(host)).toBe(false);
  });

  it('lets a request without a Host header through (HTTP/1.0; browsers always send one)', () => {
    expect(policy.hostAllowed(undefined)).toBe(true);
  });
});

describe('the Origin header (cross-site control)', () => {
  it("takes the server's own page: the same host and port as the Host header, whatever the scheme", () => {
    expect(policy.originAllowed('http://localhost:3000', 'localhost:3000')).toBe(true);
    expect(policy.originAllowed('https://localhost:3000', 'localhost:3000')).toBe(true);
    expect(policy.originAllowed('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(policy.originAllowed('http://dash.example.com', 'DASH.example.com:80')).toBe(true);
  });

  it('refuses a page of another host or another port of the same host', () => {
    expect(policy.originAllowed('http://evil.example', 'localhost:3000')).toBe(false);
    expect(policy.originAllowed('http://localhost:3001', 'localhost:3000')).toBe(false);
    expect(policy.originAllowed('http://localhost', 'localhost:3000')).toBe(false);
  });

  it('takes a listed origin from any Host, and only that exact origin', () => {
    expect(policy.originAllowed('https://partner.example', 'localhost:3000')).toBe(true);
    expect(policy.originAllowed('https://partner.example', undefined)).toBe(true);
    expect(policy.originAllowed('http://partner.example', 'localhost:3000')).toBe(false);
    expect(policy.originAllowed('https://partner.example:8443', 'localhost:3000')).toBe(false);
  });

  it('refuses "null", non-web schemes and unparsable origins, even when the host part matches', () => {
    expect(policy.originAllowed('null', 'localhost:3000')).toBe(false);
    expect(policy.originAllowed('file://localhost:3000', 'localhost:3000')).toBe(false);
    expect(policy.originAllowed('ws://localhost:3000', 'localhost:3000')).toBe(false);
    expect(policy.originAllowed('chrome-extension://abc', 'abc')).toBe(false);
    expect(policy.originAllowed('not a url', 'localhost:3000')).toBe(false);
  });

  it('refuses an unlisted origin when the Host is absent or not an authority', () => {
    expect(policy.originAllowed('http://localhost:3000', undefined)).toBe(false);
    expect(policy.originAllowed('http://localhost:3000', 'user@localhost:3000')).toBe(false);
    expect(policy.originAllowed('http://localhost:3000', 'localhost:3000/x')).toBe(false);
  });

  it('lets a request without an Origin through (curl, scripts, same-origin reads)', () => {
    expect(policy.originAllowed(undefined, 'localhost:3000')).toBe(true);
    expect(policy.originAllowed(undefined, undefined)).toBe(true);
  });
});
