// Pure tests of the connect-time rule: the resolver is a table, nothing is ever connected to.
// Private, link-local and metadata addresses appear here only as strings.
import { parseAllowedTargets } from '@fieldwork/url-safety';
import { DnsLookupError, EgressGuard, UnsafeTargetError, type Resolver } from './address-guard';

const table = (entries: Record<string, string[]>): Resolver => async (host) => {
  const addresses = entries[host];
  if (!addresses) throw new DnsLookupError(host, 'ENOTFOUND', false);
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const resolver = table({
  'shop.example.com': ['93.184.215.14'],
  'rebind.example.com': ['127.0.0.2'],
  'internal.example.com': ['10.1.2.3'],
  'metadata.example.com': ['169.254.169.254'],
  'mixed.example.com': ['10.0.0.7', '93.184.215.14'],
  'v6.example.com': ['::ffff:192.168.1.1'],
  'intranet.corp.example': ['172.16.5.5'],
  'a.farm.localhost': ['127.0.0.1'],
});

describe('egress guard', () => {
  const farmOnly = new EgressGuard(parseAllowedTargets('127.0.0.1'), resolver);

  it('connects public names to the address they resolve to', async () => {
    await expect(farmOnly.resolve('shop.example.com')).resolves.toEqual({ address: '93.184.215.14', family: 4 });
  });

  it('refuses names that resolve to loopback, private, link-local or metadata addresses (DNS rebinding)', async () => {
    for (const [host, range] of [
      ['rebind.example.com', 'loopback'],
      ['internal.example.com', 'private'],
      ['metadata.example.com', 'cloud_metadata'],
      ['v6.example.com', 'private'],
    ] as const) {
      const error = await farmOnly.resolve(host).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnsafeTargetError);
      expect(error).toMatchObject({ host, range });
    }
    await expect(farmOnly.resolve('rebind.example.com')).rejects.toThrow(
      'rebind.example.com (127.0.0.2) is a loopback address; not connected to because FIELDWORK_ALLOWED_TARGETS does not allow it',
    );
  });

  it('uses an allowed address of a name that has several, never a blocked one', async () => {
    await expect(farmOnly.resolve('mixed.example.com')).resolves.toEqual({ address: '93.184.215.14', family: 4 });
  });

  it('lets the allowlist through by address (127.0.0.1 for the farm) and by exact name, nothing more', async () => {
    await expect(farmOnly.resolve('a.farm.localhost')).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(farmOnly.resolve('127.0.0.1')).resolves.toMatchObject({ address: '127.0.0.1' });
    expect(farmOnly.verdict('127.0.0.2', '127.0.0.2')).toEqual({ allowed: false, range: 'loopback' });
    const named = new EgressGuard(parseAllowedTargets('intranet.corp.example, 10.1.0.0/16'), resolver);
    await expect(named.resolve('intranet.corp.example')).resolves.toMatchObject({ address: '172.16.5.5' });
    await expect(named.resolve('internal.example.com')).resolves.toMatchObject({ address: '10.1.2.3' });
    await expect(named.resolve('metadata.example.com')).rejects.toBeInstanceOf(UnsafeTargetError);
  });

  it('does not trust what a *.localhost name stands for: only the address it really resolved to', () => {
    // The allowlist covers 127.0.0.1; a resolver answering 127.0.0.2 for a .localhost name is refused.
    expect(farmOnly.verdict('evil.localhost', '127.0.0.2')).toEqual({ allowed: false, range: 'loopback' });
    expect(farmOnly.verdict('evil.localhost', '127.0.0.1')).toEqual({ allowed: true, range: 'loopback' });
  });

  it('refuses URL text early: literal private addresses, metadata names, other schemes', () => {
    for (const url of ['http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://metadata.google.internal/', 'http://127.0.0.2:4599/x', 'http://[::1]/']) {
      const checked = farmOnly.checkUrl(url);
      expect(checked.ok).toBe(false);
    }
    expect(farmOnly.checkUrl('ftp://example.com/').ok).toBe(false);
    const ok = farmOnly.checkUrl('http://a.farm.localhost:4500/pricing');
    expect(ok.ok && ok.url.href).toBe('http://a.farm.localhost:4500/pricing');
  });

  it('reports names that do not resolve as DNS failures', async () => {
    await expect(farmOnly.resolve('nowhere.example.com')).rejects.toBeInstanceOf(DnsLookupError);
  });
});
