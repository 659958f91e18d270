// A task attempt's record: each delivery of its work item is noted (AttemptStarted, again after
// a lost worker), and its result is recorded exactly once (AttemptFinished). Whoever finishes
// second — a redelivered copy, a worker that lost its lease — is told the attempt is already
// finished and records nothing, so "one result per task attempt" holds whatever NATS does.
import { ConflictError, create, agentEvents } from '@fieldwork/contracts';
import type { Decider } from '@fieldwork/eventstore';

export const ATTEMPT_AGGREGATE = 'attempt';

export type AttemptEvent = agentEvents.AttemptStarted | agentEvents.AttemptFinished;

export interface AttemptState {
  deliveries: number;
  finished: boolean;
  status?: string;
}

export type AttemptCommand =
  | { kind: 'start'; started: agentEvents.AttemptStarted }
  | { kind: 'finish'; finished: agentEvents.AttemptFinished };

/** The attempt's result is already recorded; the caller acknowledges its work item and stops. */
export class AttemptAlreadyFinishedError extends ConflictError {
  constructor(
    readonly attemptId: string,
    readonly status: string,
  ) {
    super(`attempt ${attemptId} already finished (${status})`, { attemptId, status });
  }
}

export const attemptDecider: Decider<AttemptState, AttemptCommand, AttemptEvent> = {
  aggregateType: ATTEMPT_AGGREGATE,
  initialState: () => ({ deliveries: 0, finished: false }),
  decide(command, state) {
    const id = (event: { taskId: string; attemptNumber: number }) => `${event.taskId}:${event.attemptNumber}`;
    switch (command.kind) {
      case 'start':
        if (state.finished) throw new AttemptAlreadyFinishedError(id(command.started), state.status ?? 'finished');
        return [create(agentEvents.AttemptStartedSchema, { ...command.started })];
      case 'finish':
        if (state.finished) throw new AttemptAlreadyFinishedError(id(command.finished), state.status ?? 'finished');
        return [command.finished];
      default: {
        const never: never = command;
        throw new Error(`unknown attempt command ${JSON.stringify(never)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.$typeName) {
      case 'fieldwork.agent.v1.AttemptStarted':
        return { ...state, deliveries: state.deliveries + 1 };
      case 'fieldwork.agent.v1.AttemptFinished':
        return { ...state, finished: true, status: event.status };
      default: {
        const never: never = event;
        throw new Error(`unknown attempt event ${JSON.stringify(never)}`);
      }
    }
  },
};
