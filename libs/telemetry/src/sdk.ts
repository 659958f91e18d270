// Starts OpenTelemetry before anything else loads (each service's instrumentation.ts calls
// this first). Export follows the standard OTEL_* variables and is off when none is set; trace
// context still propagates so logs carry trace ids either way.
import { metrics, type Counter } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface TelemetryHandle {
  readonly exporting: boolean;
  shutdown(): Promise<void>;
}

let running: TelemetryHandle | undefined;

// NodeSDK registers no tracer provider when it has no span processor: every span would be a
// no-op with all-zero ids, so neither log lines nor NATS headers would carry trace context.
// This one records nothing and exports nothing; it only makes the provider exist.
const contextOnly: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

function exportConfigured(signal: 'TRACES' | 'METRICS'): boolean {
  const env = process.env;
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporterVar = env[`OTEL_${signal}_EXPORTER`];
  if (exporterVar === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env[`OTEL_EXPORTER_OTLP_${signal}_ENDPOINT`]);
}

/** Idempotent: the first call wins (a test process may host several services). */
export function startTelemetry(serviceName: string): TelemetryHandle {
  if (running) return running;
  const exportTraces = exportConfigured('TRACES');
  const spanProcessors: SpanProcessor[] = [exportTraces ? new BatchSpanProcessor(new OTLPTraceExporter()) : contextOnly];
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME ?? serviceName,
      [ATTR_SERVICE_VERSION]: process.env.npm_package_version ?? '0.1.0',
    }),
    spanProcessors,
    metricReaders: exportConfigured('METRICS')
      ? [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() })]
      : [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => request.url === '/health' }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
    ],
  });
  sdk.start();
  running = {
    exporting: exportTraces,
    shutdown: async () => {
      await sdk.shutdown();
      running = undefined;
    },
  };
  return running;
}

export const meter = () => metrics.getMeter('fieldwork');

/**
 * A counter created on first use (the metrics SDK registers at service start, after modules
 * load; an instrument created earlier would stay a no-op).
 */
export function lazyCounter(name: string, description: string): () => Counter {
  let counter: Counter | undefined;
  return () => (counter ??= meter().createCounter(name, { description }));
}
