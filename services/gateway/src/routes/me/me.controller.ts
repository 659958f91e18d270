// GET /v1/me: who the key belongs to — its organization and role (or the platform admin).
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ROLES } from '../../domain/organization.decider';
import { CurrentCaller, type Caller } from '../../http/caller';
import { Endpoint } from '../../http/endpoint';
import { schemaRef } from '../../http/openapi';
import { TenancyService } from '../../tenancy/tenancy.service';

const meSchema = z.object({
  kind: z.enum(['api_key', 'platform_admin']),
  organization: z.object({ id: z.string(), name: z.string() }).nullable().describe('null for the platform admin key'),
  role: z.enum(ROLES).nullable(),
  apiKey: z.object({ id: z.string(), name: z.string(), prefix: z.string() }).nullable(),
});

@ApiTags('me')
@Controller('v1/me')
export class MeController {
  constructor(@Inject(TenancyService) private readonly tenancy: TenancyService) {}

  @Endpoint('GET', '', {
    summary: "The caller's organization and role",
    access: 'viewer',
    platformAdmin: true,
    response: { description: 'Who this key belongs to', schema: schemaRef('Me', meSchema) },
  })
  async getMe(@CurrentCaller() caller: Caller): Promise<z.infer<typeof meSchema>> {
    const { principal } = caller;
    if (principal.kind === 'platform_admin') return { kind: 'platform_admin', organization: null, role: null, apiKey: null };
    const organization = await this.tenancy.getOrganization(principal.organizationId);
    return {
      kind: 'api_key',
      organization: { id: organization.id, name: organization.name },
      role: principal.role,
      apiKey: { id: principal.keyId, name: principal.name, prefix: principal.prefix },
    };
  }
}
