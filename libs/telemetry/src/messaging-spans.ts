// Producer/consumer spans for NATS following the OpenTelemetry messaging semantic
// conventions, and W3C trace context carried in NATS message headers.
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';

// Attribute names from the (incubating) messaging conventions, copied rather than imported
// because incubating exports may change between semconv releases.
export const MessagingAttributes = {
  system: 'messaging.system',
  destination: 'messaging.destination.name',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  messageId: 'messaging.message.id',
  consumerGroup: 'messaging.consumer.group.name',
  bodySize: 'messaging.message.body.size',
} as const;

/** The subset of NATS' `MsgHdrs` that propagation needs (kept structural: no nats import here). */
export interface HeaderCarrier {
  get(key: string): string;
  set(key: string, value: string): void;
  has?(key: string): boolean;
  keys(): string[];
}

const setter: TextMapSetter<HeaderCarrier> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

const getter: TextMapGetter<HeaderCarrier> = {
  get: (carrier, key) => carrier.get(key) || undefined,
  keys: (carrier) => carrier.keys(),
};

const recordSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

const recordGetter: TextMapGetter<Record<string, string>> = {
  get: (carrier, key) => carrier[key],
  keys: (carrier) => Object.keys(carrier),
};

export function injectTraceHeaders(headers: HeaderCarrier, ctx: Context = context.active()): void {
  propagation.inject(ctx, headers, setter);
}

export function extractTraceContext(headers: HeaderCarrier | undefined): Context {
  return headers ? propagation.extract(context.active(), headers, getter) : context.active();
}

/** The active trace context as a plain record (stored with outbox rows). */
export function captureTraceContext(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier, recordSetter);
  return carrier;
}

export function restoreTraceContext(carrier: Record<string, string> | null | undefined): Context {
  return carrier ? propagation.extract(context.active(), carrier, recordGetter) : context.active();
}

const tracer = () => trace.getTracer('@fieldwork/messaging');

export type MessagingOperation = 'send' | 'process' | 'receive';

export interface MessagingSpanOptions {
  operation: MessagingOperation;
  subject: string;
  parent?: Context;
  messageId?: string;
  consumerGroup?: string;
  bodySize?: number;
  /** Overrides the default span kind (PRODUCER for send, CONSUMER otherwise). */
  kind?: SpanKind;
}

export function startMessagingSpan(options: MessagingSpanOptions): { span: Span; context: Context } {
  const parent = options.parent ?? context.active();
  const kind = options.kind ?? (options.operation === 'send' ? SpanKind.PRODUCER : SpanKind.CONSUMER);
  const span = tracer().startSpan(
    `${options.operation} ${options.subject}`,
    {
      kind,
      attributes: {
        [MessagingAttributes.system]: 'nats',
        [MessagingAttributes.destination]: options.subject,
        [MessagingAttributes.operationType]: options.operation,
        [MessagingAttributes.operationName]: options.operation,
        ...(options.messageId ? { [MessagingAttributes.messageId]: options.messageId } : {}),
        ...(options.consumerGroup ? { [MessagingAttributes.consumerGroup]: options.consumerGroup } : {}),
        ...(options.bodySize === undefined ? {} : { [MessagingAttributes.bodySize]: options.bodySize }),
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Runs `fn` inside a messaging span, recording failure and always ending the span. */
export async function withMessagingSpan<T>(
  options: MessagingSpanOptions,
  fn: (span: Span, ctx: Context) => Promise<T>,
): Promise<T> {
  const { span, context: spanContext } = startMessagingSpan(options);
  try {
    return await context.with(spanContext, () => fn(span, spanContext));
  } catch (error) {
    recordSpanError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

export function recordSpanError(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  if (error instanceof Error) span.recordException(error);
}
