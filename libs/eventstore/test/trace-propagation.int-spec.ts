// One trace follows a command from its process, through the outbox and NATS, into the
// projection of another process: the consumer's span is a child of the relay's producer span.
import { createTestDatabase, eventually, randomPrefix, startOtlpReceiver, type OtlpReceiver, type TestDatabase } from '@fieldwork/testing';
import { spawnLedgerProcess, type LedgerChild } from './child-process';
import { openNats, type NatsHandle } from './ledger-node';

describe('trace context across processes', () => {
  let receiver: OtlpReceiver;
  let nats: NatsHandle;
  let writerDb: TestDatabase;
  let projectorDb: TestDatabase;
  const children: LedgerChild[] = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    nats = await openNats(randomPrefix());
    [writerDb, projectorDb] = await Promise.all([createTestDatabase('tracew'), createTestDatabase('tracep')]);
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    for await (const stream of nats.jsm.streams.list()) {
      if (stream.config.name.startsWith(nats.naming.prefix.toUpperCase())) await nats.jsm.streams.delete(stream.config.name);
    }
    await nats.connection.drain();
    await receiver.close();
    await Promise.all([writerDb.drop(), projectorDb.drop()]);
  });

  it('continues the command’s trace in the consumer of its event (parent span ids match)', async () => {
    const otel = {
      TRACE: '1',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      NATS_PREFIX: nats.naming.prefix,
    };
    // One message per transaction: a batch's database work runs under its first message's span,
    // which would be another event's trace when the writer's events arrive together.
    const projector = spawnLedgerProcess({ ...otel, ROLE: 'projector', DB_URL: projectorDb.url, OTEL_SERVICE_NAME: 'ledger-projector', MAX_BATCH: '1' });
    children.push(projector);
    await projector.waitFor(/^ready$/);
    const writer = spawnLedgerProcess({ ...otel, ROLE: 'writer', DB_URL: writerDb.url, COMMANDS: '1', OTEL_SERVICE_NAME: 'ledger-writer' });
    children.push(writer);
    const [, traceId, commandSpanId] = (await writer.waitFor(/^trace /)).split(' ');

    const spansOf = (name: RegExp, service: string) =>
      receiver.spans.filter((span) => span.traceId === traceId && span.service === service && name.test(span.name));
    const { send, process } = await eventually(
      () => {
        const [sendSpan] = spansOf(/^send .*LedgerCredited$/, 'ledger-writer');
        const [processSpan] = spansOf(/^process .*LedgerCredited$/, 'ledger-projector');
        if (!sendSpan || !processSpan) throw new Error(`spans so far: ${receiver.spans.map((s) => `${s.service}:${s.name}`).join(', ')}`);
        return { send: sendSpan, process: processSpan };
      },
      { timeoutMs: 30_000, what: 'producer and consumer spans of the credited event' },
    );

    expect(send.parentSpanId).toBe(commandSpanId);
    expect(send.kind).toBe(4); // PRODUCER
    expect(send.attributes['messaging.system']).toBe('nats');
    expect(process.parentSpanId).toBe(send.spanId);
    expect(process.kind).toBe(5); // CONSUMER
    expect(process.attributes['messaging.system']).toBe('nats');
    expect(process.attributes['messaging.message.id']).toBe(send.attributes['messaging.message.id']);
    // The projection's database work is part of the same trace, under the consumer span.
    await eventually(
      () => expect(receiver.spans.some((span) => span.traceId === traceId && span.parentSpanId === process.spanId && span.service === 'ledger-projector')).toBe(true),
      { what: 'a database span under the consumer span' },
    );
  });
});
