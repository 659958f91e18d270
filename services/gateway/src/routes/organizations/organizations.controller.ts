// Organizations and their API keys. The platform admin creates organizations and may manage
// any organization's keys; an owner manages the keys of their own organization. Another
// organization's id answers 404, as an unknown one does.
import { Controller, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@fieldwork/contracts';
import { ROLES } from '../../domain/organization.decider';
import { CurrentCaller, type Caller } from '../../http/caller';
import { Endpoint } from '../../http/endpoint';
import { idParam, ValidBody, ValidParams, ValidQuery } from '../../http/input';
import { schemaRef } from '../../http/openapi';
import { PAGE_LIMIT, pageOf, pageQuery } from '../../http/pagination';
import { TenancyService } from '../../tenancy/tenancy.service';
import { apiKeySchema, createdApiKeySchema, organizationSchema } from '../../tenancy/tenancy.views';

const organizationRef = schemaRef('Organization', organizationSchema);
const createdApiKeyRef = schemaRef('CreatedApiKey', createdApiKeySchema);
const organizationPageRef = schemaRef('OrganizationPage', pageOf(organizationSchema));
const apiKeyPageRef = schemaRef('ApiKeyPage', pageOf(apiKeySchema));

const organizationParams = z.object({ organizationId: idParam('organization') }).strict();
const keyParams = organizationParams.extend({ keyId: idParam('API key') }).strict();
const createOrganizationBody = z.object({ name: z.string().min(1).max(200).describe('Display name of the organization') }).strict();
const createApiKeyBody = z
  .object({
    name: z.string().min(1).max(100).describe('What the key is for, e.g. "nightly export job"'),
    role: z.enum(ROLES).describe('owner: everything; editor: all but key management; viewer: read only'),
  })
  .strict();
const listQuery = z.object(pageQuery).strict();

/** Owners reach only their own organization; the platform admin reaches any. */
function assertReachable(caller: Caller, organizationId: string): void {
  if (!caller.isPlatformAdmin && caller.organizationId !== organizationId) throw new NotFoundError('Organization', organizationId);
}

@ApiTags('organizations')
@Controller('v1/organizations')
export class OrganizationsController {
  constructor(@Inject(TenancyService) private readonly tenancy: TenancyService) {}

  @Endpoint('POST', '', {
    summary: 'Create an organization (platform admin)',
    access: 'platform_admin',
    body: createOrganizationBody,
    response: { status: 201, description: 'The new organization', schema: organizationRef, headers: { Location: 'URL of the organization' } },
  })
  async createOrganization(
    @ValidBody() body: z.infer<typeof createOrganizationBody>,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const organization = await this.tenancy.createOrganization(body.name, caller);
    response.setHeader('Location', `/v1/organizations/${organization.id}`);
    return organization;
  }

  @Endpoint('GET', '', {
    summary: 'List organizations, newest first (platform admin)',
    access: 'platform_admin',
    query: listQuery,
    response: { description: 'A page of organizations', schema: organizationPageRef },
  })
  listOrganizations(@ValidQuery() query: z.infer<typeof listQuery>) {
    return this.tenancy.listOrganizations(query.limit ?? PAGE_LIMIT.default, query.cursor);
  }

  @Endpoint('GET', ':organizationId', {
    summary: 'Get an organization (its members, or the platform admin)',
    access: 'viewer',
    platformAdmin: true,
    params: organizationParams,
    response: { description: 'The organization', schema: organizationRef },
  })
  getOrganization(@ValidParams() params: z.infer<typeof organizationParams>, @CurrentCaller() caller: Caller) {
    assertReachable(caller, params.organizationId);
    return this.tenancy.getOrganization(params.organizationId);
  }

  @Endpoint('POST', ':organizationId/api-keys', {
    summary: 'Create an API key (owner or platform admin)',
    description: 'The answer contains the key itself, once: it is stored only as a hash and cannot be shown again.',
    access: 'owner',
    platformAdmin: true,
    params: organizationParams,
    body: createApiKeyBody,
    response: { status: 201, description: 'The new key, with the key itself', schema: createdApiKeyRef },
  })
  async createApiKey(
    @ValidParams() params: z.infer<typeof organizationParams>,
    @ValidBody() body: z.infer<typeof createApiKeyBody>,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertReachable(caller, params.organizationId);
    const created = await this.tenancy.createApiKey(params.organizationId, body, caller);
    response.setHeader('Cache-Control', 'no-store');
    return created;
  }

  @Endpoint('GET', ':organizationId/api-keys', {
    summary: "List an organization's API keys, newest first (owner or platform admin)",
    access: 'owner',
    platformAdmin: true,
    params: organizationParams,
    query: listQuery,
    response: { description: 'A page of keys (never the keys themselves)', schema: apiKeyPageRef },
  })
  listApiKeys(
    @ValidParams() params: z.infer<typeof organizationParams>,
    @ValidQuery() query: z.infer<typeof listQuery>,
    @CurrentCaller() caller: Caller,
  ) {
    assertReachable(caller, params.organizationId);
    return this.tenancy.listApiKeys(params.organizationId, query.limit ?? PAGE_LIMIT.default, query.cursor);
  }

  @Endpoint('DELETE', ':organizationId/api-keys/:keyId', {
    summary: 'Revoke an API key (owner or platform admin)',
    description:
      'Takes effect at once. Revoking an already revoked key succeeds. An owner cannot revoke the last owner key of the organization (409).',
    access: 'owner',
    platformAdmin: true,
    params: keyParams,
    response: { status: 204, description: 'Revoked' },
    errors: [409],
  })
  async revokeApiKey(@ValidParams() params: z.infer<typeof keyParams>, @CurrentCaller() caller: Caller) {
    assertReachable(caller, params.organizationId);
    await this.tenancy.revokeApiKey(params.organizationId, params.keyId, caller);
  }
}
