// A private NATS namespace per test file: a random subject/stream prefix, and removal of every
// stream created under it.
import { randomBytes } from 'node:crypto';
import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';

export interface TestNats {
  prefix: string;
  connection: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Deletes this namespace's streams and closes the connection. */
  dispose(): Promise<void>;
}

export const natsUrl = (): string => process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export function randomPrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function createTestNats(prefix = randomPrefix()): Promise<TestNats> {
  const connection = await connect({ servers: natsUrl(), name: `test-${prefix}` });
  const jsm = await connection.jetstreamManager();
  return {
    prefix,
    connection,
    js: connection.jetstream(),
    jsm,
    dispose: async () => {
      const upper = `${prefix.toUpperCase()}_`;
      for await (const stream of jsm.streams.list()) {
        if (stream.config.name.startsWith(upper)) await jsm.streams.delete(stream.config.name);
      }
      await connection.drain();
    },
  };
}
