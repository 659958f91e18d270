// Per-file JetStream fixture of the consumer-loop tests: a private NATS prefix with the
// platform's streams declared for the given services, the loops a test started (stopped after
// each test) and a clean teardown.
import { createTestNats, type TestNats } from '@fieldwork/testing';
import { ensureStreams, Naming, platformStreams, type ConsumerLoop } from '../../src';

export interface StreamsFixture {
  nats: TestNats;
  naming: Naming;
  loops: ConsumerLoop[];
}

export function useStreamsFixture(services: string[], options: { declareTwice?: boolean } = {}): StreamsFixture {
  const fixture = { loops: [] as ConsumerLoop[] } as unknown as StreamsFixture;
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
