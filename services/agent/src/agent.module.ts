// The agent worker pool (DESIGN.md §2, §5): each process takes task attempts from the agent
// work queue (HTTP first, Chromium when needed, model-free extraction, optional model), records
// one AttemptFinished per task attempt, and answers `agent.preview` over NATS request/reply.
import { Module, type Type } from '@nestjs/common';
import { FieldworkModule, LOGGER, NATS, type NatsHandle, type ServiceConfig } from '@fieldwork/service-kit';
import type { Logger } from '@fieldwork/telemetry';
import { AGENT_CONFIG, loadAgentConfig, type AgentConfig } from './config/agent-config';
import type { Resolver } from './egress/address-guard';
import { AgentEngine } from './engine/agent-engine';
import { AGENT_ENGINE, PROGRESS_PUBLISHER } from './engine/tokens';
import { ProgressPublisher } from './progress/progress-publisher';
import { screenshotBucket } from './screenshots/screenshot-store';
import { PreviewController } from './slices/preview/preview.nats.controller';
import { AttemptWorker } from './slices/run-attempt/attempt-worker';

export interface AgentModuleOptions {
  /** Overrides the environment (in-process tests). */
  config?: ServiceConfig;
  agentConfig?: AgentConfig;
  /** DNS for target hosts (tests play DNS rebinding with it). */
  resolver?: Resolver;
}

export function createAgentModule(options: AgentModuleOptions = {}): Type<unknown> {
  const agentConfig = options.agentConfig ?? loadAgentConfig();
  @Module({
    imports: [FieldworkModule.forService({ service: 'agent', config: options.config })],
    controllers: [PreviewController],
    providers: [
      { provide: AGENT_CONFIG, useValue: agentConfig },
      {
        provide: AGENT_ENGINE,
        inject: [NATS, LOGGER],
        useFactory: (nats: NatsHandle, logger: Logger) =>
          AgentEngine.start({
            config: agentConfig,
            logger,
            resolver: options.resolver,
            screenshots: { js: nats.js, bucket: screenshotBucket(nats.naming.prefix) },
          }),
      },
      {
        provide: PROGRESS_PUBLISHER,
        inject: [NATS],
        useFactory: (nats: NatsHandle) => new ProgressPublisher(nats.connection, nats.naming),
      },
      AttemptWorker,
    ],
  })
  class AgentModule {}
  return AgentModule;
}
