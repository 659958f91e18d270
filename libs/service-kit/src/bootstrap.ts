// Starts a service: Nest application, NATS transport for its commands and queries, optional
// HTTP listener (the gateway), and a graceful SIGTERM: stop taking requests, finish what is
// in flight, stop the relay and projections, then close NATS and the database.
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FieldworkTransport } from '@fieldwork/messaging';
import { createLogger } from '@fieldwork/telemetry';
import { PinoNestLogger } from './nest-logger';
import { RpcErrorPassthroughFilter } from './rpc-error-passthrough.filter';
import { ServiceRuntime } from './service-runtime';

export interface BootstrapOptions {
  service: string;
  /** Listen for HTTP on this port (gateway only). */
  httpPort?: number;
  httpHost?: string;
  /** Extra set-up of the HTTP application before it listens (pipes, filters, docs). */
  configureHttp?: (app: INestApplication) => void | Promise<void>;
  /** Exit the process on SIGTERM/SIGINT (off in in-process tests). */
  handleSignals?: boolean;
  shutdownTimeoutMs?: number;
}

export interface RunningService {
  app: INestApplication;
  runtime: ServiceRuntime;
  /** HTTP base URL when listening. */
  url?: string;
  close(): Promise<void>;
}

export async function bootstrapService(rootModule: Type<unknown>, options: BootstrapOptions): Promise<RunningService> {
  const logger = createLogger(options.service);
  const app = await NestFactory.create(rootModule, { logger: new PinoNestLogger(logger), abortOnError: false });
  const runtime = app.get(ServiceRuntime);
  const transport = new FieldworkTransport({
    service: options.service,
    connection: runtime.nats.connection,
    naming: runtime.nats.naming,
    logger,
    health: () => runtime.health(),
  });
  // Deferred so the filter below is in place before the handlers are wired.
  const microservice = app.connectMicroservice(
    { strategy: transport },
    { inheritAppConfig: false, deferInitialization: true },
  );
  microservice.useGlobalFilters(new RpcErrorPassthroughFilter());
  await options.configureHttp?.(app);
  await app.startAllMicroservices();
  let url: string | undefined;
  if (options.httpPort !== undefined) {
    await app.listen(options.httpPort, options.httpHost ?? process.env.HOST ?? '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', 'localhost');
  } else {
    await app.init();
  }
  logger.info({ url }, `${options.service} started`);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await transport.close();
      await app.close();
    })());

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, `${options.service} shutting down`);
      const force = setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, options.shutdownTimeoutMs ?? 25_000);
      force.unref();
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { app, runtime, url, close };
}

/** Entry point helper for a service's main.ts: start, or log why not and exit non-zero. */
export function runService(rootModule: Type<unknown>, options: BootstrapOptions): void {
  bootstrapService(rootModule, options).catch((error: unknown) => {
    createLogger(options.service).fatal({ err: error }, `${options.service} failed to start`);
    process.exit(1);
  });
}
