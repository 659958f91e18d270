// Benchmark: append -> outbox -> JetStream -> projection, end to end, on this machine.
// Prints events/s and append-to-projected latency (p50/p99) for two write shapes:
//   single  — one command = one event, through the full command path (load, decide, append,
//             inline projection, commit), many commands in flight;
//   batched — 10 events per append (how a run's task events are written);
//   both as fast as they go (throughput; latency then is the backlog's), and
//   sustained — batched appends offered at a steady BENCH_RATE events/s for BENCH_SECONDS: the
//             issue's target (5,000 events/s with p99 append-to-projected under 100 ms).
// Env: BENCH_EVENTS (default 30000), BENCH_CONCURRENCY (32), BENCH_AGGREGATES (2000),
//      BENCH_RATE (5000), BENCH_SECONDS (20).
import { create } from '@bufbuild/protobuf';
import { testingEvents } from '@fieldwork/contracts';
import { EventStore } from '@fieldwork/eventstore';
import { createTestDatabase, randomPrefix } from '@fieldwork/testing';
import { LedgerWriter, metadata, openNats, spawnLedgerProcess } from '@fieldwork/eventstore/testing';
import { percentile, printTable } from './report';

const EVENTS_MAX_RATE = Number(process.env.BENCH_EVENTS ?? 30_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const AGGREGATES = Number(process.env.BENCH_AGGREGATES ?? 2_000);
const RATE = Number(process.env.BENCH_RATE ?? 5_000);
const SUSTAIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
type Shape = 'single' | 'batched' | 'sustained';

interface Result {
  shape: string;
  events: number;
  seconds: number;
  appendPerSecond: number;
  endToEndPerSecond: number;
  p50: number;
  p99: number;
}

async function scenario(shape: Shape): Promise<Result> {
  const EVENTS = shape === 'sustained' ? RATE * SUSTAIN_SECONDS : EVENTS_MAX_RATE;
  const [writerDb, projectorDb] = await Promise.all([createTestDatabase('benchw'), createTestDatabase('benchp')]);
  const nats = await openNats(randomPrefix());
  const writer = await LedgerWriter.open(writerDb.url, CONCURRENCY + 4);
  const latencies: number[] = [];
  let projected = 0;
  let allProjected!: () => void;
  const done = new Promise<void>((resolve) => (allProjected = resolve));
  const expected = AGGREGATES + EVENTS;
  let measuring = false;
  // The projection runs in its own process, as another service's would; it reports each
  // committed batch and the append-to-projected lag of every event in it.
  const projector = spawnLedgerProcess(
    { ROLE: 'projector', DB_URL: projectorDb.url, NATS_PREFIX: nats.naming.prefix, REPORT_LAG: '1', MAX_BATCH: '512' },
    (line) => {
      if (!line.startsWith('applied ')) return;
      const [, total, ...lags] = line.split(' ');
      if (measuring) for (const lag of lags) latencies.push(Number(lag));
      projected = Number(total);
      if (projected >= expected) allProjected();
    },
  );
  writer.startRelay(nats, 1_000);
  try {
    for (let offset = 0; offset < AGGREGATES; offset += CONCURRENCY) {
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, AGGREGATES - offset) }, (_, i) =>
          writer.run(`b-${offset + i}`, { kind: 'open', name: `B${offset + i}` }),
        ),
      );
    }
    measuring = true;
    const started = Date.now();
    let next = 0;
    const store = new EventStore();
    const perAppend = shape === 'single' ? 1 : 10;
    const appendBatch = (ledger: string) =>
      writer.dataSource.transaction((manager) =>
        store.append(manager, {
          aggregateType: 'ledger',
          aggregateId: ledger,
          expectedVersion: 'any',
          events: Array.from({ length: perAppend }, () => create(testingEvents.LedgerCreditedSchema, { amount: 1n })),
          metadata: metadata(),
        }),
      );
    if (shape === 'sustained') {
      // Open loop: an append is due every perAppend/RATE seconds, whatever the pipeline does.
      const intervalMs = (1000 * perAppend) / RATE;
      const pending = new Set<Promise<unknown>>();
      let sent = 0;
      while (sent * perAppend < EVENTS) {
        while (sent * perAppend < EVENTS && started + sent * intervalMs <= Date.now()) {
          const append = appendBatch(`b-${sent % AGGREGATES}`).finally(() => pending.delete(append));
          pending.add(append);
          sent += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + sent * intervalMs - Date.now())));
      }
      await Promise.all(pending);
    }
    const workers = Array.from({ length: shape === 'sustained' ? 0 : CONCURRENCY }, async () => {
      for (;;) {
        const index = next;
        next += perAppend;
        if (index >= EVENTS) return;
        const ledger = `b-${(index / perAppend) % AGGREGATES}`;
        if (shape === 'single') {
          await writer.run(ledger, { kind: 'credit', amount: 1 });
        } else {
          await appendBatch(ledger);
        }
      }
    });
    await Promise.all(workers);
    const appended = Date.now();
    await done;
    const finished = Date.now();
    const sorted = latencies.sort((a, b) => a - b);
    return {
      shape,
      events: EVENTS,
      seconds: (finished - started) / 1000,
      appendPerSecond: Math.round(EVENTS / ((appended - started) / 1000)),
      endToEndPerSecond: Math.round(EVENTS / ((finished - started) / 1000)),
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
    };
  } finally {
    await projector.stop();
    await writer.close();
    for await (const stream of nats.jsm.streams.list()) {
      if (stream.config.name.startsWith(nats.naming.prefix.toUpperCase())) await nats.jsm.streams.delete(stream.config.name);
    }
    await nats.connection.drain();
    await Promise.all([writerDb.drop(), projectorDb.drop()]);
  }
}

async function main(): Promise<void> {
  const results: Result[] = [];
  for (const shape of ['single', 'batched', 'sustained'] as const) results.push(await scenario(shape));
  printTable(
    `eventstore pipeline: append -> outbox -> JetStream -> projection (${EVENTS_MAX_RATE} events at ${CONCURRENCY} in flight; sustained: ${RATE}/s offered for ${SUSTAIN_SECONDS} s)`,
    results.map((r) => ({
      shape: r.shape,
      'events/s end-to-end': r.endToEndPerSecond,
      'appends/s': r.appendPerSecond,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      seconds: r.seconds.toFixed(1),
    })),
  );
  for (const r of results) console.log(JSON.stringify({ bench: 'eventstore-pipeline', ...r }));
  const sustained = results.find((r) => r.shape === 'sustained');
  if (sustained) {
    const met = sustained.endToEndPerSecond >= RATE * 0.98 && sustained.p99 < 100;
    console.log(JSON.stringify({ bench: 'eventstore-pipeline', target: `${RATE} events/s sustained, p99 < 100 ms`, met }));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
