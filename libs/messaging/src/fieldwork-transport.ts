// NestJS custom transport: `@MessagePattern('campaigns.create')` methods become NATS
// request/reply handlers (queue group = service, so instances share the load). Each call runs
// in a span continued from the caller's trace and in a request context carrying the call's
// organization and correlation id; errors are answered as typed wire errors.
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { SpanKind } from '@opentelemetry/api';
import { lastValueFrom, isObservable } from 'rxjs';
import type { Msg, NatsConnection, Subscription } from 'nats';
import { FieldworkError, type WireError } from '@fieldwork/contracts';
import {
  extractTraceContext,
  runWithRequestContext,
  withMessagingSpan,
  type Logger,
} from '@fieldwork/telemetry';
import { readCallMeta, type CallMeta } from './call-meta';
import type { Naming } from './naming';
import { decodeJson, encodeJson, type RpcReply } from './rpc-wire';

/** What a handler receives with `@Ctx()`. */
export class RpcCallContext {
  constructor(
    readonly meta: CallMeta,
    readonly subject: string,
  ) {}

  /** The caller's organization; throws if the call was not made on behalf of one. */
  get organizationId(): string {
    if (!this.meta.organizationId) throw new FieldworkError('unauthorized', 'this call needs an organization');
    return this.meta.organizationId;
  }
}

export interface HealthReport {
  service: string;
  status: 'ok' | 'degraded';
  checks: Record<string, 'ok' | string>;
  uptimeSeconds: number;
}

export interface FieldworkTransportOptions {
  service: string;
  connection: NatsConnection;
  naming: Naming;
  logger: Logger;
  health: () => Promise<HealthReport>;
}

export class FieldworkTransport extends Server implements CustomTransportStrategy {
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly options: FieldworkTransportOptions) {
    super();
  }

  listen(callback: () => void): void {
    const { naming, service } = this.options;
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) {
        throw new Error(`@EventPattern(${pattern}) is not supported: consume events with a projection or reactor`);
      }
      this.subscribe(naming.rpcSubject(pattern), (message) => this.invoke(message, pattern));
    }
    this.subscribe(naming.rpcSubject(naming.healthPattern(service)), async (message) => {
      message.respond(encodeJson({ ok: true, data: await this.options.health() } satisfies RpcReply));
    });
    callback();
  }

  private subscribe(subject: string, onMessage: (message: Msg) => Promise<void>): void {
    const subscription = this.options.connection.subscribe(subject, {
      queue: this.options.service,
      callback: (error, message) => {
        if (error) {
          this.options.logger.error({ err: error, subject }, 'subscription error');
          return;
        }
        onMessage(message).catch((failure: unknown) =>
          this.options.logger.error({ err: failure, subject }, 'could not answer request'),
        );
      },
    });
    this.subscriptions.push(subscription);
  }

  private async invoke(message: Msg, pattern: string): Promise<void> {
    const meta = readCallMeta(message.headers);
    const reply = await withMessagingSpan(
      {
        operation: 'process',
        subject: message.subject,
        parent: extractTraceContext(message.headers),
        kind: SpanKind.SERVER,
        consumerGroup: this.options.service,
      },
      () =>
        runWithRequestContext({ correlationId: meta.correlationId, organizationId: meta.organizationId }, () =>
          this.answer(message, pattern, meta),
        ),
    );
    message.respond(encodeJson(reply));
  }

  private async answer(message: Msg, pattern: string, meta: CallMeta): Promise<RpcReply> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) return { ok: false, error: { code: 'not_found', message: `no handler for ${pattern}` } };
    let payload: unknown;
    try {
      payload = message.data.length === 0 ? {} : decodeJson(message.data);
    } catch {
      return { ok: false, error: { code: 'bad_request', message: 'request body is not valid JSON' } };
    }
    try {
      const result: unknown = await handler(payload, new RpcCallContext(meta, message.subject));
      const data: unknown = isObservable(result) ? await lastValueFrom(result) : result;
      return { ok: true, data: data ?? null };
    } catch (error) {
      return { ok: false, error: this.toWireError(error, pattern) };
    }
  }

  private toWireError(error: unknown, pattern: string): WireError {
    if (error instanceof FieldworkError) return error.toWire();
    this.options.logger.error({ err: error, pattern }, 'unhandled error in handler');
    return { code: 'internal', message: 'internal error; it has been logged' };
  }

  /** Stops taking new requests and lets in-flight ones answer. */
  async close(): Promise<void> {
    await Promise.allSettled(this.subscriptions.map((subscription) => subscription.drain()));
    this.subscriptions.length = 0;
  }

  on(): void {
    // Transport events are reported through the logger instead.
  }

  unwrap<T>(): T {
    return this.options.connection as T;
  }
}
