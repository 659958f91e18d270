// The one guard in front of every HTTP route: authenticate (401), rate-limit per key (429),
// then check the route's access rule (403). Failed authentication is also rate-limited, per
// client address, so guessing keys is slow. NATS handlers in the gateway are not HTTP and pass.
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { FieldworkError, RateLimitedError } from '@fieldwork/contracts';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { requestState } from '../request-state';
import { ACCESS_METADATA, checkAccess, defaultAccess, type AccessRule } from './access';
import { ApiKeyAuthenticator } from './authenticator';
import type { Principal } from './principal';

export const KEY_RATE_LIMITER = Symbol('KEY_RATE_LIMITER');
export const AUTH_FAILURE_LIMITER = Symbol('AUTH_FAILURE_LIMITER');

@Injectable()
export class ApiGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeyAuthenticator) private readonly authenticator: ApiKeyAuthenticator,
    @Inject(KEY_RATE_LIMITER) private readonly keyLimiter: RateLimiter,
    @Inject(AUTH_FAILURE_LIMITER) private readonly failureLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const rule =
      this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]) ??
      defaultAccess(request.method);
    if (rule.level === 'public') return true;

    const principal = await this.authenticate(request);
    requestState(request).principal = principal;
    const decision = this.keyLimiter.take(principal.kind === 'api_key' ? principal.keyId : 'platform-admin');
    response.setHeader('RateLimit-Limit', String(decision.limit));
    response.setHeader('RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
    checkAccess(rule, principal);
    return true;
  }

  private async authenticate(request: Request): Promise<Principal> {
    try {
      return await this.authenticator.authenticate(request.headers.authorization);
    } catch (error) {
      if (error instanceof FieldworkError && error.code === 'unauthorized') {
        const decision = this.failureLimiter.take(`address:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`);
        if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
      }
      throw error;
    }
  }
}
