import { loadGatewayConfig } from '../../gateway-config';
import { ApiKeyCache } from './api-key-cache';
import { ApiKeyAuthenticator } from './authenticator';
import { generateApiKey } from './api-keys';
import type { ApiKeyLookup, ApiKeyRecord } from './principal';

const ADMIN = 'a-platform-admin-key-of-at-least-32-characters';

/** An in-memory key table whose lookups resolve when the test says so. */
class ControlledLookup implements ApiKeyLookup {
  readonly records = new Map<string, ApiKeyRecord>();
  readonly pending: (() => void)[] = [];
  calls = 0;

  findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    this.calls += 1;
    // What the database held when the query ran.
    const snapshot = this.records.get(hash);
    return new Promise((resolve) => this.pending.push(() => resolve(snapshot && { ...snapshot })));
  }

  releaseAll(): void {
    this.pending.splice(0).forEach((release) => release());
  }
}

function setUp() {
  const lookup = new ControlledLookup();
  const cache = new ApiKeyCache(60_000);
  const authenticator = new ApiKeyAuthenticator({ ...loadGatewayConfig({}), adminApiKey: ADMIN }, cache, lookup);
  const { key, hash } = generateApiKey();
  lookup.records.set(hash, { keyId: 'k1', organizationId: 'o1', role: 'editor', name: 'ci', prefix: key.slice(0, 12), revoked: false });
  return { lookup, cache, authenticator, key, hash };
}

describe('API key authenticator', () => {
  it('recognises the admin key and explains what is wrong with other credentials', async () => {
    const { authenticator } = setUp();
    await expect(authenticator.authenticate(`Bearer ${ADMIN}`)).resolves.toMatchObject({ kind: 'platform_admin' });
    await expect(authenticator.authenticate(undefined)).rejects.toThrow(/valid API key is required/);
    await expect(authenticator.authenticate('Token x')).rejects.toThrow(/Bearer scheme/);
    await expect(authenticator.authenticate('Bearer nope')).rejects.toThrow(/not a Fieldwork API key/);
  });

  it('shares one lookup between concurrent requests with the same key, then serves it from the cache', async () => {
    const { lookup, authenticator, key } = setUp();
    const both = Promise.all([authenticator.authenticate(`Bearer ${key}`), authenticator.authenticate(`Bearer ${key}`)]);
    lookup.releaseAll();
    const [a, b] = await both;
    expect(a).toMatchObject({ kind: 'api_key', organizationId: 'o1', role: 'editor', actor: { kind: 'api_key', id: 'k1' } });
    expect(b).toEqual(a);
    await authenticator.authenticate(`Bearer ${key}`);
    expect(lookup.calls).toBe(1);
  });

  it('does not let a lookup that started before a revocation answer for requests after it', async () => {
    const { lookup, cache, authenticator, key, hash } = setUp();
    const early = authenticator.authenticate(`Bearer ${key}`);
    // The key is revoked while the first lookup is still running.
    lookup.records.set(hash, { ...lookup.records.get(hash)!, revoked: true });
    cache.invalidate('k1');
    const late = authenticator.authenticate(`Bearer ${key}`);
    expect(lookup.calls).toBe(2);
    lookup.releaseAll();
    await expect(early).resolves.toMatchObject({ keyId: 'k1' }); // it was in flight alongside the revocation
    await expect(late).rejects.toThrow(/revoked/);
    // The early answer was not cached over the revocation.
    await expect(authenticator.authenticate(`Bearer ${key}`)).rejects.toThrow(/revoked/);
  });
});
