// Organizations and API keys (the gateway's own state) and the key cache they feed.
import { Global, Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { ApiKeyCache } from '../http/auth/api-key-cache';
import { API_KEY_LOOKUP } from '../http/auth/principal';
import { RevocationListener } from './revocation-listener';
import { TenancyService } from './tenancy.service';

@Global()
@Module({
  providers: [
    { provide: ApiKeyCache, inject: [GATEWAY_CONFIG], useFactory: (config: GatewayConfig) => new ApiKeyCache(config.apiKeyCacheTtlMs) },
    TenancyService,
    { provide: API_KEY_LOOKUP, useExisting: TenancyService },
    RevocationListener,
  ],
  exports: [ApiKeyCache, TenancyService, API_KEY_LOOKUP],
})
export class TenancyModule {}
