// The service's NATS connection and the JetStream views of it, opened once at start.
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { connectToNats, DeadLetters, ensureStreams, Naming, platformStreams, SERVICES } from '@fieldwork/messaging';
import type { Logger } from '@fieldwork/telemetry';
import type { ServiceConfig } from './config';

export interface NatsHandle {
  connection: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  naming: Naming;
  deadLetters: DeadLetters;
}

export async function openNatsHandle(config: ServiceConfig, logger: Logger): Promise<NatsHandle> {
  const connection = await connectToNats({ servers: config.natsUrl, name: config.service, logger });
  const jsm = await connection.jetstreamManager();
  const naming = new Naming(config.natsPrefix);
  // Every service declares every stream: whoever starts first creates them, idempotently.
  const services: string[] = [...SERVICES];
  if (!services.includes(config.service)) services.push(config.service);
  await ensureStreams(jsm, platformStreams(naming, services));
  const js = connection.jetstream();
  return { connection, js, jsm, naming, deadLetters: new DeadLetters(js, naming, logger) };
}
