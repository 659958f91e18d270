import { create, agentEvents } from '@fieldwork/contracts';
import type { DecideContext, EventFacts } from '@fieldwork/eventstore';
import { AttemptAlreadyFinishedError, attemptDecider, type AttemptCommand, type AttemptEvent, type AttemptState } from './attempt.decider';

const context: DecideContext = { now: new Date('2026-01-01T00:00:00Z'), newId: () => 'id-1', actor: { kind: 'system', id: 'agent' } };
const facts: EventFacts = { occurredAt: context.now, actor: context.actor, version: 1 };

const started = (delivery = 1) =>
  create(agentEvents.AttemptStartedSchema, { taskId: 'task-1', attemptNumber: 2, siteUrl: 'http://a.example/', workerId: 'w:1', delivery });
const finished = (status: string) => create(agentEvents.AttemptFinishedSchema, { taskId: 'task-1', attemptNumber: 2, status });

function given(...events: AttemptEvent[]): AttemptState {
  return events.reduce((state, event) => attemptDecider.evolve(state, event, facts), attemptDecider.initialState());
}

const when = (state: AttemptState, command: AttemptCommand) => attemptDecider.decide(command, state, context);

describe('attempt decider', () => {
  it('notes every delivery of the work item until the result is recorded', () => {
    expect(when(given(), { kind: 'start', started: started() }).map((e) => e.$typeName)).toEqual(['fieldwork.agent.v1.AttemptStarted']);
    // A lost worker: the second delivery starts the same attempt again.
    const again = when(given(started(1)), { kind: 'start', started: started(2) });
    expect(again).toEqual([expect.objectContaining({ delivery: 2 })]);
    expect(given(started(1), started(2)).deliveries).toBe(2);
  });

  it('records the result once', () => {
    const result = finished('success');
    expect(when(given(started()), { kind: 'finish', finished: result })).toEqual([result]);
    expect(given(started(), result)).toMatchObject({ finished: true, status: 'success' });
  });

  it('refuses a second result and a new start once finished, naming the attempt and its status', () => {
    const state = given(started(), finished('partial'));
    expect(() => when(state, { kind: 'finish', finished: finished('success') })).toThrow(AttemptAlreadyFinishedError);
    expect(() => when(state, { kind: 'start', started: started(3) })).toThrow('attempt task-1:2 already finished (partial)');
  });

  it('records a result even when the start was never noted (it is the result that must be unique)', () => {
    expect(when(given(), { kind: 'finish', finished: finished('failed') })).toHaveLength(1);
  });
});
