// Wires the ledger fixture to the real backbone the way a service does: a writer (commands +
// inline projection + outbox relay) and a projector (JetStream-fed projection in its own DB).
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { connect } from 'nats';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SYSTEM_ACTOR } from '@fieldwork/contracts';
import { DeadLetters, ensureStreams, Naming, platformStreams } from '@fieldwork/messaging';
import { createLogger, type Logger } from '@fieldwork/telemetry';
import {
  CommandHandler,
  EventStore,
  OutboxRelay,
  ProjectionRunner,
  type EventMetadata,
  type ProjectionRunnerOptions,
} from '../src';
import {
  balancesProjection,
  copiesProjection,
  LEDGER_SERVICE,
  ledgerDecider,
  openLedgerDataSource,
  type LedgerCommand,
} from './ledger.fixture';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
export const logger = createLogger('ledger-test', { level: process.env.LOG_LEVEL ?? 'error' });

export interface NatsHandle {
  connection: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  naming: Naming;
}

export async function openNats(prefix: string, servers = natsUrl): Promise<NatsHandle> {
  const connection = await connect({ servers, maxReconnectAttempts: -1, reconnectTimeWait: 200, noAsyncTraces: true });
  const jsm = await connection.jetstreamManager();
  const naming = new Naming(prefix);
  await ensureStreams(jsm, platformStreams(naming, [LEDGER_SERVICE]));
  return { connection, js: connection.jetstream(), jsm, naming };
}

export class LedgerWriter {
  readonly handler: CommandHandler;
  relay?: OutboxRelay;

  constructor(
    readonly dataSource: DataSource,
    readonly dbUrl: string,
  ) {
    this.handler = new CommandHandler(dataSource, new EventStore());
  }

  static async open(dbUrl: string, poolSize = 10): Promise<LedgerWriter> {
    return new LedgerWriter(await openLedgerDataSource(dbUrl, poolSize), dbUrl);
  }

  startRelay(nats: NatsHandle, batchSize = 500, options: { pollIntervalMs?: number } = {}): OutboxRelay {
    this.relay = new OutboxRelay({
      service: LEDGER_SERVICE,
      connectionString: this.dbUrl,
      js: nats.js,
      naming: nats.naming,
      logger,
      batchSize,
      pollIntervalMs: options.pollIntervalMs ?? 200,
      publishTimeoutMs: 2_000,
    });
    this.relay.start();
    return this.relay;
  }

  run(ledgerId: string, command: LedgerCommand, organizationId = 'org-1') {
    return this.handler.handle(ledgerDecider, ledgerId, command, metadata(organizationId), {
      projections: [balancesProjection],
    });
  }

  async close(): Promise<void> {
    await this.relay?.stop();
    await this.dataSource.destroy();
  }
}

export class LedgerProjector {
  readonly runner: ProjectionRunner;

  constructor(
    readonly dataSource: DataSource,
    nats: NatsHandle,
    options: {
      maxDeliveries?: number;
      ackWaitMs?: number;
      maxBatch?: number;
      onApplied?: ProjectionRunnerOptions['onApplied'];
      logger?: Logger;
    } = {},
  ) {
    this.runner = new ProjectionRunner({
      service: 'projector',
      projection: copiesProjection,
      sources: [LEDGER_SERVICE],
      dataSource,
      js: nats.js,
      jsm: nats.jsm,
      naming: nats.naming,
      deadLetters: new DeadLetters(nats.js, nats.naming, options.logger ?? logger),
      logger: options.logger ?? logger,
      maxDeliveries: options.maxDeliveries ?? 3,
      ackWaitMs: options.ackWaitMs ?? 5_000,
      maxBatch: options.maxBatch,
      onApplied: options.onApplied,
    });
  }

  static async start(dbUrl: string, nats: NatsHandle, options: ConstructorParameters<typeof LedgerProjector>[2] = {}) {
    const projector = new LedgerProjector(await openLedgerDataSource(dbUrl), nats, options);
    await projector.runner.start();
    return projector;
  }

  async close(): Promise<void> {
    await this.runner.stop();
    await this.dataSource.destroy();
  }
}

export function metadata(organizationId = 'org-1'): EventMetadata {
  return { organizationId, actor: SYSTEM_ACTOR, correlationId: uuidv7(), causationId: uuidv7() };
}
