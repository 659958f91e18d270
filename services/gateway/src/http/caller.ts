// @CurrentCaller(): who is calling (principal), for which organization, as part of which
// request — and the NATS call metadata that carries exactly that to the owning service.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ForbiddenError, type ActorRef } from '@fieldwork/contracts';
import type { CallMeta } from '@fieldwork/messaging';
import type { Principal } from './auth/principal';
import { requestState } from './request-state';

export class Caller {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
  ) {}

  get actor(): ActorRef {
    return this.principal.actor;
  }

  get isPlatformAdmin(): boolean {
    return this.principal.kind === 'platform_admin';
  }

  /** The caller's organization — from the API key, never from the request. */
  get organizationId(): string {
    if (this.principal.kind !== 'api_key') throw new ForbiddenError("This needs an organization's API key.");
    return this.principal.organizationId;
  }

  /** Metadata for a NATS command or query on behalf of the caller's organization. */
  get meta(): CallMeta {
    return { organizationId: this.organizationId, actor: this.actor, correlationId: this.requestId };
  }
}

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const state = requestState(context.switchToHttp().getRequest<Request>());
  if (!state.principal) throw new Error('CurrentCaller used on a public route');
  return new Caller(state.principal, state.requestId);
});
