// A real OTLP/HTTP (JSON) endpoint for tests: services export spans to it exactly as they
// would to Jaeger, and tests assert on the span tree they sent.
import { createServer, type Server } from 'node:http';

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean>;
}

export interface OtlpReceiver {
  endpoint: string;
  spans: ReceivedSpan[];
  close(): Promise<void>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}

interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: OtlpValue }[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: { key: string; value: OtlpValue }[];
      }[];
    }[];
  }[];
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url?.startsWith('/v1/traces')) {
        try {
          spans.push(...parseExport(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport));
        } catch {
          response.statusCode = 400;
        }
      }
      response.setHeader('content-type', 'application/json');
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseExport(body: OtlpExport): ReceivedSpan[] {
  const result: ReceivedSpan[] = [];
  for (const resourceSpans of body.resourceSpans ?? []) {
    const service = String(valueOf(resourceSpans.resource?.attributes?.find((a) => a.key === 'service.name')?.value) ?? '');
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        result.push({
          service,
          traceId: normalizeId(span.traceId),
          spanId: normalizeId(span.spanId),
          parentSpanId: span.parentSpanId ? normalizeId(span.parentSpanId) : undefined,
          name: span.name,
          kind: span.kind,
          attributes: Object.fromEntries((span.attributes ?? []).map((a) => [a.key, valueOf(a.value) ?? ''])),
        });
      }
    }
  }
  return result;
}

function valueOf(value: OtlpValue | undefined): string | number | boolean | undefined {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  return value.boolValue;
}

// OTLP/JSON ids are hex; some exporters send base64. Normalise to lower-case hex.
function normalizeId(id: string): string {
  return /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');
}
