// The gateway's HTTP machinery as one module: on every route the guard (auth, rate limit,
// access), the refusal of undeclared query parameters and the problem+json filter; and the
// forwarder route controllers use to reach the owning services over NATS.
import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { ApiGuard, AUTH_FAILURE_LIMITER, KEY_RATE_LIMITER } from './auth/api.guard';
import { ApiKeyAuthenticator } from './auth/authenticator';
import { ServiceForwarder } from './forward';
import { ProblemFilter } from './problem/problem.filter';
import { RateLimiter } from './rate-limit/rate-limiter';
import { UndeclaredQueryInterceptor } from './undeclared-query.interceptor';

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
    { provide: APP_INTERCEPTOR, useClass: UndeclaredQueryInterceptor },
    ServiceForwarder,
  ],
  exports: [ServiceForwarder],
})
export class GatewayHttpModule {}
