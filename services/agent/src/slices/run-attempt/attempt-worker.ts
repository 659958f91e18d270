// The worker's share of the pool: a ConsumerLoop on the agent work queue (one durable consumer
// shared by every worker, so NATS alone spreads the work) running up to
// FIELDWORK_AGENT_CONCURRENCY attempts at once, each kept leased with working() while it runs.
// On shutdown it stops taking work, gives running attempts a grace period to finish, then
// stops them — they are released (redelivered at once to another worker), never half-recorded —
// and closes the browser.
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConsumerLoop } from '@fieldwork/messaging';
import type { CommandHandler } from '@fieldwork/eventstore';
import { COMMAND_HANDLER, LOGGER, NATS, type NatsHandle } from '@fieldwork/service-kit';
import type { Logger } from '@fieldwork/telemetry';
import { AGENT_CONFIG, type AgentConfig } from '../../config/agent-config';
import type { AgentEngine } from '../../engine/agent-engine';
import { AGENT_ENGINE, PROGRESS_PUBLISHER } from '../../engine/tokens';
import type { ProgressPublisher } from '../../progress/progress-publisher';
import { RunAttemptHandler } from './run-attempt.handler';

export const WORK_CONSUMER = 'agent-attempts';
export const WORK_KIND = 'attempt';

@Injectable()
export class AttemptWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop?: ConsumerLoop;
  private started = false;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    @Inject(AGENT_ENGINE) private readonly engine: AgentEngine,
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(PROGRESS_PUBLISHER) private readonly progress: ProgressPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A hybrid app with a deferred microservice runs bootstrap hooks twice; start once.
    if (this.started) return;
    this.started = true;
    const { js, jsm, naming, deadLetters } = this.nats;
    const handler = new RunAttemptHandler({
      config: this.config,
      engine: this.engine,
      commands: this.commands,
      progress: this.progress,
      logger: this.logger,
    });
    this.loop = new ConsumerLoop({
      js,
      jsm,
      stream: naming.workStream,
      durableName: WORK_CONSUMER,
      filterSubject: naming.workSubject(WORK_KIND),
      maxBatch: 1,
      parallelism: this.config.concurrency,
      maxDeliveries: this.config.maxDeliveries,
      ackWaitMs: this.config.ackWaitMs,
      // One durable consumer for the whole pool: its MaxAckPending is the pool's, not this worker's.
      maxAckPending: this.config.poolMaxAckPending,
      deadLetters,
      logger: this.logger,
      handle: (messages) => Promise.all(messages.map((message) => handler.handle(message, this.stopping.signal))),
    });
    await this.loop.start();
    this.logger.info({ concurrency: this.config.concurrency, poolMaxAckPending: this.config.poolMaxAckPending, consumer: WORK_CONSUMER }, 'agent worker taking attempts');
  }

  async beforeApplicationShutdown(): Promise<void> {
    const grace = setTimeout(() => this.stopping.abort(), this.config.shutdownGraceMs);
    try {
      await this.loop?.stop();
    } finally {
      clearTimeout(grace);
      await this.engine.close();
    }
    this.logger.info('agent worker stopped');
  }
}
