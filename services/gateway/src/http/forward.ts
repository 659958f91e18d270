// Forwards a request to the owning service over NATS request/reply, on behalf of the caller's
// organization. The service's typed errors come back as themselves (and become problem
// responses); a service that is down or slow becomes 503 with Retry-After, never a hang.
import { Inject, Injectable } from '@nestjs/common';
import type { RpcClient } from '@fieldwork/messaging';
import { RPC_CLIENT } from '@fieldwork/service-kit';
import type { Caller } from './caller';

export interface ForwardOptions {
  timeoutMs?: number;
}

@Injectable()
export class ServiceForwarder {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  /** `pattern` is the service's message pattern, e.g. "campaigns.get". */
  request<T>(caller: Caller, pattern: string, payload: object, options: ForwardOptions = {}): Promise<T> {
    return this.rpc.request<T>(pattern, payload, caller.meta, options);
  }
}
