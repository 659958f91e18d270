// What tools (e2e harness, benchmarks) may use to start the agent in-process or drive its engine.
export { createAgentModule, type AgentModuleOptions } from './agent.module';
export { loadAgentConfig, type AgentConfig } from './config/agent-config';
export { AgentEngine, type AgentEngineOptions } from './engine/agent-engine';
export { EgressGuard, systemResolver, type Resolver, type ResolvedAddress } from './egress/address-guard';
export { attemptSpecFrom, attemptAggregateId, type AttemptSpec, type AttemptColumn } from './domain/attempt-spec';
export { failureLabel, type Failure, type FailureCategory } from './domain/failure';
export type { AttemptResult, FieldOutcome } from './domain/attempt-result';
export { screenshotBucket } from './screenshots/screenshot-store';
export { WORK_CONSUMER, WORK_KIND } from './slices/run-attempt/attempt-worker';
