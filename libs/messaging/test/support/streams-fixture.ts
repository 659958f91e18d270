// Per-file JetStream fixture of the consumer-loop tests: a private NATS prefix with the
// platform's streams declared for the given services, the loops a test started (stopped after
// each test) and a clean teardown.
import type { Logger } from '@fieldwork/telemetry';
import { createTestNats, type TestNats } from '@fieldwork/testing';
import { ConsumerLoop, DeadLetters, ensureStreams, Naming, platformStreams } from '../../src';

type LoopOptions = ConstructorParameters<typeof ConsumerLoop>[0];

export interface StreamsFixture {
  nats: TestNats;
  naming: Naming;
  loops: ConsumerLoop[];
  /** A loop on the work stream for `durableName` (one message a batch), stopped after the test. */
  workLoop(durableName: string, logger: Logger, options: Partial<LoopOptions> & Pick<LoopOptions, 'handle'>): ConsumerLoop;
  /** Publishes a work item for `kind`. */
  publish(kind: string, body?: string): Promise<unknown>;
}

export function useStreamsFixture(services: string[], options: { declareTwice?: boolean } = {}): StreamsFixture {
  const fixture = {
    loops: [] as ConsumerLoop[],
    workLoop(durableName: string, logger: Logger, options: Partial<LoopOptions> & Pick<LoopOptions, 'handle'>): ConsumerLoop {
      const loop = new ConsumerLoop({
        js: fixture.nats.js,
        jsm: fixture.nats.jsm,
        stream: fixture.naming.workStream,
        durableName,
        filterSubject: fixture.naming.workSubject(durableName),
        maxBatch: 1,
        parallelism: 1,
        maxDeliveries: 5,
        ackWaitMs: 30_000,
        deadLetters: new DeadLetters(fixture.nats.js, fixture.naming, logger),
        logger,
        ...options,
      });
      fixture.loops.push(loop);
      return loop;
    },
    publish: (kind: string, body = kind) => fixture.nats.js.publish(fixture.naming.workSubject(kind), new TextEncoder().encode(body)),
  } as unknown as StreamsFixture;
  beforeAll(async () => {
    fixture.nats = await createTestNats();
    fixture.naming = new Naming(fixture.nats.prefix);
    await ensureStreams(fixture.nats.jsm, platformStreams(fixture.naming, services));
    // Idempotent: a second declaration (another instance starting) changes nothing.
    if (options.declareTwice) await ensureStreams(fixture.nats.jsm, platformStreams(fixture.naming, services));
  });
  afterEach(async () => {
    await Promise.all(fixture.loops.splice(0).map((loop) => loop.stop()));
  });
  afterAll(async () => {
    await fixture.nats?.dispose();
  });
  return fixture;
}
