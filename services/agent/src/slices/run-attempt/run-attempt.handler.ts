// One work item from the queue: note the delivery (AttemptStarted), run the attempt, record its
// result exactly once (AttemptFinished, appended at the version read), and only then let the
// consumer loop acknowledge. A work item whose attempt is already finished is acknowledged
// without running again; an attempt stopped by shutdown is released for another worker.
import { fromBinary } from '@bufbuild/protobuf';
import type { JsMsg } from 'nats';
import { create, agentEvents, agentWork, type ActorRef } from '@fieldwork/contracts';
import { isTransientError, type CommandHandler, type EventMetadata } from '@fieldwork/eventstore';
import type { MessageOutcome } from '@fieldwork/messaging';
import { extractTraceContext, runWithRequestContext, withMessagingSpan, type Logger } from '@fieldwork/telemetry';
import { AttemptAbortedError } from '../../attempt/attempt-runner';
import type { AgentConfig } from '../../config/agent-config';
import { toAttemptFinished } from '../../domain/attempt-result';
import { attemptAggregateId, attemptIdentity, attemptSpecFrom, type AttemptSpec } from '../../domain/attempt-spec';
import { AttemptAlreadyFinishedError, attemptDecider } from '../../domain/attempt.decider';
import type { AgentEngine } from '../../engine/agent-engine';
import type { ProgressPublisher } from '../../progress/progress-publisher';

export const AGENT_ACTOR: ActorRef = { kind: 'system', id: 'agent', displayName: 'Agent worker' };

export interface RunAttemptDeps {
  config: AgentConfig;
  engine: AgentEngine;
  commands: CommandHandler;
  progress: ProgressPublisher;
  logger: Logger;
}

export class RunAttemptHandler {
  constructor(private readonly deps: RunAttemptDeps) {}

  async handle(message: JsMsg, signal: AbortSignal): Promise<MessageOutcome> {
    let spec: AttemptSpec;
    try {
      const request = fromBinary(agentWork.AttemptRequestedSchema, message.data);
      spec = attemptSpecFrom(request, this.deps.config.defaults);
    } catch (error) {
      // Undecodable or invalid: it will never work; the dead-letter stream keeps it for a person.
      return { kind: 'poison', error };
    }
    return withMessagingSpan(
      {
        operation: 'process',
        subject: message.subject,
        parent: extractTraceContext(message.headers),
        consumerGroup: 'agent',
        messageId: attemptAggregateId(spec.taskId, spec.attemptNumber),
        bodySize: message.data.length,
      },
      (span) => {
        span.setAttribute('fieldwork.task_id', spec.taskId);
        span.setAttribute('fieldwork.attempt', spec.attemptNumber);
        return runWithRequestContext({ correlationId: spec.correlationId, organizationId: spec.organizationId }, () =>
          this.run(spec, message, signal),
        );
      },
    );
  }

  private async run(spec: AttemptSpec, message: JsMsg, signal: AbortSignal): Promise<MessageOutcome> {
    const { engine, commands, progress, config, logger } = this.deps;
    const attemptId = attemptAggregateId(spec.taskId, spec.attemptNumber);
    const meta: EventMetadata = {
      organizationId: spec.organizationId,
      actor: AGENT_ACTOR,
      correlationId: spec.correlationId,
      causationId: message.headers?.get('Nats-Msg-Id') || attemptId,
    };
    const delivery = message.info.redeliveryCount;
    try {
      await commands.handle(attemptDecider, attemptId, {
        kind: 'start',
        started: create(agentEvents.AttemptStartedSchema, {
          ...attemptIdentity(spec),
          workerId: config.workerId,
          delivery,
        }),
      }, meta);
    } catch (error) {
      if (error instanceof AttemptAlreadyFinishedError) {
        logger.info({ attemptId, delivery }, 'attempt already finished; acknowledging the redelivered work item');
        return { kind: 'ack' };
      }
      return { kind: 'retry', error, transient: isTransientError(error) };
    }

    const subject = progress.attemptSubject(spec.taskId, spec.attemptNumber);
    progress.publish(subject, { kind: 'started', attemptId, siteUrl: spec.siteUrl, workerId: config.workerId, at: new Date().toISOString() });
    let result;
    try {
      result = await engine.runner.run(spec, {
        signal,
        screenshotScope: `${spec.taskId}/${spec.attemptNumber}`,
        onStep: (step, index) => progress.publish(subject, { kind: 'step', attemptId, index, step, at: new Date().toISOString() }),
      });
    } catch (error) {
      if (error instanceof AttemptAbortedError) return { kind: 'release' };
      logger.error({ err: error, attemptId }, 'attempt broke unexpectedly; it will be retried');
      return { kind: 'retry', error };
    }

    try {
      await commands.handle(attemptDecider, attemptId, { kind: 'finish', finished: toAttemptFinished(spec, result, config.workerId) }, meta);
    } catch (error) {
      if (error instanceof AttemptAlreadyFinishedError) {
        logger.warn({ attemptId }, 'another worker recorded this attempt first; this result is dropped');
        return { kind: 'ack' };
      }
      return { kind: 'retry', error, transient: isTransientError(error) };
    }
    progress.publish(subject, {
      kind: 'finished',
      attemptId,
      status: result.status,
      failure: result.failure ? { category: result.failure.category, reason: result.failure.reason } : undefined,
      totalMs: result.timings.totalMs,
      at: new Date().toISOString(),
    });
    logger.info(
      { attemptId, status: result.status, failure: result.failure?.category, reason: result.failure?.reason, mode: result.mode, ms: result.timings.totalMs },
      'attempt finished',
    );
    return { kind: 'ack' };
  }
}
