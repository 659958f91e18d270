// The campaigns service over NATS, as other services use it: the replies of campaigns.get and
// campaigns.instructions.get are complete, every query is scoped to the caller's organization,
// events are published with their actor, and the read model is idempotent and rebuildable.
import { Module } from '@nestjs/common';
import { decodeEnvelope, rebuildFromEventStore, EventStore } from '@fieldwork/eventstore';
import { RpcClient, Naming, type CallMeta } from '@fieldwork/messaging';
import { bootstrapService, loadServiceConfig, type RunningService } from '@fieldwork/service-kit';
import { createTestDatabase, createTestNats, eventually, randomPrefix, type TestDatabase, type TestNats } from '@fieldwork/testing';
import { createCampaignsModule } from '../src/campaigns.module';
import { campaignsProjection } from '../src/projections/campaigns-read-model/campaigns.projection';
import type { CampaignView, InstructionVersionView } from '../src/projections/campaigns-read-model/views';

describe('campaigns service over NATS', () => {
  const prefix = randomPrefix();
  let db: TestDatabase;
  let nats: TestNats;
  let service: RunningService;
  let rpc: RpcClient;
  const acme: CallMeta = { organizationId: 'org-acme', actor: { kind: 'api_key', id: 'key-1', displayName: 'ci' }, correlationId: 'corr-1' };
  const globex: CallMeta = { ...acme, organizationId: 'org-globex' };

  beforeAll(async () => {
    db = await createTestDatabase('campaigns');
    nats = await createTestNats(prefix);
    const config = { ...loadServiceConfig('campaigns', { FIELDWORK_NATS_PREFIX: prefix }), databaseName: db.name, databaseUrl: db.url };
    @Module({ imports: [createCampaignsModule({ config })] })
    class TestModule {}
    service = await bootstrapService(TestModule, { service: 'campaigns', handleSignals: false });
    rpc = new RpcClient(nats.connection, new Naming(prefix), 5_000);
  });

  afterAll(async () => {
    await service?.close();
    await nats?.dispose();
    await db?.drop();
  });

  it('answers campaigns.get with the columns and the active instruction version, prompt text included', async () => {
    const created = await rpc.request<CampaignView>('campaigns.create', { templateId: 'county-sheriff-coroner-contacts' }, acme);
    const campaign = await rpc.request<CampaignView>('campaigns.get', { campaignId: created.id }, acme);
    expect(campaign).toEqual(created);
    expect(campaign.columns.map((column) => [column.name, column.type])).toEqual([
      ['county_name', 'text'],
      ['sheriff_name', 'text'],
      ['sheriff_phone', 'phone'],
      ['coroner_name', 'text'],
      ['coroner_phone', 'phone'],
    ]);
    expect(campaign.columns[2].description).toMatch(/non-emergency/);
    expect(campaign.activeInstruction).toMatchObject({ label: '1.0', status: 'active', campaignId: created.id, promptText: expect.stringMatching(/Sheriff/) });
    const version = await rpc.request<InstructionVersionView>(
      'campaigns.instructions.get',
      { campaignId: created.id, versionId: campaign.activeInstruction?.id },
      acme,
    );
    expect(version).toEqual(campaign.activeInstruction);
  });

  it("scopes every query and command to the caller's organization", async () => {
    const created = await rpc.request<CampaignView>('campaigns.create', { name: 'Mine', columns: [{ name: 'a', type: 'text' }] }, acme);
    const versionId = created.activeInstruction?.id ?? '01920000-0000-7000-8000-000000000000';
    for (const [pattern, payload] of [
      ['campaigns.get', { campaignId: created.id }],
      ['campaigns.update', { campaignId: created.id, name: 'Theirs' }],
      ['campaigns.archive', { campaignId: created.id }],
      ['campaigns.history', { campaignId: created.id }],
      ['campaigns.instructions.create', { campaignId: created.id, promptText: 'x' }],
      ['campaigns.instructions.list', { campaignId: created.id }],
      ['campaigns.instructions.get', { campaignId: created.id, versionId }],
      ['campaigns.instructions.activate', { campaignId: created.id, versionId }],
    ] as const) {
      await expect(rpc.request(pattern, payload, globex)).rejects.toMatchObject({ code: 'not_found' });
    }
    const theirs = await rpc.request<{ items: CampaignView[] }>('campaigns.list', {}, globex);
    expect(theirs.items).toEqual([]);
    await expect(rpc.request('campaigns.get', { campaignId: created.id }, { ...acme, organizationId: undefined })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });

  it('checks its inputs itself: bad ids are 400, bad fields 422', async () => {
    await expect(rpc.request('campaigns.get', { campaignId: 'nope' }, acme)).rejects.toMatchObject({ code: 'bad_request', errors: [{ path: 'campaignId' }] });
    await expect(rpc.request('campaigns.create', { name: 'x', columns: [], extra: 1 }, acme)).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'extra', message: 'unknown field "extra"' }],
    });
  });

  it('publishes its events to JetStream with the actor and correlation id', async () => {
    const created = await rpc.request<CampaignView>('campaigns.create', { name: 'Published', columns: [{ name: 'a', type: 'text' }] }, acme);
    const subject = `${prefix}.evt.campaigns.campaign.CampaignCreated`;
    const published = await eventually(
      async () => {
        const message = await nats.jsm.streams.getMessage(`${prefix.toUpperCase()}_EVT_CAMPAIGNS`, { last_by_subj: subject });
        const event = decodeEnvelope(message.data);
        expect(event.aggregateId).toBe(created.id);
        return event;
      },
      { what: 'the CampaignCreated event on JetStream' },
    );
    expect(published).toMatchObject({ organizationId: 'org-acme', actor: { kind: 'api_key', id: 'key-1' }, correlationId: 'corr-1' });
  });

  it('keeps a read model that ignores repeated events and equals a rebuild from the event store', async () => {
    const created = await rpc.request<CampaignView>('campaigns.create', { name: 'Twice', columns: [{ name: 'a', type: 'text' }] }, acme);
    await rpc.request('campaigns.update', { campaignId: created.id, tags: ['x'], status: 'paused' }, acme);
    const v = await rpc.request<InstructionVersionView>('campaigns.instructions.create', { campaignId: created.id, promptText: 'p', activate: true }, acme);
    await rpc.request('campaigns.instructions.create', { campaignId: created.id, promptText: 'q' }, acme);
    await rpc.request('campaigns.instructions.activate', { campaignId: created.id, versionId: v.id }, acme);
    const { dataSource } = service.runtime;
    const snapshot = async () => ({
      campaigns: await dataSource.query('select * from campaigns order by campaign_id'),
      versions: await dataSource.query('select * from instruction_versions order by version_id'),
    });
    const before = await snapshot();
    const events = await dataSource.transaction((manager) => new EventStore().readAggregate(manager, 'org-acme', created.id));
    await dataSource.transaction(async (manager) => {
      for (const event of events) await campaignsProjection.apply(manager, event);
    });
    expect(await snapshot()).toEqual(before);
    await rebuildFromEventStore(dataSource, campaignsProjection);
    expect(await snapshot()).toEqual(before);
  });
});
