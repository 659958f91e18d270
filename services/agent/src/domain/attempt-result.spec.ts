import { eventFromJson, eventToJson, type agentEvents } from '@fieldwork/contracts';
import { attemptStatus, toAttemptFinished, type AttemptResult, type FieldOutcome } from './attempt-result';
import type { AttemptColumn, AttemptSpec } from './attempt-spec';
import { blocked, timeout } from './failure';

const columns: AttemptColumn[] = [
  { name: 'venue_name', type: 'text', required: true },
  { name: 'drop_in_price', type: 'money', required: true },
  { name: 'phone', type: 'phone', required: false },
];

const field = (name: string, value: string | null, confidence = 0.9): FieldOutcome => ({
  name,
  value,
  confidence: value === null ? 0 : confidence,
  evidence: value === null ? null : { source: 'json-ld', snippet: `${name}: ${value}`, pageUrl: 'http://a.example/', path: 'offers.price' },
  notes: [],
  alternatives: [],
});

describe('attempt status', () => {
  it('is success when every required column has a value, whatever optional ones lack', () => {
    expect(attemptStatus(columns, [field('venue_name', 'Linea'), field('drop_in_price', '25.00 USD'), field('phone', null)], undefined)).toEqual({ status: 'success' });
  });

  it('is partial, extraction_failed, when some required columns are missing — and says which', () => {
    const decided = attemptStatus(columns, [field('venue_name', 'Linea'), field('drop_in_price', null), field('phone', '+15125550147')], undefined);
    expect(decided).toMatchObject({ status: 'partial', failure: { category: 'extraction_failed', reason: 'missing_required', message: 'not found: drop_in_price', retryable: false } });
  });

  it('is failed, nothing_found, when no column has a value', () => {
    expect(attemptStatus(columns, columns.map((c) => field(c.name, null)), undefined)).toMatchObject({ status: 'failed', failure: { reason: 'nothing_found' } });
  });

  it('treats every column as decisive when none is marked required', () => {
    const optional = columns.map((column) => ({ ...column, required: false }));
    expect(attemptStatus(optional, [field('venue_name', 'Linea'), field('drop_in_price', '1.00 USD'), field('phone', null)], undefined).status).toBe('partial');
  });

  it('reports a site failure over missing fields; a timeout with some data is partial', () => {
    expect(attemptStatus(columns, columns.map((c) => field(c.name, null)), blocked('captcha', 'wall'))).toMatchObject({ status: 'failed', failure: { category: 'blocked' } });
    expect(attemptStatus(columns, [field('venue_name', 'Linea')], timeout('budget', 'ran out'))).toMatchObject({ status: 'partial', failure: { category: 'timeout' } });
  });
});

describe('AttemptFinished', () => {
  const spec: AttemptSpec = {
    taskId: 'task-1',
    runId: 'run-1',
    attemptNumber: 1,
    organizationId: 'org-1',
    campaignId: 'c-1',
    instructionVersionId: 'v-1',
    instructionText: '',
    columns,
    siteUrl: 'http://a.example/',
    row: {},
    strategy: 'auto',
    mode: 'auto',
    budget: { totalMs: 1000, maxPages: 1, maxDepth: 1, screenshots: true },
    correlationId: 'corr',
  };
  const result: AttemptResult = {
    status: 'partial',
    failure: { category: 'extraction_failed', reason: 'missing_required', retryable: false, message: 'not found: drop_in_price' },
    strategy: 'heuristic',
    mode: 'browser',
    steps: [{ op: 'fetch', params: { url: 'http://a.example/' }, outcome: 'ok', detail: '200 text/html 4 KB', ms: 12.6, mode: 'http' }],
    fields: [field('venue_name', 'Linea', 0.97), field('drop_in_price', null), field('phone', '+15125550147', 0.7)],
    timings: { fetchMs: 12.6, browserMs: 400.2, extractMs: 8.1, llmMs: 0, totalMs: 430 },
    usage: { bytesTransferred: 4096, pagesVisited: 2, requests: 5, refusedRequests: 1, promptTokens: 0, completionTokens: 0, costUsd: 0 },
    screenshots: [{ bucket: 'fw_screenshots', objectKey: 'org-1/task-1/1/final.png', kind: 'failure', pageUrl: 'http://a.example/', bytes: 1234, contentType: 'image/png' }],
    finalUrl: 'http://a.example/',
    pages: ['http://a.example/', 'http://a.example/pricing'],
    startedAt: new Date('2026-01-01T00:00:00Z'),
  };

  it('holds everything the attempt produced and survives the events table (JSON) unchanged', () => {
    const event = toAttemptFinished(spec, result, 'host:1');
    const back = eventFromJson(event.$typeName, eventToJson(event)) as agentEvents.AttemptFinished;
    expect(back).toEqual(event);
    expect(back).toMatchObject({
      taskId: 'task-1',
      status: 'partial',
      failure: { category: 'extraction_failed', reason: 'missing_required' },
      strategy: 'heuristic',
      mode: 'browser',
      steps: [{ index: 0, op: 'fetch', outcome: 'ok', ms: 13, mode: 'http' }],
      timings: { fetchMs: 13, browserMs: 400, totalMs: 430 },
      usage: { bytesTransferred: 4096n, refusedRequests: 1 },
      workerId: 'host:1',
      pages: ['http://a.example/', 'http://a.example/pricing'],
    });
    expect(back.fields.map((f) => [f.name, f.found, f.value, f.confidence])).toEqual([
      ['venue_name', true, 'Linea', 0.97],
      ['drop_in_price', false, '', 0],
      ['phone', true, '+15125550147', 0.7],
    ]);
    expect(back.fields[0].evidence).toMatchObject({ source: 'json-ld', path: 'offers.price', pageUrl: 'http://a.example/' });
    expect(back.screenshots[0]).toMatchObject({ objectKey: 'org-1/task-1/1/final.png', kind: 'failure' });
  });
});
