import { create, agentWork, ValidationError } from '@fieldwork/contracts';
import { attemptAggregateId, attemptSpecFrom } from './attempt-spec';

const defaults = { totalMs: 30_000, maxPages: 6, maxDepth: 3 };

const request = (extra: Parameters<typeof create<typeof agentWork.AttemptRequestedSchema>>[1] = {}) =>
  create(agentWork.AttemptRequestedSchema, {
    taskId: 'task-1',
    runId: 'run-1',
    attemptNumber: 1,
    organizationId: 'org-1',
    siteUrl: ' http://a.example/ ',
    columns: [
      { name: 'adult_price', type: 'money', required: true },
      { name: 'pos_system', type: 'enum', enumValues: ['Toast', 'Square'] },
    ],
    ...extra,
  });

describe('attempt spec', () => {
  it('applies defaults: auto strategy and mode, the worker budget, no screenshots', () => {
    const spec = attemptSpecFrom(request(), defaults);
    expect(spec).toMatchObject({
      siteUrl: 'http://a.example/',
      strategy: 'auto',
      mode: 'auto',
      budget: { totalMs: 30_000, maxPages: 6, maxDepth: 3, screenshots: false },
      correlationId: 'run-1',
    });
    expect(spec.columns).toEqual([
      { name: 'adult_price', type: 'money', description: undefined, required: true, enumValues: undefined },
      { name: 'pos_system', type: 'enum', description: undefined, required: false, enumValues: ['Toast', 'Square'] },
    ]);
  });

  it('keeps the budget asked for, capped at ten minutes', () => {
    const spec = attemptSpecFrom(request({ budget: { totalMs: 3_600_000, maxPages: 2, maxDepth: 1, screenshots: true }, mode: 'browser', strategy: 'llm' }), defaults);
    expect(spec.budget).toEqual({ totalMs: 600_000, maxPages: 2, maxDepth: 1, screenshots: true });
    expect(spec).toMatchObject({ mode: 'browser', strategy: 'llm' });
  });

  it('names every problem of an unusable work item', () => {
    const bad = request({ taskId: '', attemptNumber: 0, siteUrl: '', strategy: 'magic', columns: [{ name: 'Bad Name', type: 'money' }, { name: 'x', type: 'colour' }, { name: 'e', type: 'enum' }] });
    let error: ValidationError | undefined;
    try {
      attemptSpecFrom(bad, defaults);
    } catch (caught) {
      error = caught as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.errors.map((issue) => issue.path)).toEqual([
      'task_id',
      'site_url',
      'attempt_number',
      'columns/0/name',
      'columns/1/type',
      'columns/2/enum_values',
      'strategy',
    ]);
  });

  it('refuses a work item without columns', () => {
    expect(() => attemptSpecFrom(request({ columns: [] }), defaults)).toThrow('columns: at least one column is needed');
  });

  it('identifies an attempt by task and attempt number', () => {
    expect(attemptAggregateId('task-1', 3)).toBe('task-1:3');
  });
});
