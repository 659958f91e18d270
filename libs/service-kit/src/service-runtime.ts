// What runs in the background of every service: the outbox relay and the projection runners.
// Started once the application is wired; stopped before NATS and the database close, so no
// work is cut off halfway.
import type { BeforeApplicationShutdown, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  OutboxRelay,
  ProjectionRunner,
  rebuildFromEventStore,
  repairStreamTail,
  republishFrom,
  type Projection,
  type TailRepair,
} from '@fieldwork/eventstore';
import type { HealthReport } from '@fieldwork/messaging';
import type { Logger } from '@fieldwork/telemetry';
import { NotFoundError } from '@fieldwork/contracts';
import type { ServiceConfig } from './config';
import type { NatsHandle } from './nats-handle';

export interface ProjectionRegistration {
  projection: Projection;
  /** Services whose event streams feed it. */
  sources: string[];
  maxBatch?: number;
  maxDeliveries?: number;
}

export interface RuntimeOptions {
  relay: boolean;
  projections: ProjectionRegistration[];
  inlineProjections: Projection[];
}

export class ServiceRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  readonly relay?: OutboxRelay;
  readonly runners: ProjectionRunner[];
  private readonly startedAt = Date.now();
  private started = false;

  constructor(
    readonly config: ServiceConfig,
    readonly dataSource: DataSource,
    readonly nats: NatsHandle,
    private readonly logger: Logger,
    private readonly options: RuntimeOptions,
  ) {
    if (options.relay) {
      this.relay = new OutboxRelay({
        service: config.service,
        connectionString: config.databaseUrl,
        js: nats.js,
        naming: nats.naming,
        logger,
      });
    }
    this.runners = options.projections.map(
      (registration) =>
        new ProjectionRunner({
          service: config.service,
          projection: registration.projection,
          sources: registration.sources,
          dataSource,
          js: nats.js,
          jsm: nats.jsm,
          naming: nats.naming,
          deadLetters: nats.deadLetters,
          logger,
          maxBatch: registration.maxBatch,
          maxDeliveries: registration.maxDeliveries,
        }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    // A hybrid app with a deferred microservice runs bootstrap hooks twice; start once.
    if (this.started) return;
    this.started = true;
    this.relay?.start();
    await Promise.all(this.runners.map((runner) => runner.start()));
    this.logger.info({ projections: this.runners.map((runner) => runner.consumerName) }, 'service runtime started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.connection.drain().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  async health(): Promise<HealthReport> {
    const checks: Record<string, string> = {};
    try {
      await this.dataSource.query('select 1');
      checks.database = 'ok';
    } catch (error) {
      checks.database = `failing: ${(error as Error).message}`;
    }
    checks.nats = this.nats.connection.isClosed() ? 'failing: closed' : 'ok';
    if (this.relay) checks.outboxRelay = this.relay.isLeader ? 'ok' : 'ok (standby)';
    return {
      service: this.config.service,
      status: Object.values(checks).every((value) => value.startsWith('ok')) ? 'ok' : 'degraded',
      checks,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  /** Admin: queue events from a position for publishing again (or repair the lost tail). */
  async republish(fromPosition?: number): Promise<TailRepair | { fromPosition: number; requeued: number }> {
    if (fromPosition !== undefined) return { fromPosition, requeued: await republishFrom(this.dataSource, fromPosition) };
    return repairStreamTail(this.dataSource, this.nats.jsm, this.nats.naming, this.config.service);
  }

  /** Admin: rebuild one projection (inline ones from the event store, others from JetStream). */
  async rebuild(name: string): Promise<{ projection: string; mode: 'event-store' | 'jetstream'; applied?: number }> {
    const inline = this.options.inlineProjections.find((projection) => projection.name === name);
    if (inline) return { projection: name, mode: 'event-store', applied: await rebuildFromEventStore(this.dataSource, inline) };
    const runner = this.runners.find(
      (candidate) => candidate.consumerName === name || candidate.consumerName === `${this.config.service}-${name}`,
    );
    if (!runner) throw new NotFoundError('Projection', name);
    await runner.rebuild();
    return { projection: name, mode: 'jetstream' };
  }
}
