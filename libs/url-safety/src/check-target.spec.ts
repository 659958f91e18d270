import { AllowedTargetsError, isAllowedTarget, NO_ALLOWED_TARGETS, parseAllowedTargets } from './allowed-targets';
import { checkTargetUrl, siteDomain } from './check-target';

describe('parseAllowedTargets', () => {
  it('reads names, wildcards, addresses and CIDR blocks', () => {
    const allowed = parseAllowedTargets(' 127.0.0.1, 10.20.0.0/16 ,fd00::/8, intranet.example, *.farm.localhost, ::1 ');
    expect([...allowed.names]).toEqual(['intranet.example']);
    expect(allowed.suffixes).toEqual(['.farm.localhost']);
    expect(allowed.blocks).toHaveLength(4);
    expect(allowed.entries).toHaveLength(6);
  });

  it('is empty when unset', () => {
    expect(parseAllowedTargets(undefined).entries).toEqual([]);
    expect(parseAllowedTargets('').entries).toEqual([]);
  });

  it.each(['10.0.0.0/40', 'http://x', 'a b', '*'])('refuses %s', (entry) => {
    expect(() => parseAllowedTargets(entry)).toThrow(AllowedTargetsError);
  });
});

describe('isAllowedTarget', () => {
  const allowed = parseAllowedTargets('127.0.0.1,10.20.0.0/16,intranet,*.corp.example');

  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', false],
    ['localhost', true],
    ['shop.farm.localhost', true],
    ['::ffff:127.0.0.1', true],
    ['::1', false],
    ['10.20.3.4', true],
    ['10.21.0.1', false],
    ['intranet', true],
    ['wiki.corp.example', true],
    ['corp.example', false],
    ['169.254.169.254', false],
    ['metadata.google.internal', false],
  ])('%s → %s', (host, expected) => {
    expect(isAllowedTarget(host, allowed)).toBe(expected);
  });
});

describe('checkTargetUrl', () => {
  it('accepts public addresses with their site domain', () => {
    expect(checkTargetUrl('shop.example.co.uk/menu#x', NO_ALLOWED_TARGETS)).toEqual({
      ok: true,
      url: 'https://shop.example.co.uk/menu',
      host: 'shop.example.co.uk',
      hostKind: 'name',
      domain: 'example.co.uk',
      schemeAdded: true,
    });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'cloud_metadata'],
    ['http://localhost', 'loopback'],
    ['http://localhost:8080/admin', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[fd00::1]/', 'private'],
    ['http://[fe80::1]/', 'link_local'],
    ['http://10.0.0.5/', 'private'],
    ['http://100.64.1.1/', 'cgnat'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'cloud_metadata'],
    ['http://evil.example@169.254.169.254/', 'cloud_metadata'],
    ['http://2130706433/', 'loopback'],
  ])('blocks %s (%s)', (raw, range) => {
    const result = checkTargetUrl(raw, NO_ALLOWED_TARGETS);
    expect(result).toMatchObject({ ok: false, code: 'blocked_address', range });
    if (!result.ok) expect(result.message).toMatch(/FIELDWORK_ALLOWED_TARGETS/);
  });

  it('lets blocked hosts through when the allowlist covers them, and says so', () => {
    const allowed = parseAllowedTargets('127.0.0.1');
    expect(checkTargetUrl('http://bakery.farm.localhost:4100/', allowed)).toMatchObject({
      ok: true,
      domain: 'bakery.farm.localhost',
      allowlisted: 'loopback',
    });
    expect(checkTargetUrl('http://127.0.0.1:4100/', allowed)).toMatchObject({ ok: true, allowlisted: 'loopback' });
    expect(checkTargetUrl('http://127.0.0.2/', allowed)).toMatchObject({ ok: false, code: 'blocked_address' });
    expect(checkTargetUrl('http://[::1]/', allowed)).toMatchObject({ ok: false, code: 'blocked_address' });
  });

  it('passes URL problems through', () => {
    expect(checkTargetUrl('javascript:alert(1)', NO_ALLOWED_TARGETS)).toMatchObject({ ok: false, code: 'unsupported_scheme' });
    expect(checkTargetUrl('', NO_ALLOWED_TARGETS)).toMatchObject({ ok: false, code: 'missing_url' });
  });
});

describe('siteDomain', () => {
  it.each([
    ['www.example.com', 'example.com'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['a.farm.localhost', 'a.farm.localhost'],
    ['www.b.farm.localhost', 'b.farm.localhost'],
    ['8.8.8.8', '8.8.8.8'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
  ])('%s → %s', (host, domain) => {
    expect(siteDomain(host)).toBe(domain);
  });
});
