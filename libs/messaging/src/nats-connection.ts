// Opens the NATS connection a service keeps for its lifetime: reconnects forever (a NATS
// restart must never take a service down) and logs every status change.
import { connect, type NatsConnection } from 'nats';
import type { Logger } from '@fieldwork/telemetry';

export interface NatsConnectOptions {
  servers: string;
  name: string;
  logger: Logger;
}

export async function connectToNats(options: NatsConnectOptions): Promise<NatsConnection> {
  const connection = await connect({
    servers: options.servers.split(',').map((server) => server.trim()),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    reconnectJitter: 100,
    waitOnFirstConnect: false,
    pingInterval: 10_000,
    // Capturing a stack trace per request costs more than the relay's whole publish path.
    noAsyncTraces: true,
  });
  void watchStatus(connection, options.logger);
  return connection;
}

async function watchStatus(connection: NatsConnection, logger: Logger): Promise<void> {
  for await (const status of connection.status()) {
    if (status.type === 'pingTimer') continue;
    const level = status.type === 'disconnect' || status.type === 'error' ? 'warn' : 'info';
    logger[level]({ nats: status.type, data: String(status.data) }, `nats ${status.type}`);
  }
}
