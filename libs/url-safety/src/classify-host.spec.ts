// Literal strings only: nothing here resolves a name or opens a socket.
import { classifyHost, type BlockedRange } from './classify-host';

describe('classifyHost', () => {
  const blockedCases: [string, BlockedRange][] = [
    // IPv4 loopback, private, link-local, CGNAT, multicast, special
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.0.1', 'link_local'],
    ['169.254.169.254', 'cloud_metadata'],
    ['169.254.170.2', 'cloud_metadata'],
    ['100.100.100.200', 'cloud_metadata'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    // IPv6
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'cloud_metadata'],
    ['fe80::1', 'link_local'],
    ['febf::1', 'link_local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    // IPv4 inside IPv6
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:a9fe:a9fe]', 'cloud_metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:0:192.168.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'cloud_metadata'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['::7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['2001:0::1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    // names
    ['localhost', 'loopback'],
    ['LOCALHOST', 'loopback'],
    ['localhost.', 'loopback'],
    ['shop.farm.localhost', 'loopback'],
    ['a.b.c.localhost', 'loopback'],
    ['metadata.google.internal', 'cloud_metadata'],
    ['metadata.google.internal.', 'cloud_metadata'],
    ['metadata', 'cloud_metadata'],
    ['instance-data.ec2.internal', 'cloud_metadata'],
    ['db.internal', 'private_name'],
    ['printer.local', 'private_name'],
    ['nas.home.arpa', 'private_name'],
    ['intranet', 'private_name'],
    ['router.lan', 'private_name'],
    ['10.0.0.1.nip.io', 'private'],
    ['app.127.0.0.1.nip.io', 'loopback'],
    ['169-254-169-254.sslip.io', 'cloud_metadata'],
    ['anything.localtest.me', 'loopback'],
  ];

  it.each(blockedCases)('blocks %s as %s', (host, range) => {
    const result = classifyHost(host);
    expect(result).toMatchObject({ blocked: true, range });
    expect(result.reason).toMatch(/^\S+ is (a|an|the) /);
  });

  const openCases = [
    'example.com',
    'www.example.co.uk',
    'xn--bcher-kva.de',
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '172.15.255.255',
    '100.128.0.1',
    '169.255.0.1',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82a::200e',
    '8.8.8.8.nip.io',
    'localhost.example.com',
    'internal.example.com',
    'metadata.example.com',
  ];

  it.each(openCases)('lets %s through', (host) => {
    expect(classifyHost(host)).toMatchObject({ blocked: false });
  });

  it('reports the kind and the addresses a host stands for without DNS', () => {
    expect(classifyHost('[::ffff:127.0.0.1]')).toMatchObject({ kind: 'ipv6', host: '::ffff:127.0.0.1', addresses: ['::ffff:7f00:1'] });
    expect(classifyHost('127.0.0.1')).toMatchObject({ kind: 'ipv4', addresses: ['127.0.0.1'] });
    expect(classifyHost('site.farm.localhost')).toMatchObject({ kind: 'name', addresses: ['127.0.0.1', '::1'] });
    expect(classifyHost('metadata.google.internal').addresses).toEqual(['169.254.169.254']);
    expect(classifyHost('example.com')).toMatchObject({ kind: 'name', addresses: [] });
  });
});
