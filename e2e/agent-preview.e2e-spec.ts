// "Try it on one site" through the public API: POST /v1/campaigns/:id/preview goes from the
// gateway (campaign columns and instructions from the campaigns service) to an agent worker
// over NATS request/reply, runs one real attempt against the site farm, and answers with what
// the attempt produced — with the usual roles, validation and tenant isolation.
import { createAgentModule, loadAgentConfig } from '@fieldwork/agent';
import { bootstrapService, loadServiceConfig, type RunningService } from '@fieldwork/service-kit';
import { COLUMN_TYPES, startSiteFarm, startTrapListener, type RunningSiteFarm, type TrapListener, type TruthRecord } from '@fieldwork/sitefarm';
import { createTestNats } from '@fieldwork/testing';
import { valuesEqual, type ColumnType } from '@fieldwork/values';
import type { ApiClient } from './support/api-client';
import { startStack, type Stack, type TestOrganization } from './support/stack';

interface Preview {
  previewId: string;
  attempt: {
    status: string;
    mode: string;
    strategy: string;
    instructionVersionId?: string;
    fields: { name: string; value?: string; confidence?: number; evidence?: { source: string; pageUrl: string } }[];
    steps: { op: string; outcome: string }[];
    screenshots?: { objectKey: string }[];
    failure?: { category: string; reason: string };
  };
}
interface Problem {
  status: number;
  code: string;
  errors?: { path: string; message: string }[];
}

const typeOf = (name: string): ColumnType => (COLUMN_TYPES[name] === 'currency' ? 'text' : (COLUMN_TYPES[name] as ColumnType));
const UNKNOWN_ID = '01920000-0000-7000-8000-000000000000';

describe('campaign preview API', () => {
  let stack: Stack;
  let agent: RunningService;
  let farm: RunningSiteFarm;
  let trap: TrapListener;
  let acme: TestOrganization;
  let globex: TestOrganization;
  let editor: ApiClient;
  let site: TruthRecord;
  let campaignId: string;
  let versions: { first: string; second: string };

  beforeAll(async () => {
    stack = await startStack({ services: ['campaigns'] });
    trap = await startTrapListener({ port: 0 });
    farm = await startSiteFarm({ seed: 7, sites: 60, hostileShare: 0.35, trapPort: trap.port });
    const env = { ...process.env, FIELDWORK_NATS_PREFIX: stack.prefix, FIELDWORK_DB_PREFIX: stack.dbPrefix };
    agent = await bootstrapService(
      createAgentModule({ config: loadServiceConfig('agent', env), agentConfig: loadAgentConfig({ FIELDWORK_ALLOWED_TARGETS: '127.0.0.1' }) }),
      { service: 'agent', handleSignals: false },
    );
    acme = await stack.createOrganization('Acme');
    globex = await stack.createOrganization('Globex');
    editor = stack.as(acme.keys.editor);
    site = farm.truth.sites.find((s) => s.hostile === null && s.vertical === 'attractions' && !s.markup.includes('subpage') && !s.markup.some((m) => m.startsWith('js-')))!;
    const campaign = await editor
      .post<{ id: string; activeInstruction: { id: string } }>('/v1/campaigns', {
        name: 'Attraction prices',
        columns: Object.keys(site.fields).map((name) => ({ name, type: typeOf(name), required: true })),
        instructions: { promptText: 'Find the adult and child ticket prices and the currency.' },
      })
      .then((r) => r.expect(201));
    campaignId = campaign.id;
    const second = await editor
      .post<{ id: string }>(`/v1/campaigns/${campaignId}/instructions`, { promptText: 'Only the online adult price.' })
      .then((r) => r.expect(201));
    versions = { first: campaign.activeInstruction.id, second: second.id };
  });

  afterAll(async () => {
    await agent?.close();
    const nats = await createTestNats(stack.prefix);
    await nats.jsm.streams.delete(`OBJ_${stack.prefix}_screenshots`).catch(() => undefined);
    await nats.dispose();
    await stack?.close();
    await farm?.close();
    await trap?.close();
    expect(trap.hits).toEqual([]);
  });

  it('runs one attempt with the active instructions and answers with the attempt', async () => {
    const preview = await editor.post<Preview>(`/v1/campaigns/${campaignId}/preview`, { url: site.url }).then((r) => r.expect(200));
    expect(preview.attempt).toMatchObject({ status: 'success', mode: 'http', strategy: 'heuristic', instructionVersionId: versions.first });
    for (const field of preview.attempt.fields) {
      expect(valuesEqual(typeOf(field.name), site.fields[field.name], field.value)).toBe(true);
      expect(field.evidence?.pageUrl).toBe(site.url);
    }
    expect(preview.attempt.steps[0]).toMatchObject({ op: 'check_target', outcome: 'ok' });
    expect(preview.attempt.screenshots?.[0]?.objectKey).toBe(`${acme.id}/preview/${preview.previewId}/final.png`);
  });

  it('tries a given instruction version, in the browser when asked, and reports failures by category', async () => {
    const chosen = await editor
      .post<Preview>(`/v1/campaigns/${campaignId}/preview`, { url: site.url, instructionVersionId: versions.second, mode: 'browser', screenshots: false })
      .then((r) => r.expect(200));
    expect(chosen.attempt).toMatchObject({ status: 'success', mode: 'browser', instructionVersionId: versions.second });
    const captcha = farm.truth.sites.find((s) => s.behaviour === 'captcha')!;
    const walled = await editor.post<Preview>(`/v1/campaigns/${campaignId}/preview`, { url: captcha.url, screenshots: false }).then((r) => r.expect(200));
    expect(walled.attempt).toMatchObject({ status: 'failed', failure: { category: 'blocked', reason: 'captcha' } });
  });

  it('refuses bad input, viewers, and other organizations’ campaigns', async () => {
    const invalid = await editor.post<Problem>(`/v1/campaigns/${campaignId}/preview`, { url: '', mode: 'fast', organizationId: 'x' }).then((r) => r.expect(422));
    expect(invalid.errors?.map((issue) => issue.path).sort()).toEqual(expect.arrayContaining(['mode', 'url']));
    await stack.as(acme.keys.viewer).post(`/v1/campaigns/${campaignId}/preview`, { url: site.url }).then((r) => r.expect(403));
    await stack.api.post(`/v1/campaigns/${campaignId}/preview`, { url: site.url }, { key: null }).then((r) => r.expect(401));
    await stack.as(globex.keys.editor).post(`/v1/campaigns/${campaignId}/preview`, { url: site.url }).then((r) => r.expect(404));
    await editor.post(`/v1/campaigns/${UNKNOWN_ID}/preview`, { url: site.url }).then((r) => r.expect(404));
    await editor.post(`/v1/campaigns/${campaignId}/preview`, { url: site.url, instructionVersionId: UNKNOWN_ID }).then((r) => r.expect(404));
    // A private address is refused by the agent, not fetched: a failed attempt, not an HTTP error.
    const unsafe = await editor.post<Preview>(`/v1/campaigns/${campaignId}/preview`, { url: `http://127.0.0.2:${trap.port}/` }).then((r) => r.expect(200));
    expect(unsafe.attempt).toMatchObject({ status: 'failed', failure: { category: 'unsafe_target', reason: 'loopback' } });
  });
});
