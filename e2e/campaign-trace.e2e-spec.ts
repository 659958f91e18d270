// One POST /v1/campaigns is one trace: the gateway's HTTP span, its NATS request, the campaigns
// service handling it, that service's database work, and the outbox relay publishing the
// CampaignCreated event — across two real processes exporting to an OTLP endpoint.
import { randomBytes } from 'node:crypto';
import { launchPlatform, type Platform } from '@fieldwork/launcher';
import { createTestNats, eventually, randomPrefix, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@fieldwork/testing';
import { ApiClient } from './support/api-client';
import { dropDatabases } from './support/stack';

const SPAN_KIND = { server: 2, client: 3, producer: 4 } as const;

describe('trace of one campaign creation', () => {
  const prefix = randomPrefix();
  const dbPrefix = `fw_test_${prefix}_`;
  const adminKey = `admin-${randomBytes(24).toString('base64url')}`;
  let receiver: OtlpReceiver;
  let platform: Platform;
  const logs: string[] = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    platform = launchPlatform({
      services: ['campaigns', 'gateway'],
      env: {
        FIELDWORK_NATS_PREFIX: prefix,
        FIELDWORK_DB_PREFIX: dbPrefix,
        FIELDWORK_ADMIN_API_KEY: adminKey,
        PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        LOG_LEVEL: 'warn',
      },
      onLine: (name, line) => logs.push(`${name} ${line}`),
    });
    await eventually(
      async () => {
        const response = await fetch(`${platform.gatewayUrl}/health`);
        const health = (await response.json()) as { services: Record<string, { status: string }> };
        expect(health.services.campaigns.status).toBe('ok');
        expect(health.services.gateway.status).toBe('ok');
      },
      { timeoutMs: 60_000, intervalMs: 250, what: `gateway and campaigns to start (logs: ${logs.slice(-5).join(' | ')})` },
    );
  });

  afterAll(async () => {
    await platform?.stop();
    await (await createTestNats(prefix)).dispose();
    await dropDatabases(dbPrefix);
    await receiver?.close();
  });

  it('spans gateway -> NATS -> campaigns -> Postgres -> outbox publish in one trace', async () => {
    const admin = new ApiClient(platform.gatewayUrl, adminKey);
    const organization = (await admin.post<{ id: string }>('/v1/organizations', { name: 'Traced' })).expect(201);
    const { key } = (await admin.post<{ key: string }>(`/v1/organizations/${organization.id}/api-keys`, { name: 'k', role: 'editor' })).expect(201);

    const traceId = randomBytes(16).toString('hex');
    const rootSpanId = randomBytes(8).toString('hex');
    const created = await new ApiClient(platform.gatewayUrl, key).post<{ id: string }>(
      '/v1/campaigns',
      { name: 'Traced campaign', columns: [{ name: 'price', type: 'money' }] },
      { headers: { traceparent: `00-${traceId}-${rootSpanId}-01` } },
    );
    created.expect(201);

    const spans = await eventually(
      () => {
        const inTrace = receiver.spans.filter((span) => span.traceId === traceId);
        const find = (service: string, predicate: (span: ReceivedSpan) => boolean) => inTrace.find((span) => span.service === service && predicate(span));
        const http = find('gateway', (span) => span.kind === SPAN_KIND.server && span.parentSpanId === rootSpanId);
        const request = find('gateway', (span) => span.name === `send ${prefix}.rpc.campaigns.create`);
        const handling = find('campaigns', (span) => span.name === `process ${prefix}.rpc.campaigns.create`);
        const database = inTrace.filter((span) => span.service === 'campaigns' && (span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql'));
        const publish = find('campaigns', (span) => span.name === `send ${prefix}.evt.campaigns.campaign.CampaignCreated`);
        if (!http || !request || !handling || database.length === 0 || !publish) {
          throw new Error(`spans in the trace so far: ${inTrace.map((span) => `${span.service}:${span.name}`).join(', ')}`);
        }
        return { inTrace, http, request, handling, database, publish };
      },
      { timeoutMs: 30_000, what: 'the spans of the campaign creation' },
    );

    const byId = new Map(spans.inTrace.map((span) => [span.spanId, span]));
    const ancestors = (span: ReceivedSpan) => {
      const chain: string[] = [];
      for (let parent = span.parentSpanId; parent && byId.has(parent); parent = byId.get(parent)?.parentSpanId) chain.push(parent);
      return chain;
    };
    expect(spans.request.kind).toBe(SPAN_KIND.client);
    expect(ancestors(spans.request)).toContain(spans.http.spanId);
    expect(spans.handling.parentSpanId).toBe(spans.request.spanId);
    expect(spans.handling.kind).toBe(SPAN_KIND.server);
    expect(spans.database.some((span) => ancestors(span).includes(spans.handling.spanId))).toBe(true);
    expect(spans.publish.kind).toBe(SPAN_KIND.producer);
    expect(ancestors(spans.publish)).toContain(spans.handling.spanId);
    expect(new Set(spans.inTrace.map((span) => span.service))).toEqual(new Set(['gateway', 'campaigns']));
  });
});
