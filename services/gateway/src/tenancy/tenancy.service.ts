// Organizations and API keys: the gateway's own state, event-sourced in its own database.
// Commands go through the organization decider; reads come from the tenancy projection.
// Also the API key lookup behind authentication (by hash), and in-process cache invalidation
// on revocation.
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { NotFoundError, type ActorRef } from '@fieldwork/contracts';
import type { CommandHandler, EventMetadata } from '@fieldwork/eventstore';
import { COMMAND_HANDLER, DATA_SOURCE } from '@fieldwork/service-kit';
import { organizationDecider, type OrganizationCommand, type Role } from '../domain/organization.decider';
import { ApiKeyCache } from '../http/auth/api-key-cache';
import { generateApiKey } from '../http/auth/api-keys';
import type { ApiKeyLookup, ApiKeyRecord } from '../http/auth/principal';
import type { Caller } from '../http/caller';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { tenancyProjection } from '../projections/tenancy.projection';
import type { ApiKeyView, CreatedApiKeyView, OrganizationView } from './tenancy.views';

interface OrganizationRow {
  organization_id: string;
  name: string;
  created_at: Date;
  created_by: ActorRef;
}

interface ApiKeyRow {
  key_id: string;
  organization_id: string;
  name: string;
  role: Role;
  key_prefix: string;
  created_at: Date;
  created_by: ActorRef;
  revoked_at: Date | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);

const organizationView = (row: OrganizationRow): OrganizationView => ({
  id: row.organization_id,
  name: row.name,
  createdAt: new Date(row.created_at).toISOString(),
  createdBy: row.created_by,
});

const apiKeyView = (row: ApiKeyRow): ApiKeyView => ({
  id: row.key_id,
  organizationId: row.organization_id,
  name: row.name,
  role: row.role,
  prefix: row.key_prefix,
  createdAt: new Date(row.created_at).toISOString(),
  createdBy: row.created_by,
  revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
});

function page<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor({ before: items[items.length - 1].id }) };
}

@Injectable()
export class TenancyService implements ApiKeyLookup {
  constructor(
    @Inject(COMMAND_HANDLER) private readonly commands: CommandHandler,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ApiKeyCache) private readonly cache: ApiKeyCache,
  ) {}

  async createOrganization(name: string, caller: Caller): Promise<OrganizationView> {
    const organizationId = uuidv7();
    await this.run(organizationId, { kind: 'create', organizationId, name }, caller);
    return this.getOrganization(organizationId);
  }

  async getOrganization(organizationId: string): Promise<OrganizationView> {
    const [row] = (await this.dataSource.query(`select * from organizations where organization_id = $1`, [organizationId])) as OrganizationRow[];
    if (!row) throw new NotFoundError('Organization', organizationId);
    return organizationView(row);
  }

  async listOrganizations(limit: number, cursor?: string): Promise<Page<OrganizationView>> {
    const before = decodeCursor(cursor, 'before', isUuid) ?? null;
    const rows = (await this.dataSource.query(
      `select * from organizations where ($1::uuid is null or organization_id < $1::uuid) order by organization_id desc limit $2`,
      [before, limit + 1],
    )) as OrganizationRow[];
    return page(rows.map(organizationView), limit);
  }

  async createApiKey(organizationId: string, input: { name: string; role: string }, caller: Caller): Promise<CreatedApiKeyView> {
    const keyId = uuidv7();
    const { key, hash, displayPrefix } = generateApiKey();
    await this.run(
      organizationId,
      { kind: 'create-key', organizationId, keyId, name: input.name, role: input.role, keyHash: hash, keyPrefix: displayPrefix },
      caller,
    );
    return { ...(await this.getApiKey(organizationId, keyId)), key };
  }

  async listApiKeys(organizationId: string, limit: number, cursor?: string): Promise<Page<ApiKeyView>> {
    await this.getOrganization(organizationId);
    const before = decodeCursor(cursor, 'before', isUuid) ?? null;
    const rows = (await this.dataSource.query(
      `select * from api_keys where organization_id = $1 and ($2::uuid is null or key_id < $2::uuid)
       order by key_id desc limit $3`,
      [organizationId, before, limit + 1],
    )) as ApiKeyRow[];
    return page(rows.map(apiKeyView), limit);
  }

  async revokeApiKey(organizationId: string, keyId: string, caller: Caller): Promise<void> {
    await this.run(organizationId, { kind: 'revoke-key', organizationId, keyId, allowLastOwner: caller.isPlatformAdmin }, caller);
    // This instance forgets the key now; the others when the ApiKeyRevoked event reaches them.
    this.cache.invalidate(keyId);
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const [row] = (await this.dataSource.query(
      `select key_id, organization_id, name, role, key_prefix, revoked_at from api_keys where key_hash = $1`,
      [hash],
    )) as ApiKeyRow[];
    if (!row) return undefined;
    return {
      keyId: row.key_id,
      organizationId: row.organization_id,
      role: row.role,
      name: row.name,
      prefix: row.key_prefix,
      revoked: row.revoked_at !== null,
    };
  }

  private async getApiKey(organizationId: string, keyId: string): Promise<ApiKeyView> {
    const [row] = (await this.dataSource.query(`select * from api_keys where key_id = $1 and organization_id = $2`, [
      keyId,
      organizationId,
    ])) as ApiKeyRow[];
    if (!row) throw new NotFoundError('API key', keyId);
    return apiKeyView(row);
  }

  private async run(organizationId: string, command: OrganizationCommand, caller: Caller): Promise<void> {
    const metadata: EventMetadata = {
      organizationId,
      actor: caller.actor,
      correlationId: caller.requestId,
      causationId: caller.requestId,
    };
    await this.commands.handle(organizationDecider, organizationId, command, metadata, { projections: [tenancyProjection] });
  }
}
