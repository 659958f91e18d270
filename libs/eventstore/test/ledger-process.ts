// A separate OS process playing one role of the ledger fixture, so tests can kill it at a bad
// moment or follow a trace across processes. Configured by environment variables:
//   ROLE=writer|projector, DB_URL, NATS_PREFIX, [NATS_URL], [COMMANDS], [RELAY_BATCH],
//   [CRASH_AFTER_PUBLISH=<n> (writer)], [CRASH_AFTER_COMMIT=1 (projector)],
//   [TRACE=1 with OTEL_* set: export spans], [REPORT_LAG=1, MAX_BATCH].
import { startTelemetry } from '@fieldwork/telemetry';

const telemetry = process.env.TRACE === '1' ? startTelemetry(process.env.OTEL_SERVICE_NAME ?? 'ledger') : undefined;

async function main(): Promise<void> {
  // Loaded after telemetry so pg and nats calls are instrumented.
  const { trace } = await import('@opentelemetry/api');
  const { LedgerProjector, LedgerWriter, openNats } = await import('./ledger-node');
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const nats = await openNats(env('NATS_PREFIX'));
  const say = (line: string) => process.stdout.write(`${line}\n`);

  if (env('ROLE') === 'writer') {
    const writer = await LedgerWriter.open(env('DB_URL'));
    const crashAfterPublish = Number(process.env.CRASH_AFTER_PUBLISH ?? 0);
    if (crashAfterPublish > 0) {
      // Fault injection: die the moment JetStream has acknowledged the n-th event, before the
      // relay gets to mark its outbox row published: the worst window of the outbox.
      const publish = nats.js.publish.bind(nats.js);
      let acknowledged = 0;
      nats.js.publish = async (...args: Parameters<typeof publish>) => {
        const ack = await publish(...args);
        acknowledged += 1;
        if (acknowledged >= crashAfterPublish) {
          say(`crashing after publish ${acknowledged} seq ${ack.seq}`);
          process.kill(process.pid, 'SIGKILL');
        }
        return ack;
      };
    }
    writer.startRelay(nats, Number(process.env.RELAY_BATCH ?? 50));
    const commands = Number(process.env.COMMANDS ?? 100);
    for (let ledger = 0; ledger < 5; ledger += 1) await writer.run(`w-${ledger}`, { kind: 'open', name: `W${ledger}` });
    for (let i = 0; i < commands; i += 1) {
      if (process.env.TRACE === '1') {
        await trace.getTracer('ledger-test').startActiveSpan('command ledger.credit', async (span) => {
          await writer.run(`w-${i % 5}`, { kind: 'credit', amount: i + 1 });
          say(`trace ${span.spanContext().traceId} ${span.spanContext().spanId}`);
          span.end();
        });
      } else {
        await writer.run(`w-${i % 5}`, { kind: 'credit', amount: i + 1 });
      }
      say(`appended ${i + 1}`);
    }
    say('done');
  } else {
    // REPORT_LAG=1: print "applied <total> <lag ms of each event…>" after every commit (benchmark).
    const reportLag = process.env.REPORT_LAG === '1';
    let applied = 0;
    const projector = new LedgerProjector(
      await (await import('./ledger.fixture')).openLedgerDataSource(env('DB_URL')),
      nats,
      {
        ackWaitMs: 2_000,
        maxBatch: Number(process.env.MAX_BATCH ?? 256),
        onApplied: reportLag
          ? (events) => {
              const now = Date.now();
              applied += events.length;
              say(`applied ${applied} ${events.map((event) => now - event.occurredAt.getTime()).join(' ')}`);
            }
          : undefined,
      },
    );
    await projector.runner.start();
    if (process.env.CRASH_AFTER_COMMIT === '1') {
      // Fault injection: die the moment a projection transaction has committed, before the
      // runner gets to ack the messages it applied.
      const original = projector.dataSource.transaction.bind(projector.dataSource) as (
        ...args: unknown[]
      ) => Promise<unknown>;
      (projector.dataSource as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction =
        async (...args: unknown[]) => {
          const result = await original(...args);
          say('committed');
          process.kill(process.pid, 'SIGKILL');
          return result;
        };
    }
    say('ready');
  }

  process.on('SIGTERM', () => {
    void (async () => {
      await telemetry?.shutdown();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
