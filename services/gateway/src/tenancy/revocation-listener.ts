// Every gateway instance listens (plain NATS, no queue group: each instance gets its copy) to
// the ApiKeyRevoked events its peers publish, and drops the key from its cache, so a revoked
// key stops working everywhere within moments — the cache TTL bounds it if NATS is down.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'nats';
import type { gatewayEvents } from '@fieldwork/contracts';
import { decodeEnvelope } from '@fieldwork/eventstore';
import type { Logger } from '@fieldwork/telemetry';
import { LOGGER, NATS, type NatsHandle } from '@fieldwork/service-kit';
import { ORGANIZATION_AGGREGATE } from '../domain/organization.decider';
import { ApiKeyCache } from '../http/auth/api-key-cache';

@Injectable()
export class RevocationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(ApiKeyCache) private readonly cache: ApiKeyCache,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.subscription) return;
    const subject = this.nats.naming.eventSubject('gateway', ORGANIZATION_AGGREGATE, 'ApiKeyRevoked');
    this.subscription = this.nats.connection.subscribe(subject, {
      callback: (error, message) => {
        if (error) return;
        try {
          const event = decodeEnvelope(message.data);
          this.cache.invalidate((event.data as gatewayEvents.ApiKeyRevoked).keyId);
        } catch (failure) {
          // Unreadable: forget everything rather than risk honouring a revoked key.
          this.logger.warn({ err: failure }, 'unreadable ApiKeyRevoked event; clearing the API key cache');
          this.cache.invalidate();
        }
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }
}
