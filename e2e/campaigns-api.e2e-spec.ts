// The campaigns API over the real stack (gateway + campaigns service, Postgres, NATS): every
// endpoint's happy path and validation errors, roles, and tenant isolation.
import type { ApiClient } from './support/api-client';
import { startStack, type Stack, type TestOrganization } from './support/stack';

interface Campaign {
  id: string;
  name: string;
  status: string;
  tags: string[];
  templateId: string | null;
  columns: { name: string; type: string; description: string; required: boolean; enumValues: string[] }[];
  activeInstruction: { id: string; label: string; promptText: string; status: string } | null;
  createdBy: { kind: string; id: string };
  updatedAt: string;
  version: number;
}
interface Version {
  id: string;
  label: string;
  number: number;
  status: string;
  promptText: string;
  changeDescription: string;
  deprecatedAt: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

const columns = [
  { name: 'attraction_name', type: 'text', description: 'Name of the attraction', required: true },
  { name: 'adult_price', type: 'money', description: 'One adult ticket' },
];
const UNKNOWN_ID = '01920000-0000-7000-8000-000000000000';

describe('campaigns API', () => {
  let stack: Stack;
  let acme: TestOrganization;
  let globex: TestOrganization;
  let editor: ApiClient;
  let viewer: ApiClient;
  let owner: ApiClient;
  let outsider: ApiClient;

  const createCampaign = async (body: object = {}) =>
    editor.post<Campaign>('/v1/campaigns', { name: 'Competitor pricing', columns, ...body }).then((r) => r.expect(201));

  beforeAll(async () => {
    stack = await startStack();
    [acme, globex] = [await stack.createOrganization('Acme'), await stack.createOrganization('Globex')];
    editor = stack.as(acme.keys.editor);
    viewer = stack.as(acme.keys.viewer);
    owner = stack.as(acme.keys.owner);
    outsider = stack.as(globex.keys.owner);
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('POST /v1/campaigns', () => {
    it('creates a campaign with columns and instructions 1.0 active, recording who did it', async () => {
      const response = await editor.post<Campaign>('/v1/campaigns', {
        name: ' Competitor pricing ',
        purpose: 'Monitor competitor pricing',
        columns: [...columns, { name: 'currency', type: 'enum', enumValues: ['USD', 'EUR'] }],
        tags: ['pricing', 'Pricing', 'travel'],
        instructions: { promptText: 'Find the adult ticket price.', changeDescription: 'first version' },
      });
      const campaign = response.expect(201);
      expect(response.headers.get('location')).toBe(`/v1/campaigns/${campaign.id}`);
      expect(campaign).toMatchObject({
        name: 'Competitor pricing',
        purpose: 'Monitor competitor pricing',
        status: 'active',
        tags: ['pricing', 'travel'],
        templateId: null,
        createdBy: { kind: 'api_key', id: acme.keyIds.editor },
        activeInstruction: { label: '1.0', status: 'active', promptText: 'Find the adult ticket price.' },
      });
      expect(campaign.columns).toEqual([
        { name: 'attraction_name', type: 'text', description: 'Name of the attraction', required: true, enumValues: [] },
        { name: 'adult_price', type: 'money', description: 'One adult ticket', required: false, enumValues: [] },
        { name: 'currency', type: 'enum', description: '', required: false, enumValues: ['USD', 'EUR'] },
      ]);
      expect((await viewer.get<Campaign>(`/v1/campaigns/${campaign.id}`)).expect(200)).toEqual(campaign);
    });

    it('creates a campaign from a template, the body overriding its fields', async () => {
      const campaign = (await editor.post<Campaign>('/v1/campaigns', { templateId: 'restaurant-pos-identification', name: 'Coke POS' })).expect(201);
      expect(campaign).toMatchObject({ name: 'Coke POS', templateId: 'restaurant-pos-identification', activeInstruction: { label: '1.0' } });
      expect(campaign.columns.map((column) => column.name)).toEqual(['restaurant_name', 'pos_system']);
      expect(campaign.columns[1].enumValues).toContain('TouchBistro');
      expect(campaign.activeInstruction?.promptText).toMatch(/toasttab\.com/);
    });

    it.each([
      ['nothing to create from', {}, [{ path: 'name', message: 'is required (or start from a templateId)' }, { path: 'columns', message: expect.stringMatching(/is required/) }]],
      ['an unknown field', { name: 'x', columns, colums: [] }, [{ path: 'colums', message: expect.stringMatching(/unknown field "colums"/) }]],
      ['a wrong type', { name: 5, columns }, [{ path: 'name', message: 'must be of type string, not a number' }]],
      ['an unknown column type', { name: 'x', columns: [{ name: 'price', type: 'currency' }] }, [{ path: 'columns/0/type', message: expect.stringMatching(/text.*enum/) }]],
      ['duplicate column names', { name: 'x', columns: [...columns, { name: 'adult_price', type: 'number' }] }, [{ path: 'columns/2/name', message: 'must be unique; "adult_price" is already column 1' }]],
      ['an unsafe column name', { name: 'x', columns: [{ name: 'Adult Price', type: 'money' }] }, [{ path: 'columns/0/name', message: expect.stringMatching(/not a safe identifier/) }]],
      ['an enum without values', { name: 'x', columns: [{ name: 'pos', type: 'enum' }] }, [{ path: 'columns/0/enumValues', message: expect.stringMatching(/needs its allowed values/) }]],
      ['values on a non-enum', { name: 'x', columns: [{ name: 'pos', type: 'text', enumValues: ['a'] }] }, [{ path: 'columns/0/enumValues', message: expect.stringMatching(/only enum columns/) }]],
      ['no columns', { name: 'x', columns: [] }, [{ path: 'columns', message: expect.stringMatching(/at least 1|>=1/) }]],
      ['a blank name', { name: '   ', columns }, [{ path: 'name', message: 'is required and must not be blank' }]],
      ['a name too long', { name: 'x'.repeat(201), columns }, [{ path: 'name', message: expect.stringMatching(/200/) }]],
      ['an unknown template', { templateId: 'nope' }, [{ path: 'templateId', message: expect.stringMatching(/unknown template "nope"/) }]],
      ['blank instructions', { name: 'x', columns, instructions: { promptText: ' ' } }, [{ path: 'instructions/promptText', message: 'is required and must not be blank' }]],
      ['an array instead of an object', [1, 2], [{ path: 'body', message: 'must be a JSON object, not an array' }]],
    ])('refuses %s with 422 and the offending fields', async (_case, body, errors) => {
      const response = await editor.post<Problem>('/v1/campaigns', body);
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: 'urn:fieldwork:problem:validation-failed', status: 422, code: 'validation_failed', errors });
    });

    it('refuses malformed JSON with 400', async () => {
      const response = await editor.post<Problem>('/v1/campaigns', undefined, { rawBody: '{"name": "x",' });
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/not valid JSON/);
    });
  });

  describe('GET /v1/campaigns', () => {
    let paged: Campaign[];

    beforeAll(async () => {
      const org = await stack.createOrganization('Pager');
      const client = stack.as(org.keys.editor);
      paged = [];
      for (let i = 0; i < 5; i += 1) {
        const tags = i % 2 === 0 ? ['even'] : ['odd'];
        paged.push((await client.post<Campaign>('/v1/campaigns', { name: `C${i}`, columns, tags })).expect(201));
      }
      await client.patch(`/v1/campaigns/${paged[1].id}`, { status: 'paused' }).then((r) => r.expect(200));
      await client.post(`/v1/campaigns/${paged[3].id}/archive`, {}).then((r) => r.expect(200));
      viewerOfPager = stack.as(org.keys.viewer);
    });
    let viewerOfPager: ApiClient;

    it('pages through all but archived campaigns, newest first, without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
        const page: Page<Campaign> = (await viewerOfPager.get<Page<Campaign>>(`/v1/campaigns${query}`)).expect(200);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((campaign) => campaign.name));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(seen).toEqual(['C4', 'C2', 'C1', 'C0']);
      expect(pages).toBe(2);
    });

    it('filters by status and by tag', async () => {
      const names = async (query: string) =>
        (await viewerOfPager.get<Page<Campaign>>(`/v1/campaigns?${query}`)).expect(200).items.map((c) => c.name);
      expect(await names('status=paused')).toEqual(['C1']);
      expect(await names('status=archived')).toEqual(['C3']);
      expect(await names('tag=even')).toEqual(['C4', 'C2', 'C0']);
      expect(await names('tag=odd&status=active')).toEqual([]);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['status=done', 'status'],
      ['sort=name', 'sort'],
      ['cursor=bm9wZQ', 'cursor'],
    ])('refuses the query %s with 400 naming %s', async (query, path) => {
      const response = await viewerOfPager.get<Problem>(`/v1/campaigns?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.path).toBe(path);
    });
  });

  describe('GET and PATCH /v1/campaigns/:id', () => {
    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expect((await viewer.get<Problem>(`/v1/campaigns/${UNKNOWN_ID}`)).body).toMatchObject({ status: 404, code: 'not_found' });
      const malformed = await viewer.get<Problem>('/v1/campaigns/not-an-id');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([{ path: 'campaignId', message: expect.stringMatching(/not a valid campaign id/) }]);
    });

    it('changes the fields sent and the status; nothing else', async () => {
      const campaign = await createCampaign({ purpose: 'old', tags: ['a'] });
      const changed = (await editor.patch<Campaign>(`/v1/campaigns/${campaign.id}`, { purpose: 'new', status: 'paused' })).expect(200);
      expect(changed).toMatchObject({ name: campaign.name, purpose: 'new', status: 'paused', tags: ['a'], version: campaign.version + 2 });
      const unchanged = (await editor.patch<Campaign>(`/v1/campaigns/${campaign.id}`, {})).expect(200);
      expect(unchanged.version).toBe(changed.version);
      const columnsChanged = (await editor.patch<Campaign>(`/v1/campaigns/${campaign.id}`, { columns: [{ name: 'only', type: 'url' }] })).expect(200);
      expect(columnsChanged.columns.map((column) => column.name)).toEqual(['only']);
    });

    it.each([
      [{ status: 'archived' }, 'status'],
      [{ status: 'done' }, 'status'],
      [{ name: '' }, 'name'],
      [{ columns: [{ name: 'a', type: 'enum' }] }, 'columns/0/enumValues'],
      [{ owner: 'me' }, 'owner'],
    ])('refuses %j with 422 naming the field', async (body, path) => {
      const campaign = await createCampaign();
      const response = await editor.patch<Problem>(`/v1/campaigns/${campaign.id}`, body);
      expect(response.status).toBe(422);
      expect(response.body.errors?.[0]?.path).toBe(path);
    });
  });

  describe('POST /v1/campaigns/:id/archive', () => {
    it('archives; an archived campaign refuses changes with 409; archiving again is harmless', async () => {
      const campaign = await createCampaign({ instructions: { promptText: 'v1' } });
      const archived = (await editor.post<Campaign>(`/v1/campaigns/${campaign.id}/archive`, { reason: 'season over' })).expect(200);
      expect(archived).toMatchObject({ status: 'archived', archivedAt: expect.any(String) });
      expect((await editor.post<Campaign>(`/v1/campaigns/${campaign.id}/archive`)).expect(200).version).toBe(archived.version);
      const patch = await editor.patch<Problem>(`/v1/campaigns/${campaign.id}`, { name: 'again' });
      expect(patch.body).toMatchObject({ status: 409, code: 'conflict', detail: expect.stringMatching(/archived/) });
      expect((await editor.post<Problem>(`/v1/campaigns/${campaign.id}/instructions`, { promptText: 'v2' })).status).toBe(409);
      const activate = await editor.post<Problem>(`/v1/campaigns/${campaign.id}/instructions/${campaign.activeInstruction?.id}/activate`);
      expect(activate.status).toBe(409);
      expect((await editor.post<Problem>(`/v1/campaigns/${campaign.id}/archive`, { reason: 5 })).status).toBe(422);
    });
  });

  describe('instruction versions', () => {
    it('creates versions with the next minor or major label, lists them newest first, and gets one', async () => {
      const campaign = await createCampaign({ instructions: { promptText: 'one' } });
      const base = `/v1/campaigns/${campaign.id}/instructions`;
      const v11 = (await editor.post<Version>(base, { promptText: 'two', changeDescription: 'clarify prices' })).expect(201);
      expect(v11).toMatchObject({ label: '1.1', number: 1001, status: 'draft', promptText: 'two', changeDescription: 'clarify prices' });
      const v20 = (await editor.post<Version>(base, { promptText: 'three', bump: 'major', status: 'testing' })).expect(201);
      expect(v20).toMatchObject({ label: '2.0', status: 'testing' });
      const list = (await viewer.get<Page<Version>>(base)).expect(200);
      expect(list.items.map((version) => `${version.label}:${version.status}`)).toEqual(['2.0:testing', '1.1:draft', '1.0:active']);
      const page = (await viewer.get<Page<Version>>(`${base}?limit=2`)).expect(200);
      const rest = (await viewer.get<Page<Version>>(`${base}?limit=2&cursor=${page.nextCursor}`)).expect(200);
      expect([...page.items, ...rest.items].map((version) => version.label)).toEqual(['2.0', '1.1', '1.0']);
      expect(rest.nextCursor).toBeNull();
      expect((await viewer.get<Version>(`${base}/${v11.id}`)).expect(200)).toEqual(v11);
    });

    it('activates one version, deprecating the previous; marks drafts testing; only one is ever active', async () => {
      const campaign = await createCampaign({ instructions: { promptText: 'one' } });
      const base = `/v1/campaigns/${campaign.id}/instructions`;
      const draft = (await editor.post<Version>(base, { promptText: 'two' })).expect(201);
      expect((await editor.post<Version>(`${base}/${draft.id}/mark-testing`)).expect(200).status).toBe('testing');
      const active = (await editor.post<Version>(`${base}/${draft.id}/activate`)).expect(200);
      expect(active).toMatchObject({ label: '1.1', status: 'active', activatedAt: expect.any(String) });
      const versions = (await viewer.get<Page<Version>>(base)).expect(200).items;
      expect(versions.map((version) => `${version.label}:${version.status}`)).toEqual(['1.1:active', '1.0:deprecated']);
      expect((await viewer.get<Campaign>(`/v1/campaigns/${campaign.id}`)).expect(200).activeInstruction).toMatchObject({ id: draft.id, promptText: 'two' });
      const again = await editor.post<Problem>(`${base}/${draft.id}/mark-testing`);
      expect(again.body).toMatchObject({ status: 409, detail: 'version 1.1 is active; only a draft version can be marked testing' });
      // Rollback: the deprecated 1.0 becomes active again.
      const rolledBack = (await editor.post<Version>(`${base}/${campaign.activeInstruction?.id}/activate`)).expect(200);
      expect(rolledBack).toMatchObject({ label: '1.0', status: 'active', deprecatedAt: null });
    });

    it('refuses invalid versions and unknown ids', async () => {
      const campaign = await createCampaign();
      const base = `/v1/campaigns/${campaign.id}/instructions`;
      expect((await editor.post<Problem>(base, {})).body.errors).toEqual([{ path: 'promptText', message: 'is required' }]);
      expect((await editor.post<Problem>(base, { promptText: 'x', bump: 'patch' })).body.errors?.[0].path).toBe('bump');
      expect((await editor.post<Problem>(base, { promptText: 'x', status: 'active' })).body.errors?.[0].path).toBe('status');
      expect((await viewer.get<Problem>(`${base}/${UNKNOWN_ID}`)).body).toMatchObject({ status: 404, detail: `Instruction version ${UNKNOWN_ID} was not found` });
      expect((await editor.post<Problem>(`${base}/${UNKNOWN_ID}/activate`)).status).toBe(404);
      expect((await viewer.get<Problem>(`${base}/nope`)).status).toBe(400);
      expect((await viewer.get<Problem>(`/v1/campaigns/${UNKNOWN_ID}/instructions`)).status).toBe(404);
    });
  });

  describe('GET /v1/campaigns/:id/history', () => {
    it('lists every change with who made it, when, and the request it came from', async () => {
      const campaign = await createCampaign({ instructions: { promptText: 'one' } });
      await owner.patch(`/v1/campaigns/${campaign.id}`, { name: 'Renamed' }, { headers: { 'X-Request-Id': 'req-rename-42' } }).then((r) => r.expect(200));
      const v2 = (await editor.post<Version>(`/v1/campaigns/${campaign.id}/instructions`, { promptText: 'two', activate: true })).expect(201);
      expect(v2.status).toBe('active');
      const history = (await viewer.get<Page<{ type: string; actor: { id: string }; summary: string; correlationId: string; occurredAt: string }>>(
        `/v1/campaigns/${campaign.id}/history`,
      )).expect(200);
      expect(history.items.map((entry) => entry.type)).toEqual([
        'CampaignCreated',
        'InstructionVersionCreated',
        'InstructionVersionActivated',
        'CampaignUpdated',
        'InstructionVersionCreated',
        'InstructionVersionActivated',
      ]);
      expect(history.items[3]).toMatchObject({ actor: { id: acme.keyIds.owner }, summary: 'changed name', correlationId: 'req-rename-42' });
      expect(history.items[5].summary).toBe('activated instructions 1.1; 1.0 deprecated');
      const second = (await viewer.get<Page<{ type: string }>>(`/v1/campaigns/${campaign.id}/history?limit=4`)).expect(200);
      const rest = (await viewer.get<Page<{ type: string }>>(`/v1/campaigns/${campaign.id}/history?limit=4&cursor=${second.nextCursor}`)).expect(200);
      expect(rest.items.map((entry) => entry.type)).toEqual(['InstructionVersionCreated', 'InstructionVersionActivated']);
    });
  });

  describe('templates', () => {
    it('lists the built-in templates and gets one', async () => {
      const page = (await viewer.get<Page<{ id: string; columns: unknown[] }>>('/v1/templates')).expect(200);
      expect(page.items.map((template) => template.id)).toEqual([
        'competitor-price-comparison',
        'fitness-venue-pricing',
        'county-sheriff-coroner-contacts',
        'restaurant-pos-identification',
        'product-catalogue',
        'regulatory-compliance-fees',
      ]);
      const fitness = (await viewer.get<{ columns: { name: string }[] }>('/v1/templates/fitness-venue-pricing')).expect(200);
      expect(fitness.columns.map((column) => column.name)).toEqual(['venue_name', 'drop_in_price', 'class_pack_price', 'phone', 'city']);
      expect((await viewer.get<Problem>('/v1/templates/nope')).status).toBe(404);
      expect((await viewer.get<Problem>('/v1/templates/NOT%20valid')).status).toBe(400);
    });
  });

  describe('roles and tenancy on every campaign endpoint', () => {
    let campaign: Campaign;
    let versionId: string;
    const endpoints = (): { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: object; write: boolean }[] => [
      { method: 'GET', path: `/v1/campaigns/${campaign.id}`, write: false },
      { method: 'PATCH', path: `/v1/campaigns/${campaign.id}`, body: { name: 'hijacked' }, write: true },
      { method: 'POST', path: `/v1/campaigns/${campaign.id}/archive`, body: {}, write: true },
      { method: 'GET', path: `/v1/campaigns/${campaign.id}/history`, write: false },
      { method: 'POST', path: `/v1/campaigns/${campaign.id}/instructions`, body: { promptText: 'hijacked' }, write: true },
      { method: 'GET', path: `/v1/campaigns/${campaign.id}/instructions`, write: false },
      { method: 'GET', path: `/v1/campaigns/${campaign.id}/instructions/${versionId}`, write: false },
      { method: 'POST', path: `/v1/campaigns/${campaign.id}/instructions/${versionId}/activate`, write: true },
      { method: 'POST', path: `/v1/campaigns/${campaign.id}/instructions/${versionId}/mark-testing`, write: true },
    ];

    beforeAll(async () => {
      campaign = await createCampaign({ instructions: { promptText: 'one' } });
      versionId = (await editor.post<Version>(`/v1/campaigns/${campaign.id}/instructions`, { promptText: 'two' })).expect(201).id;
    });

    it("answers 404 to another organization's key on every endpoint, exactly as for an unknown id, and changes nothing", async () => {
      for (const endpoint of endpoints()) {
        const foreign = await outsider.request<Problem>(endpoint.method, endpoint.path, endpoint.body);
        const unknown = await owner.request<Problem>(endpoint.method, endpoint.path.replace(campaign.id, UNKNOWN_ID), endpoint.body);
        expect({ endpoint: `${endpoint.method} ${endpoint.path}`, status: foreign.status }).toEqual({ endpoint: `${endpoint.method} ${endpoint.path}`, status: 404 });
        expect(foreign.body.title).toBe(unknown.body.title);
        expect(foreign.body.detail.replace(campaign.id, '<id>')).toBe(unknown.body.detail.replace(UNKNOWN_ID, '<id>'));
      }
      const list = (await outsider.get<Page<Campaign>>('/v1/campaigns?status=active')).expect(200);
      expect(list.items.map((c) => c.id)).not.toContain(campaign.id);
      const after = (await viewer.get<Campaign>(`/v1/campaigns/${campaign.id}`)).expect(200);
      expect(after).toEqual({ ...campaign, version: campaign.version + 1, updatedAt: after.updatedAt });
    });

    it('refuses every write to a viewer (403) and every call without a key (401)', async () => {
      for (const endpoint of endpoints()) {
        const asViewer = await viewer.request<Problem>(endpoint.method, endpoint.path, endpoint.body);
        expect(`${endpoint.method} ${endpoint.path} ${asViewer.status}`).toBe(`${endpoint.method} ${endpoint.path} ${endpoint.write ? 403 : 200}`);
        const anonymous = await stack.api.request<Problem>(endpoint.method, endpoint.path, endpoint.body);
        expect(`${endpoint.method} ${endpoint.path} ${anonymous.status}`).toBe(`${endpoint.method} ${endpoint.path} 401`);
      }
      const viewerCreate = await viewer.post<Problem>('/v1/campaigns', { name: 'x', columns });
      expect(viewerCreate.body).toMatchObject({ status: 403, detail: 'This API key has the viewer role; this needs the editor role or higher.' });
      expect((await stack.api.get('/v1/campaigns')).status).toBe(401);
      expect((await stack.api.get('/v1/templates')).status).toBe(401);
      expect((await stack.as(stack.adminKey).get('/v1/campaigns')).status).toBe(403);
    });
  });
});
