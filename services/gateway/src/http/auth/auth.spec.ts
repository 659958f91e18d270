import { ForbiddenError } from '@fieldwork/contracts';
import { checkAccess, defaultAccess } from './access';
import { ApiKeyCache } from './api-key-cache';
import { generateApiKey, hashApiKey, looksLikeApiKey, SecretMatcher } from './api-keys';
import { PLATFORM_ADMIN, principalOf, type ApiKeyRecord } from './principal';

const record = (role: ApiKeyRecord['role'], keyId = 'k1'): ApiKeyRecord => ({ keyId, organizationId: 'o1', role, name: 'n', prefix: 'fwk_abcdefgh', revoked: false });

describe('API keys', () => {
  it('are 256 random bits, recognisable, stored as a SHA-256 hash with a short display prefix', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^fwk_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.displayPrefix).toBe(a.key.slice(0, 12));
    expect(looksLikeApiKey(a.key)).toBe(true);
    expect(looksLikeApiKey(`${a.key}x`)).toBe(false);
    expect(looksLikeApiKey('fwk_short')).toBe(false);
  });

  it('compares secrets of any length', () => {
    const admin = new SecretMatcher('admin-secret');
    expect(admin.matches('admin-secret')).toBe(true);
    expect(admin.matches('admin-secreT')).toBe(false);
    expect(admin.matches('a')).toBe(false);
  });
});

describe('API key cache', () => {
  it('forgets entries after the TTL, on invalidation, and keeps to its size', () => {
    let now = 0;
    const cache = new ApiKeyCache(1_000, 2, () => now);
    cache.set('h1', record('viewer', 'k1'));
    expect(cache.get('h1')?.keyId).toBe('k1');
    now = 1_000;
    expect(cache.get('h1')).toBeUndefined();
    cache.set('h1', record('viewer', 'k1'));
    cache.set('h2', record('viewer', 'k2'));
    cache.set('h3', record('viewer', 'k3'));
    expect(cache.size).toBe(2);
    expect(cache.get('h1')).toBeUndefined();
    cache.invalidate('k2');
    expect(cache.get('h2')).toBeUndefined();
    expect(cache.get('h3')?.keyId).toBe('k3');
    cache.invalidate();
    expect(cache.size).toBe(0);
  });

  it('does not cache a lookup that started before an invalidation (a revocation racing a read)', () => {
    const cache = new ApiKeyCache(1_000);
    const generation = cache.generation;
    cache.invalidate('k1');
    cache.set('h1', record('viewer'), generation);
    expect(cache.get('h1')).toBeUndefined();
  });
});

describe('access rules', () => {
  const viewer = principalOf(record('viewer'));
  const editor = principalOf(record('editor'));
  const owner = principalOf(record('owner'));

  it('default: reads for every role, writes for editors and owners', () => {
    expect(() => checkAccess(defaultAccess('GET'), viewer)).not.toThrow();
    expect(() => checkAccess(defaultAccess('POST'), viewer)).toThrow(ForbiddenError);
    expect(() => checkAccess(defaultAccess('DELETE'), editor)).not.toThrow();
  });

  it('owner-only routes refuse editors; the admin only where allowed', () => {
    expect(() => checkAccess({ level: 'owner' }, editor)).toThrow('This API key has the editor role; this needs the owner role.');
    expect(() => checkAccess({ level: 'owner' }, owner)).not.toThrow();
    expect(() => checkAccess({ level: 'owner' }, PLATFORM_ADMIN)).toThrow(/platform admin key manages organizations/);
    expect(() => checkAccess({ level: 'owner', platformAdmin: true }, PLATFORM_ADMIN)).not.toThrow();
    expect(() => checkAccess({ level: 'platform_admin' }, owner)).toThrow('Only the platform admin key may do this.');
  });
});
