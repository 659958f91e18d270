// What the gateway attaches to each HTTP request as it passes through: the request id (also
// the correlation id of everything the request causes) and, once authenticated, the principal.
import type { Request } from 'express';
import type { Principal } from './auth/principal';

export interface RequestState {
  requestId: string;
  principal?: Principal;
}

export type GatewayRequest = Request & { fieldwork?: RequestState };

export function requestState(request: Request): RequestState {
  const gatewayRequest = request as GatewayRequest;
  gatewayRequest.fieldwork ??= { requestId: 'unknown' };
  return gatewayRequest.fieldwork;
}
