// Sends commands and queries to the owning service over NATS request/reply. A typed error in
// the reply is rethrown as that error; silence (no service, timeout) becomes a 503 with a
// retry hint, never a hang.
import { ErrorCode as NatsErrorCode, type NatsConnection } from 'nats';
import { fromWire, UnavailableError } from '@fieldwork/contracts';
import { injectTraceHeaders, withMessagingSpan } from '@fieldwork/telemetry';
import { SpanKind } from '@opentelemetry/api';
import { writeCallMeta, type CallMeta } from './call-meta';
import type { Naming } from './naming';
import { decodeJson, encodeJson, type RpcReply } from './rpc-wire';

export interface RequestOptions {
  timeoutMs?: number;
}

export class RpcClient {
  constructor(
    private readonly connection: NatsConnection,
    private readonly naming: Naming,
    private readonly defaultTimeoutMs = 5_000,
  ) {}

  async request<T>(pattern: string, payload: unknown, meta: CallMeta, options: RequestOptions = {}): Promise<T> {
    const subject = this.naming.rpcSubject(pattern);
    const service = pattern.split('.')[0];
    return withMessagingSpan({ operation: 'send', subject, kind: SpanKind.CLIENT }, async () => {
      const headers = writeCallMeta(meta);
      injectTraceHeaders(headers);
      let replyBytes: Uint8Array;
      try {
        const reply = await this.connection.request(subject, encodeJson(payload ?? {}), {
          timeout: options.timeoutMs ?? this.defaultTimeoutMs,
          headers,
        });
        replyBytes = reply.data;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === NatsErrorCode.NoResponders) {
          throw new UnavailableError(`The ${service} service is not running; retry shortly`);
        }
        if (code === NatsErrorCode.Timeout) {
          throw new UnavailableError(`The ${service} service did not answer in time; retry shortly`);
        }
        throw new UnavailableError(`The ${service} service could not be reached: ${(error as Error).message}`);
      }
      const reply = decodeJson<RpcReply<T>>(replyBytes);
      if (!reply.ok) throw fromWire(reply.error);
      return reply.data;
    });
  }
}
