// Structured JSON logs (pino). Every line carries the service name and, when there is one,
// the active trace/span id and correlation id, so a log line leads to its trace.
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentRequestContext } from './request-context';

export type { Logger } from 'pino';

/** `destination` defaults to stdout; tests pass a stream to read what was logged. */
export function createLogger(service: string, options: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const settings: LoggerOptions = {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const fields: Record<string, string> = {};
      const spanContext = trace.getActiveSpan()?.spanContext();
      if (spanContext && isSpanContextValid(spanContext)) {
        fields.trace_id = spanContext.traceId;
        fields.span_id = spanContext.spanId;
      }
      const context = currentRequestContext();
      if (context?.correlationId) fields.correlation_id = context.correlationId;
      if (context?.organizationId) fields.organization_id = context.organizationId;
      return fields;
    },
    ...options,
  };
  return destination ? pino(settings, destination) : pino(settings);
}
