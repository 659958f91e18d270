// The gateway's HTTP conventions over the real stack: organizations and API keys, who may do
// what, authentication failures, problem documents, request ids, body limits, rate limits,
// unavailable services, health, and the OpenAPI document.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import type { ApiClient } from './support/api-client';
import { startStack, type Stack, type TestOrganization } from './support/stack';

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  requestId: string;
  instance: string;
  errors?: { path: string; message: string }[];
}
interface ApiKey {
  id: string;
  name: string;
  role: string;
  prefix: string;
  key?: string;
  revokedAt: string | null;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const UNKNOWN_ID = '01920000-0000-7000-8000-000000000000';

describe('gateway HTTP API', () => {
  let stack: Stack;
  let admin: ApiClient;
  let acme: TestOrganization;
  let globex: TestOrganization;

  beforeAll(async () => {
    stack = await startStack({
      rpcTimeoutMs: 1_000,
      gateway: { bodyLimitBytes: 4_096, rateLimit: { perSecond: 1, burst: 40 }, authFailureLimit: { perSecond: 2, burst: 40 } },
    });
    admin = stack.as(stack.adminKey);
    acme = await stack.createOrganization('Acme');
    globex = await stack.createOrganization('Globex');
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('organizations', () => {
    it('lets the platform admin create and list organizations, and nobody else', async () => {
      const response = await admin.post<{ id: string; name: string; createdBy: { id: string } }>('/v1/organizations', { name: '  Initech ' });
      const created = response.expect(201);
      expect(created).toMatchObject({ name: 'Initech', createdBy: { id: 'platform-admin' } });
      expect(response.headers.get('location')).toBe(`/v1/organizations/${created.id}`);
      const first = (await admin.get<Page<{ id: string }>>('/v1/organizations?limit=2')).expect(200);
      expect(first.items.map((org) => org.id)).toEqual([created.id, globex.id]);
      const next = (await admin.get<Page<{ id: string }>>(`/v1/organizations?limit=2&cursor=${first.nextCursor}`)).expect(200);
      expect(next.items.map((org) => org.id)).toEqual([acme.id]);
      expect(next.nextCursor).toBeNull();
      for (const key of [acme.keys.owner, acme.keys.viewer]) {
        expect((await stack.as(key).post<Problem>('/v1/organizations', { name: 'x' })).body).toMatchObject({
          status: 403,
          detail: 'Only the platform admin key may do this.',
        });
        expect((await stack.as(key).get('/v1/organizations')).status).toBe(403);
      }
    });

    it.each([
      [{}, 'name', 'is required'],
      [{ name: '' }, 'name', expect.stringMatching(/>=1|at least/)],
      [{ name: 'x', plan: 'pro' }, 'plan', expect.stringMatching(/unknown field "plan"/)],
      [{ name: ['x'] }, 'name', 'must be of type string, not an array'],
    ])('refuses the organization %j with 422', async (body, path, message) => {
      expect((await admin.post<Problem>('/v1/organizations', body)).body).toMatchObject({ status: 422, errors: [{ path, message }] });
    });

    it("shows an organization to its members and the admin; another organization's id is 404", async () => {
      expect((await stack.as(acme.keys.viewer).get(`/v1/organizations/${acme.id}`)).expect(200)).toMatchObject({ id: acme.id, name: 'Acme' });
      expect((await admin.get(`/v1/organizations/${acme.id}`)).status).toBe(200);
      const foreign = await stack.as(globex.keys.owner).get<Problem>(`/v1/organizations/${acme.id}`);
      const unknown = await admin.get<Problem>(`/v1/organizations/${UNKNOWN_ID}`);
      expect(foreign.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect((await admin.get<Problem>('/v1/organizations/acme')).status).toBe(400);
    });
  });

  describe('API keys', () => {
    it('lets an owner create a key, shown once, that works at once', async () => {
      const owner = stack.as(acme.keys.owner);
      const response = await owner.post<ApiKey>(`/v1/organizations/${acme.id}/api-keys`, { name: 'ci', role: 'editor' });
      const created = response.expect(201);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(created.key).toMatch(/^fwk_[A-Za-z0-9_-]{43}$/);
      expect(created).toMatchObject({ name: 'ci', role: 'editor', prefix: created.key?.slice(0, 12), revokedAt: null });
      expect((await stack.as(created.key ?? '').get('/v1/me')).expect(200)).toMatchObject({ role: 'editor', organization: { id: acme.id } });
      const listed = (await owner.get<Page<ApiKey>>(`/v1/organizations/${acme.id}/api-keys`)).expect(200);
      expect(listed.items[0]).toEqual({ ...created, key: undefined, organizationId: acme.id, createdAt: expect.any(String), createdBy: expect.any(Object) });
      expect(JSON.stringify(listed)).not.toContain(created.key);
      expect(listed.items.map((key) => key.name)).toEqual(['ci', 'viewer key', 'editor key', 'owner key']);
    });

    it('keeps key management to owners and the admin, within their organization', async () => {
      const editor = stack.as(acme.keys.editor);
      expect((await editor.post<Problem>(`/v1/organizations/${acme.id}/api-keys`, { name: 'x', role: 'viewer' })).body).toMatchObject({
        status: 403,
        detail: 'This API key has the editor role; this needs the owner role.',
      });
      expect((await editor.get(`/v1/organizations/${acme.id}/api-keys`)).status).toBe(403);
      const foreignOwner = stack.as(globex.keys.owner);
      expect((await foreignOwner.post(`/v1/organizations/${acme.id}/api-keys`, { name: 'x', role: 'owner' })).status).toBe(404);
      expect((await foreignOwner.get(`/v1/organizations/${acme.id}/api-keys`)).status).toBe(404);
      expect((await foreignOwner.delete(`/v1/organizations/${acme.id}/api-keys/${acme.keyIds.viewer}`)).status).toBe(404);
      expect((await foreignOwner.delete(`/v1/organizations/${globex.id}/api-keys/${acme.keyIds.viewer}`)).status).toBe(404);
      expect((await admin.post(`/v1/organizations/${UNKNOWN_ID}/api-keys`, { name: 'x', role: 'owner' })).status).toBe(404);
    });

    it.each([
      [{ name: 'x', role: 'admin' }, 'role'],
      [{ name: '', role: 'viewer' }, 'name'],
      [{ role: 'viewer' }, 'name'],
      [{ name: 'x', role: 'viewer', organizationId: 'o' }, 'organizationId'],
    ])('refuses the key %j with 422', async (body, path) => {
      expect((await admin.post<Problem>(`/v1/organizations/${acme.id}/api-keys`, body)).body.errors?.[0].path).toBe(path);
    });

    it('revokes a key at once, even while it is cached; revoking again is harmless', async () => {
      const created = (await admin.post<ApiKey>(`/v1/organizations/${acme.id}/api-keys`, { name: 'temp', role: 'viewer' })).expect(201);
      const temp = stack.as(created.key ?? '');
      expect((await temp.get('/v1/campaigns')).status).toBe(200); // now cached
      expect((await stack.as(acme.keys.owner).delete(`/v1/organizations/${acme.id}/api-keys/${created.id}`)).status).toBe(204);
      expect((await temp.get<Problem>('/v1/campaigns')).body).toMatchObject({
        status: 401,
        detail: 'This API key was revoked; ask an owner of your organization for a new one.',
      });
      expect((await admin.delete(`/v1/organizations/${acme.id}/api-keys/${created.id}`)).status).toBe(204);
      expect((await admin.delete(`/v1/organizations/${acme.id}/api-keys/${UNKNOWN_ID}`)).status).toBe(404);
      const keys = (await admin.get<Page<ApiKey>>(`/v1/organizations/${acme.id}/api-keys`)).expect(200);
      expect(keys.items.find((key) => key.id === created.id)?.revokedAt).toEqual(expect.any(String));
    });

    it('never lets an owner revoke the last owner key; the admin may', async () => {
      const org = await stack.createOrganization('Lonely');
      const owner = stack.as(org.keys.owner);
      const last = await owner.delete<Problem>(`/v1/organizations/${org.id}/api-keys/${org.keyIds.owner}`);
      expect(last.body).toMatchObject({ status: 409, detail: expect.stringMatching(/last owner key/) });
      expect((await admin.delete(`/v1/organizations/${org.id}/api-keys/${org.keyIds.owner}`)).status).toBe(204);
      expect((await owner.get('/v1/me')).status).toBe(401);
    });
  });

  describe('GET /v1/me', () => {
    it("tells the key's organization and role, or that it is the platform admin", async () => {
      expect((await stack.as(acme.keys.viewer).get('/v1/me')).expect(200)).toEqual({
        kind: 'api_key',
        organization: { id: acme.id, name: 'Acme' },
        role: 'viewer',
        apiKey: { id: acme.keyIds.viewer, name: 'viewer key', prefix: acme.keys.viewer.slice(0, 12) },
      });
      expect((await admin.get('/v1/me')).expect(200)).toEqual({ kind: 'platform_admin', organization: null, role: null, apiKey: null });
    });
  });

  describe('authentication failures', () => {
    it.each([
      ['no Authorization header', undefined, 'A valid API key is required: send "Authorization: Bearer <key>".'],
      ['another scheme', 'Basic dXNlcjpwYXNz', 'Use the Bearer scheme: "Authorization: Bearer <api key>".'],
      ['something that is not a key', 'Bearer hello', 'This is not a Fieldwork API key (they start with "fwk_").'],
      ['an unknown key', `Bearer fwk_${'A'.repeat(43)}`, 'This API key is not valid.'],
    ])('answers 401 to %s, with a Bearer challenge', async (_case, authorization, detail) => {
      const response = await stack.api.get<Problem>('/v1/me', { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="fieldwork"');
      expect(response.body).toMatchObject({ type: 'urn:fieldwork:problem:unauthorized', title: 'Authentication required', detail });
    });
  });

  describe('problem documents, request ids and bodies', () => {
    it('echoes a sensible X-Request-Id, generates one otherwise, and puts it in problems', async () => {
      const viewer = stack.as(acme.keys.viewer);
      const given = await viewer.get('/v1/me', { headers: { 'X-Request-Id': 'client-req-7' } });
      expect(given.headers.get('x-request-id')).toBe('client-req-7');
      const generated = await viewer.get('/v1/me');
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const replaced = await viewer.get('/v1/me', { headers: { 'X-Request-Id': 'has spaces and "quotes"' } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const problem = await viewer.get<Problem>('/v1/nowhere', { headers: { 'X-Request-Id': 'client-req-8' } });
      expect(problem.body).toMatchObject({ status: 404, code: 'not_found', requestId: 'client-req-8', instance: '/v1/nowhere' });
      expect(problem.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('refuses undeclared query parameters on every route (400 naming them), before doing anything', async () => {
      const owner = stack.as(acme.keys.owner);
      const calls: [ApiClient, string, string][] = [
        [stack.api, 'GET', '/health?verbose=1'],
        [owner, 'GET', '/v1/me?org=1'],
        [owner, 'GET', `/v1/organizations/${acme.id}?expand=keys`],
        [owner, 'GET', `/v1/organizations/${acme.id}/api-keys?role=owner`],
        [owner, 'DELETE', `/v1/organizations/${acme.id}/api-keys/${acme.keyIds.viewer}?force=true`],
      ];
      for (const [client, method, path] of calls) {
        const response = await client.request<Problem>(method, path);
        const name = new URL(path, stack.url).searchParams.keys().next().value;
        expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 400, code: 'bad_request' });
        expect({ path, errors: response.body.errors }).toEqual({ path, errors: [{ path: name, message: expect.stringMatching(/^unknown query parameter/) }] });
      }
      // The key was not revoked.
      expect((await stack.as(acme.keys.viewer).get('/v1/me')).status).toBe(200);
    });

    it('refuses bodies that are not JSON (415), malformed (400) or too large (413)', async () => {
      const editor = stack.as(acme.keys.editor);
      const text = await editor.post<Problem>('/v1/campaigns', undefined, { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } });
      expect(text.body).toMatchObject({ status: 415, code: 'unsupported_media_type', detail: expect.stringMatching(/Content-Type: application\/json/) });
      const form = await editor.post<Problem>('/v1/campaigns', undefined, {
        rawBody: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(415);
      expect((await editor.post<Problem>('/v1/campaigns', undefined, { rawBody: '{"name":' })).body).toMatchObject({ status: 400, code: 'bad_request' });
      expect((await editor.post<Problem>('/v1/campaigns', undefined, { rawBody: '"just a string"' })).status).toBe(400);
      const large = await editor.post<Problem>('/v1/campaigns', { name: 'x'.repeat(5_000), columns: [] });
      expect(large.body).toMatchObject({ status: 413, code: 'payload_too_large', detail: 'The body is larger than the limit of 4096 bytes.' });
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After when a key sends more than its burst', async () => {
      const created = (await admin.post<ApiKey>(`/v1/organizations/${acme.id}/api-keys`, { name: 'busy', role: 'viewer' })).expect(201);
      const busy = stack.as(created.key ?? '');
      const first = await busy.get('/v1/me');
      expect(first.headers.get('ratelimit-limit')).toBe('40');
      expect(first.headers.get('ratelimit-remaining')).toBe('39');
      const responses = await Promise.all(Array.from({ length: 60 }, () => busy.get<Problem>('/v1/me')));
      const limited = responses.filter((response) => response.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0].headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(limited[0].body).toMatchObject({ code: 'rate_limited', detail: expect.stringMatching(/retry after \d+ s/) });
      // Other keys are not affected.
      expect((await stack.as(acme.keys.viewer).get('/v1/me')).status).toBe(200);
    });
  });

  describe('health and the OpenAPI document', () => {
    it('reports each service without a key; 503 while some do not answer', async () => {
      const health = await stack.api.get<{ status: string; services: Record<string, { status: string }> }>('/health');
      expect(health.status).toBe(503);
      expect(health.body.services.gateway.status).toBe('ok');
      expect(health.body.services.campaigns.status).toBe('ok');
      expect(health.body.services.results.status).toBe('unavailable');
    });

    it('serves a valid OpenAPI 3 document that describes every route, and interactive docs', async () => {
      const document = (await stack.api.get<OpenAPIV3.Document>('/openapi.json')).expect(200);
      await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
      expect(document.openapi).toMatch(/^3\./);
      const express = stack.gateway.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      };
      const routes = express.router.stack
        .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route?.path}`) : []))
        .filter((route) => !/ \/(docs|openapi)/.test(route))
        .map((route) => route.replace(/:(\w+)/g, '{$1}'))
        .sort();
      const documented = Object.entries(document.paths)
        .flatMap(([path, item]) => Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`))
        .sort();
      expect(documented).toEqual(routes);
      expect(routes.length).toBeGreaterThanOrEqual(16);
      for (const [path, item] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(item ?? {}) as [string, OpenAPIV3.OperationObject][]) {
          const where = `${method.toUpperCase()} ${path}`;
          expect({ where, summary: Boolean(operation.summary), operationId: Boolean(operation.operationId) }).toEqual({ where, summary: true, operationId: true });
          if (path !== '/health') {
            expect({ where, security: operation.security }).toEqual({ where, security: [{ bearer: [] }] });
            expect({ where, has401: '401' in operation.responses }).toEqual({ where, has401: true });
          }
          // Any route may get an undeclared query parameter.
          expect({ where, has400: '400' in operation.responses }).toEqual({ where, has400: true });
        }
      }
      const docs = await stack.api.get('/docs');
      expect(docs.status).toBe(200);
      expect(docs.text).toMatch(/swagger-ui/i);
    });
  });

  describe('services that do not answer', () => {
    it('answers 503 with Retry-After, promptly, when a service is down or silent, and recovers', async () => {
      const viewer = stack.as(acme.keys.viewer);
      await stack.stopService('campaigns');
      const down = await viewer.get<Problem>('/v1/campaigns');
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(down.body).toMatchObject({ code: 'unavailable', detail: 'The campaigns service is not running; retry shortly' });

      // Something takes the requests but never answers: the gateway gives up after its timeout.
      const silent = stack.gateway.runtime.nats.connection.subscribe(`${stack.prefix}.rpc.campaigns.list`);
      const started = Date.now();
      const slow = await viewer.get<Problem>('/v1/campaigns');
      expect(slow.body).toMatchObject({ status: 503, detail: 'The campaigns service did not answer in time; retry shortly' });
      expect(Date.now() - started).toBeLessThan(5_000);
      silent.unsubscribe();

      await stack.startService('campaigns');
      expect((await viewer.get('/v1/campaigns')).status).toBe(200);
    });
  });

  describe('guessing keys', () => {
    it('rate-limits failed authentication per client address', async () => {
      const responses = await Promise.all(
        Array.from({ length: 80 }, (_, i) => stack.api.get('/v1/me', { key: `fwk_${String(i).padStart(43, 'x')}` })),
      );
      const statuses = new Set(responses.map((response) => response.status));
      expect([...statuses].sort()).toEqual([401, 429]);
    });
  });
});
