// Log lines lead to their trace: inside an active span every line carries its trace and span
// id, and inside a request context its correlation id.
import { trace } from '@opentelemetry/api';
import { createLogger } from './logger';
import { runWithRequestContext } from './request-context';
import { startTelemetry, type TelemetryHandle } from './sdk';

interface LogLine {
  msg: string;
  service: string;
  trace_id?: string;
  span_id?: string;
  correlation_id?: string;
  organization_id?: string;
}

describe('createLogger', () => {
  let telemetry: TelemetryHandle;
  const lines: LogLine[] = [];
  const logger = createLogger('logger-test', { level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });

  beforeAll(() => {
    // No OTEL_* endpoint: nothing is exported, but spans and their context are real.
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    telemetry = startTelemetry('logger-test');
  });

  afterAll(async () => {
    await telemetry.shutdown();
  });

  beforeEach(() => lines.splice(0));

  it('puts the active span’s trace_id and span_id on every line, and none outside a span', () => {
    const tracer = trace.getTracer('logger-test');
    const ids = tracer.startActiveSpan('parent', (parent) => {
      logger.info('in parent');
      const child = tracer.startActiveSpan('child', (span) => {
        logger.warn('in child');
        span.end();
        return span.spanContext();
      });
      parent.end();
      return { parent: parent.spanContext(), child };
    });
    logger.info('outside');

    expect(ids.parent.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.parent.traceId).not.toBe('0'.repeat(32));
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'in parent', service: 'logger-test', trace_id: ids.parent.traceId, span_id: ids.parent.spanId }),
      expect.objectContaining({ msg: 'in child', trace_id: ids.parent.traceId, span_id: ids.child.spanId }),
      expect.not.objectContaining({ trace_id: expect.anything() }),
    ]);
    expect(ids.child.spanId).not.toBe(ids.parent.spanId);
  });

  it('carries the correlation and organization ids of the request context', async () => {
    await runWithRequestContext({ correlationId: 'corr-1', organizationId: 'org-9' }, async () => {
      await Promise.resolve();
      logger.info('handled');
    });
    expect(lines).toEqual([expect.objectContaining({ msg: 'handled', correlation_id: 'corr-1', organization_id: 'org-9' })]);
  });
});
