// The gateway's HTTP machinery as one module: the guard (auth, rate limit, access) and the
// problem+json filter on every route, and the forwarder route controllers use to reach the
// owning services over NATS.
import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { ApiGuard, AUTH_FAILURE_LIMITER, KEY_RATE_LIMITER } from './auth/api.guard';
import { ApiKeyAuthenticator } from './auth/authenticator';
import { ServiceForwarder } from './forward';
import { ProblemFilter } from './problem/problem.filter';
import { RateLimiter } from './rate-limit/rate-limiter';

@Global()
@Module({
  providers: [
    ApiKeyAuthenticator,
    { provide: KEY_RATE_LIMITER, inject: [GATEWAY_CONFIG], useFactory: (config: GatewayConfig) => new RateLimiter(config.rateLimit) },
    {
      provide: AUTH_FAILURE_LIMITER,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => new RateLimiter(config.authFailureLimit),
    },
    { provide: APP_GUARD, useClass: ApiGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
    ServiceForwarder,
  ],
  exports: [ServiceForwarder],
})
export class GatewayHttpModule {}
