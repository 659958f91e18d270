// Who is calling: the platform admin (from FIELDWORK_ADMIN_API_KEY) or an organization's API
// key with its role. The organization comes from the key and nowhere else.
import type { ActorRef } from '@fieldwork/contracts';
import type { Role } from '../../domain/organization.decider';

export interface ApiKeyPrincipal {
  kind: 'api_key';
  keyId: string;
  organizationId: string;
  role: Role;
  name: string;
  prefix: string;
  actor: ActorRef;
}

export interface PlatformAdminPrincipal {
  kind: 'platform_admin';
  actor: ActorRef;
}

export type Principal = ApiKeyPrincipal | PlatformAdminPrincipal;

export const PLATFORM_ADMIN: PlatformAdminPrincipal = {
  kind: 'platform_admin',
  actor: { kind: 'system', id: 'platform-admin', displayName: 'platform admin key' },
};

/** What a key lookup returns (also what the cache holds). */
export interface ApiKeyRecord {
  keyId: string;
  organizationId: string;
  role: Role;
  name: string;
  prefix: string;
  revoked: boolean;
}

export function principalOf(record: ApiKeyRecord): ApiKeyPrincipal {
  return {
    kind: 'api_key',
    keyId: record.keyId,
    organizationId: record.organizationId,
    role: record.role,
    name: record.name,
    prefix: record.prefix,
    actor: { kind: 'api_key', id: record.keyId, displayName: record.name },
  };
}

export const API_KEY_LOOKUP = Symbol('API_KEY_LOOKUP');

export interface ApiKeyLookup {
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
}
