// Turns an Authorization header into a principal: the platform admin key (compared in constant
// time), or an organization's API key looked up by its hash (cached; concurrent misses for
// the same key share one database read).
import { Inject, Injectable } from '@nestjs/common';
import { UnauthorizedError } from '@fieldwork/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../gateway-config';
import { ApiKeyCache } from './api-key-cache';
import { hashApiKey, looksLikeApiKey, SecretMatcher } from './api-keys';
import { API_KEY_LOOKUP, PLATFORM_ADMIN, principalOf, type ApiKeyLookup, type ApiKeyRecord, type Principal } from './principal';

@Injectable()
export class ApiKeyAuthenticator {
  private readonly inFlight = new Map<string, { promise: Promise<ApiKeyRecord | undefined>; generation: number }>();
  private readonly admin?: SecretMatcher;
  /** An admin key shaped like an organization key must be compared on every request. */
  private readonly adminLooksLikeKey: boolean;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(ApiKeyCache) private readonly cache: ApiKeyCache,
    @Inject(API_KEY_LOOKUP) private readonly lookup: ApiKeyLookup,
  ) {
    this.admin = config.adminApiKey ? new SecretMatcher(config.adminApiKey) : undefined;
    this.adminLooksLikeKey = config.adminApiKey !== undefined && looksLikeApiKey(config.adminApiKey);
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw new UnauthorizedError();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthorizedError('Use the Bearer scheme: "Authorization: Bearer <api key>".');
    const token = match[1];
    const shapedLikeKey = looksLikeApiKey(token);
    if (this.admin && (!shapedLikeKey || this.adminLooksLikeKey) && this.admin.matches(token)) return PLATFORM_ADMIN;
    if (!shapedLikeKey) throw new UnauthorizedError('This is not a Fieldwork API key (they start with "fwk_").');
    const record = await this.find(hashApiKey(token));
    if (!record) throw new UnauthorizedError('This API key is not valid.');
    if (record.revoked) throw new UnauthorizedError('This API key was revoked; ask an owner of your organization for a new one.');
    return principalOf(record);
  }

  private async find(hash: string): Promise<ApiKeyRecord | undefined> {
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const generation = this.cache.generation;
    // Join a lookup in flight only if no revocation happened since it started.
    const joined = this.inFlight.get(hash);
    if (joined && joined.generation === generation) return joined.promise;
    const promise = this.lookup.findByHash(hash).finally(() => {
      if (this.inFlight.get(hash)?.promise === promise) this.inFlight.delete(hash);
    });
    this.inFlight.set(hash, { promise, generation });
    const record = await promise;
    if (record) this.cache.set(hash, record, generation);
    return record;
  }
}
