// The campaigns API over the real stack (gateway + campaigns service, Postgres, NATS): every
// endpoint's happy path and validation errors, authentication failures (no key, bad key,
// revoked key), roles, undeclared query parameters, the audit history, and tenant isolation.
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
  createdAt: string;
  createdBy: { kind: string; id: string };
  updatedAt: string;
  updatedBy: { kind: string; id: string };
  version: number;
}
interface Version {
  id: string;
  label: string;
  number: number;
  status: string;
  promptText: string;
  changeDescription: string;
  createdAt: string;
  deprecatedAt: string | null;
}
interface HistoryEntry {
  type: string;
  version: number;
  actor: { kind: string; id: string };
  summary: string;
  correlationId: string;
  occurredAt: string;
  data: Record<string, unknown>;
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
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

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
    // Failed authentications are tried on purpose here, many in a row: lift the per-address limit.
    stack = await startStack({ gateway: { authFailureLimit: { perSecond: 1_000, burst: 1_000 } } });
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
      ['a purpose too long', { name: 'x', columns, purpose: 'p'.repeat(2_001) }, [{ path: 'purpose', message: expect.stringMatching(/2000/) }]],
      ['a description too long', { name: 'x', columns, description: 'd'.repeat(10_001) }, [{ path: 'description', message: expect.stringMatching(/10000/) }]],
      ['a prompt text too long', { name: 'x', columns, instructions: { promptText: 'p'.repeat(50_001) } }, [{ path: 'instructions/promptText', message: expect.stringMatching(/50000/) }]],
      [
        'a change description too long',
        { name: 'x', columns, instructions: { promptText: 'x', changeDescription: 'c'.repeat(2_001) } },
        [{ path: 'instructions/changeDescription', message: expect.stringMatching(/2000/) }],
      ],
      ['an unknown field in instructions', { name: 'x', columns, instructions: { promptText: 'x', label: '2.0' } }, [{ path: 'instructions/label', message: expect.stringMatching(/unknown field "label"/) }]],
      [
        'a template with duplicate overriding columns',
        { templateId: 'product-catalogue', columns: [{ name: 'sku', type: 'text' }, { name: 'sku', type: 'number' }] },
        [{ path: 'columns/1/name', message: 'must be unique; "sku" is already column 0' }],
      ],
      ['a template with an unsafe overriding column', { templateId: 'fitness-venue-pricing', columns: [{ name: 'Drop-in price', type: 'money' }] }, [{ path: 'columns/0/name', message: expect.stringMatching(/not a safe identifier/) }]],
      ['a template with an overriding enum without values', { templateId: 'restaurant-pos-identification', columns: [{ name: 'pos', type: 'enum' }] }, [{ path: 'columns/0/enumValues', message: expect.stringMatching(/needs its allowed values/) }]],
      ['a template with an overriding column of unknown type', { templateId: 'product-catalogue', columns: [{ name: 'sku', type: 'barcode' }] }, [{ path: 'columns/0/type', message: expect.stringMatching(/text.*enum/) }]],
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

    it('records who changed it and when: updatedBy and updatedAt follow the last change', async () => {
      const campaign = await createCampaign();
      expect(campaign.updatedBy).toEqual({ kind: 'api_key', id: acme.keyIds.editor, displayName: 'editor key' });
      (await owner.patch<Campaign>(`/v1/campaigns/${campaign.id}`, { description: 'now with a description' })).expect(200);
      const after = (await viewer.get<Campaign>(`/v1/campaigns/${campaign.id}`)).expect(200);
      expect(after).toMatchObject({ description: 'now with a description', createdBy: campaign.createdBy, createdAt: campaign.createdAt });
      expect(after.updatedBy).toEqual({ kind: 'api_key', id: acme.keyIds.owner, displayName: 'owner key' });
      expect(after.updatedAt).toMatch(ISO_TIME);
      expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(campaign.updatedAt));
    });

    it.each([
      [{ status: 'archived' }, 'status', expect.any(String)],
      [{ status: 'done' }, 'status', expect.any(String)],
      [{ name: '' }, 'name', expect.any(String)],
      [{ columns: [{ name: 'a', type: 'enum' }] }, 'columns/0/enumValues', expect.any(String)],
      [{ owner: 'me' }, 'owner', expect.stringMatching(/unknown field "owner"/)],
      [{ name: 5 }, 'name', 'must be of type string, not a number'],
      [{ tags: 'pricing' }, 'tags', 'must be of type array, not a string'],
      [{ columns: { name: 'a', type: 'text' } }, 'columns', 'must be of type array, not an object'],
      [{ status: true }, 'status', expect.any(String)],
      [{ purpose: 'p'.repeat(2_001) }, 'purpose', expect.stringMatching(/2000/)],
      [{ description: 'd'.repeat(10_001) }, 'description', expect.stringMatching(/10000/)],
      [{ columns: [{ name: 'a', type: 'text', description: 'x'.repeat(2_001) }] }, 'columns/0/description', expect.stringMatching(/2000/)],
    ])('refuses %j with 422 naming the field', async (body, path, message) => {
      const campaign = await createCampaign();
      const response = await editor.patch<Problem>(`/v1/campaigns/${campaign.id}`, body);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'validation_failed', errors: [{ path, message }] });
      expect((await viewer.get<Campaign>(`/v1/campaigns/${campaign.id}`)).expect(200).version).toBe(campaign.version);
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

    it.each([
      ['an unknown field', { reason: 'done', force: true }, 'force', expect.stringMatching(/unknown field "force"/)],
      ['a wrong type', { reason: 5 }, 'reason', 'must be of type string, not a number'],
      ['a reason too long', { reason: 'r'.repeat(501) }, 'reason', expect.stringMatching(/500/)],
      ['an array', [], 'body', 'must be a JSON object, not an array'],
    ])('refuses %s with 422 and leaves the campaign active', async (_case, body, path, message) => {
      const campaign = await createCampaign();
      const response = await editor.post<Problem>(`/v1/campaigns/${campaign.id}/archive`, body);
      expect(response.body).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path, message }] });
      expect((await viewer.get<Campaign>(`/v1/campaigns/${campaign.id}`)).expect(200).status).toBe('active');
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

    it('never changes an existing version: a new text or a re-sent one is a new version, the old ones stay as they were', async () => {
      const campaign = await createCampaign({ instructions: { promptText: 'one', changeDescription: 'first' } });
      const base = `/v1/campaigns/${campaign.id}/instructions`;
      const before = (await viewer.get<Page<Version>>(base)).expect(200).items;
      const v11 = (await editor.post<Version>(base, { promptText: 'one, edited', changeDescription: 'an edit' })).expect(201);
      const same = (await editor.post<Version>(base, { promptText: 'one', changeDescription: 'first' })).expect(201);
      expect([v11.label, same.label]).toEqual(['1.1', '1.2']);
      expect(new Set([before[0].id, v11.id, same.id]).size).toBe(3);
      const v10 = (await viewer.get<Version>(`${base}/${before[0].id}`)).expect(200);
      expect(v10).toEqual(before[0]);
      expect(v10).toMatchObject({ label: '1.0', promptText: 'one', changeDescription: 'first', status: 'active' });
      expect((await viewer.get<Version>(`${base}/${v11.id}`)).expect(200)).toEqual(v11);
      expect((await viewer.get<Campaign>(`/v1/campaigns/${campaign.id}`)).expect(200).activeInstruction).toMatchObject({ id: v10.id, promptText: 'one' });
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

    it.each([
      ['an unknown field', { promptText: 'x', label: '9.9' }, 'label', expect.stringMatching(/unknown field "label"/)],
      ['an organization in the body', { promptText: 'x', organizationId: UNKNOWN_ID }, 'organizationId', expect.stringMatching(/unknown field/)],
      ['a prompt text too long', { promptText: 'p'.repeat(50_001) }, 'promptText', expect.stringMatching(/50000/)],
      ['a change description too long', { promptText: 'x', changeDescription: 'c'.repeat(2_001) }, 'changeDescription', expect.stringMatching(/2000/)],
      ['a blank prompt text', { promptText: '   ' }, 'promptText', 'is required and must not be blank'],
      ['a wrong type', { promptText: 'x', activate: 'yes' }, 'activate', 'must be of type boolean, not a string'],
      ['a prompt text that is not text', { promptText: ['x'] }, 'promptText', 'must be of type string, not an array'],
    ])('refuses a version with %s (422) and creates nothing', async (_case, body, path, message) => {
      const campaign = await createCampaign({ instructions: { promptText: 'one' } });
      const base = `/v1/campaigns/${campaign.id}/instructions`;
      expect((await editor.post<Problem>(base, body)).body).toMatchObject({ status: 422, code: 'validation_failed', errors: [{ path, message }] });
      expect((await viewer.get<Page<Version>>(base)).expect(200).items.map((version) => version.label)).toEqual(['1.0']);
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

  describe.each(['history', 'instructions'])('GET /v1/campaigns/:id/%s paging', (list) => {
    let path: string;

    beforeAll(async () => {
      const campaign = await createCampaign({ instructions: { promptText: 'one' } });
      (await editor.post(`/v1/campaigns/${campaign.id}/instructions`, { promptText: 'two' })).expect(201);
      path = `/v1/campaigns/${campaign.id}/${list}`;
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1.5', 'limit'],
      ['cursor=', 'cursor'],
      ['cursor=bm9wZQ', 'cursor'],
      [`cursor=${Buffer.from('{"x":1}').toString('base64url')}`, 'cursor'],
      [`cursor=${'c'.repeat(501)}`, 'cursor'],
      ['sort=name', 'sort'],
      ['status=active', 'status'],
    ])('refuses the query %s with 400 naming %s', async (query, name) => {
      const response = await viewer.get<Problem>(`${path}?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'bad_request', errors: [{ path: name, message: expect.any(String) }] });
    });

    it('accepts limit and a cursor it gave out', async () => {
      const first = (await viewer.get<Page<unknown>>(`${path}?limit=1`)).expect(200);
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).toEqual(expect.any(String));
      expect((await viewer.get<Page<unknown>>(`${path}?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)).status).toBe(200);
    });
  });

  describe('GET /v1/campaigns/:id/history', () => {
    it('lists every change with who made it, when, and the request it came from', async () => {
      const campaign = await createCampaign({ instructions: { promptText: 'one' } });
      const base = `/v1/campaigns/${campaign.id}`;
      await owner.patch(base, { name: 'Renamed' }, { headers: { 'X-Request-Id': 'req-rename-42' } }).then((r) => r.expect(200));
      const v2 = (await editor.post<Version>(`${base}/instructions`, { promptText: 'two', activate: true })).expect(201);
      expect(v2.status).toBe('active');
      await owner.patch(base, { status: 'paused' }).then((r) => r.expect(200));
      const v3 = (await editor.post<Version>(`${base}/instructions`, { promptText: 'three', changeDescription: 'try shorter' })).expect(201);
      await editor.post(`${base}/instructions/${v3.id}/mark-testing`).then((r) => r.expect(200));
      await owner.post(`${base}/archive`, { reason: 'season over' }, { headers: { 'X-Request-Id': 'req-archive-7' } }).then((r) => r.expect(200));

      const history = (await viewer.get<Page<HistoryEntry>>(`${base}/history`)).expect(200);
      expect(history.nextCursor).toBeNull();
      const byEditor = { kind: 'api_key', id: acme.keyIds.editor, displayName: 'editor key' };
      const byOwner = { kind: 'api_key', id: acme.keyIds.owner, displayName: 'owner key' };
      expect(history.items.map((entry) => ({ type: entry.type, actor: entry.actor, summary: entry.summary }))).toEqual([
        { type: 'CampaignCreated', actor: byEditor, summary: 'created the campaign "Competitor pricing" with 2 columns' },
        { type: 'InstructionVersionCreated', actor: byEditor, summary: 'created instructions 1.0 (draft)' },
        { type: 'InstructionVersionActivated', actor: byEditor, summary: 'activated instructions 1.0' },
        { type: 'CampaignUpdated', actor: byOwner, summary: 'changed name' },
        { type: 'InstructionVersionCreated', actor: byEditor, summary: 'created instructions 1.1 (draft)' },
        { type: 'InstructionVersionActivated', actor: byEditor, summary: 'activated instructions 1.1; 1.0 deprecated' },
        { type: 'CampaignStatusChanged', actor: byOwner, summary: 'changed status from active to paused' },
        { type: 'InstructionVersionCreated', actor: byEditor, summary: 'created instructions 1.2 (draft): try shorter' },
        { type: 'InstructionVersionMarkedTesting', actor: byEditor, summary: 'started testing instructions 1.2' },
        { type: 'CampaignArchived', actor: byOwner, summary: 'archived the campaign: season over' },
      ]);
      expect(history.items.map((entry) => entry.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const times = history.items.map((entry) => entry.occurredAt);
      for (const time of times) expect(time).toMatch(ISO_TIME);
      expect([...times].sort()).toEqual(times);
      expect(Date.parse(times[0])).toBeGreaterThanOrEqual(Date.parse(campaign.createdAt));
      expect(history.items[3].correlationId).toBe('req-rename-42');
      expect(history.items[9].correlationId).toBe('req-archive-7');
      expect(history.items[8]).toMatchObject({ data: { versionId: v3.id } });
      expect(history.items[9]).toMatchObject({ data: { reason: 'season over', previousStatus: 'paused' } });

      const pages: HistoryEntry[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=4&cursor=${encodeURIComponent(cursor)}` : '?limit=4';
        const page: Page<HistoryEntry> = (await viewer.get<Page<HistoryEntry>>(`${base}/history${query}`)).expect(200);
        pages.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages).toEqual(history.items);
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

  describe('authentication, roles, query parameters and tenancy on every endpoint', () => {
    interface Call {
      method: 'GET' | 'POST' | 'PATCH';
      path: string;
      body?: object;
      write: boolean;
      /** Names one campaign (tenancy applies). */
      scoped: boolean;
      /** The success status, for a caller allowed to make it. */
      ok: number;
    }
    let campaign: Campaign;
    let versionId: string;
    let revokedKey: string;
    const calls = (): Call[] => [
      { method: 'GET', path: '/v1/templates', write: false, scoped: false, ok: 200 },
      { method: 'GET', path: '/v1/templates/product-catalogue', write: false, scoped: false, ok: 200 },
      { method: 'POST', path: '/v1/campaigns', body: { name: 'intruder', columns }, write: true, scoped: false, ok: 201 },
      { method: 'GET', path: '/v1/campaigns', write: false, scoped: false, ok: 200 },
      { method: 'GET', path: `/v1/campaigns/${campaign.id}`, write: false, scoped: true, ok: 200 },
      { method: 'PATCH', path: `/v1/campaigns/${campaign.id}`, body: { name: 'hijacked' }, write: true, scoped: true, ok: 200 },
      { method: 'POST', path: `/v1/campaigns/${campaign.id}/archive`, body: {}, write: true, scoped: true, ok: 200 },
      { method: 'GET', path: `/v1/campaigns/${campaign.id}/history`, write: false, scoped: true, ok: 200 },
      { method: 'POST', path: `/v1/campaigns/${campaign.id}/instructions`, body: { promptText: 'hijacked' }, write: true, scoped: true, ok: 201 },
      { method: 'GET', path: `/v1/campaigns/${campaign.id}/instructions`, write: false, scoped: true, ok: 200 },
      { method: 'GET', path: `/v1/campaigns/${campaign.id}/instructions/${versionId}`, write: false, scoped: true, ok: 200 },
      { method: 'POST', path: `/v1/campaigns/${campaign.id}/instructions/${versionId}/activate`, write: true, scoped: true, ok: 200 },
      { method: 'POST', path: `/v1/campaigns/${campaign.id}/instructions/${versionId}/mark-testing`, write: true, scoped: true, ok: 200 },
    ];
    const name = (call: Call) => `${call.method} ${call.path}`;
    /** The campaign as it was before these tests: none of them may change it. */
    const expectUnchanged = async () => {
      const after = (await viewer.get<Campaign>(`/v1/campaigns/${campaign.id}`)).expect(200);
      expect(after).toEqual(campaign);
    };

    beforeAll(async () => {
      const created = await createCampaign({ instructions: { promptText: 'one' } });
      versionId = (await editor.post<Version>(`/v1/campaigns/${created.id}/instructions`, { promptText: 'two' })).expect(201).id;
      campaign = (await viewer.get<Campaign>(`/v1/campaigns/${created.id}`)).expect(200);
      // An editor key that worked (so the gateway has it cached) and was then revoked.
      const key = (await owner.post<{ id: string; key: string }>(`/v1/organizations/${acme.id}/api-keys`, { name: 'leaked', role: 'editor' })).expect(201);
      expect((await stack.as(key.key).get('/v1/campaigns')).status).toBe(200);
      (await owner.delete(`/v1/organizations/${acme.id}/api-keys/${key.id}`)).expect(204);
      revokedKey = key.key;
    });

    it.each([
      ['no key', () => ({}), 'A valid API key is required: send "Authorization: Bearer <key>".'],
      ['an unknown key', () => ({ authorization: `Bearer fwk_${'A'.repeat(43)}` }), 'This API key is not valid.'],
      ['something that is not a key', () => ({ authorization: 'Bearer hello' }), 'This is not a Fieldwork API key (they start with "fwk_").'],
      ['a revoked key', () => ({ authorization: `Bearer ${revokedKey}` }), 'This API key was revoked; ask an owner of your organization for a new one.'],
    ])('answers 401 to %s on every endpoint, and changes nothing', async (_case, headers, detail) => {
      for (const call of calls()) {
        const response = await stack.api.request<Problem>(call.method, call.path, call.body, { headers: headers() });
        expect({ call: name(call), status: response.status, detail: response.body.detail }).toEqual({ call: name(call), status: 401, detail });
        expect({ call: name(call), challenge: response.headers.get('www-authenticate') }).toEqual({ call: name(call), challenge: 'Bearer realm="fieldwork"' });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      await expectUnchanged();
    });

    it('refuses every write to a viewer (403) and lets it read everything, changing nothing', async () => {
      for (const call of calls()) {
        const response = await viewer.request<Problem>(call.method, call.path, call.body);
        expect({ call: name(call), status: response.status }).toEqual({ call: name(call), status: call.write ? 403 : call.ok });
        if (call.write) {
          expect({ call: name(call), detail: response.body.detail }).toEqual({
            call: name(call),
            detail: 'This API key has the viewer role; this needs the editor role or higher.',
          });
        }
      }
      await expectUnchanged();
      expect((await viewer.get<Page<Campaign>>('/v1/campaigns?limit=100')).expect(200).items.map((c) => c.name)).not.toContain('intruder');
      expect((await stack.as(stack.adminKey).get('/v1/campaigns')).status).toBe(403);
    });

    it('refuses undeclared query parameters on every endpoint (400 naming them), before doing anything', async () => {
      for (const call of [...calls(), { method: 'GET', path: '/v1/me', write: false, scoped: false, ok: 200 } satisfies Call]) {
        const response = await editor.request<Problem>(call.method, `${call.path}?bogus=1`, call.body);
        expect({ call: name(call), status: response.status, code: response.body.code }).toEqual({ call: name(call), status: 400, code: 'bad_request' });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect({ call: name(call), errors: response.body.errors }).toEqual({
          call: name(call),
          errors: [{ path: 'bogus', message: expect.stringMatching(/^unknown query parameter "bogus"/) }],
        });
      }
      const twice = await viewer.get<Problem>(`/v1/templates?a=1&b=2`);
      expect(twice.body.errors?.map((error) => error.path)).toEqual(['a', 'b']);
      // Authentication still comes first.
      expect((await stack.api.get<Problem>('/v1/templates?bogus=1')).status).toBe(401);
      await expectUnchanged();
      expect((await viewer.get<Page<Campaign>>('/v1/campaigns?limit=100')).expect(200).items.map((c) => c.name)).not.toContain('intruder');
    });

    it("answers 404 to another organization's key on every campaign endpoint, exactly as for an unknown id, and changes nothing", async () => {
      for (const call of calls().filter((candidate) => candidate.scoped)) {
        const foreign = await outsider.request<Problem>(call.method, call.path, call.body);
        const unknown = await owner.request<Problem>(call.method, call.path.replace(campaign.id, UNKNOWN_ID), call.body);
        expect({ call: name(call), status: foreign.status }).toEqual({ call: name(call), status: 404 });
        expect(foreign.body.title).toBe(unknown.body.title);
        expect(foreign.body.detail.replace(campaign.id, '<id>')).toBe(unknown.body.detail.replace(UNKNOWN_ID, '<id>'));
      }
      const list = (await outsider.get<Page<Campaign>>('/v1/campaigns?status=active')).expect(200);
      expect(list.items.map((c) => c.id)).not.toContain(campaign.id);
      await expectUnchanged();
    });
  });
});
