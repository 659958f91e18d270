// Gives a service its database (own, migrated), NATS, event store, command handler, RPC
// client and logger, and runs its relay and projections. A service module imports
// `FieldworkModule.forService({...})` and injects what it needs by token.
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { CommandHandler, EventStore, EventStoreSchema, type Projection } from '@fieldwork/eventstore';
import { RpcClient } from '@fieldwork/messaging';
import { createLogger, type Logger } from '@fieldwork/telemetry';
import { createAdminController } from './admin.controller';
import { loadServiceConfig, type ServiceConfig } from './config';
import { ensureDatabase, openServiceDataSource } from './database';
import { openNatsHandle, type NatsHandle } from './nats-handle';
import { ServiceRuntime, type ProjectionRegistration } from './service-runtime';
import { COMMAND_HANDLER, DATA_SOURCE, EVENT_STORE, LOGGER, NATS, RPC_CLIENT, SERVICE_CONFIG } from './tokens';

export interface ServiceModuleOptions {
  service: string;
  /** The service's own migrations; the event store's tables come first automatically. */
  migrations?: DataSourceOptions['migrations'];
  entities?: DataSourceOptions['entities'];
  projections?: ProjectionRegistration[];
  inlineProjections?: Projection[];
  /** Publish this service's events (default true). */
  relay?: boolean;
  /** Overrides the environment (tests). */
  config?: ServiceConfig;
}

@Module({})
export class FieldworkModule {
  static forService(options: ServiceModuleOptions): DynamicModule {
    const config = options.config ?? loadServiceConfig(options.service);
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: LOGGER, useValue: createLogger(options.service) },
      {
        provide: DATA_SOURCE,
        useFactory: async () => {
          await ensureDatabase(config.databaseServerUrl, config.databaseName);
          return openServiceDataSource({
            url: config.databaseUrl,
            migrations: [EventStoreSchema, ...Object.values(options.migrations ?? [])],
            entities: options.entities,
            poolSize: config.databasePoolSize,
            applicationName: options.service,
          });
        },
      },
      { provide: NATS, inject: [LOGGER], useFactory: (logger: Logger) => openNatsHandle(config, logger) },
      { provide: EVENT_STORE, useValue: new EventStore() },
      {
        provide: COMMAND_HANDLER,
        inject: [DATA_SOURCE, EVENT_STORE],
        useFactory: (dataSource: DataSource, store: EventStore) => new CommandHandler(dataSource, store),
      },
      {
        provide: RPC_CLIENT,
        inject: [NATS],
        useFactory: (nats: NatsHandle) => new RpcClient(nats.connection, nats.naming, config.rpcTimeoutMs),
      },
      {
        provide: ServiceRuntime,
        inject: [DATA_SOURCE, NATS, LOGGER],
        useFactory: (dataSource: DataSource, nats: NatsHandle, logger: Logger) =>
          new ServiceRuntime(config, dataSource, nats, logger, {
            relay: options.relay ?? true,
            projections: options.projections ?? [],
            inlineProjections: options.inlineProjections ?? [],
          }),
      },
    ];
    return {
      module: FieldworkModule,
      global: true,
      controllers: [createAdminController(options.service)],
      providers,
      exports: [SERVICE_CONFIG, LOGGER, DATA_SOURCE, NATS, EVENT_STORE, COMMAND_HANDLER, RPC_CLIENT, ServiceRuntime],
    };
  }
}
