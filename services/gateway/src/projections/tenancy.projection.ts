// Inline projection of the gateway's own events into organizations and api_keys. Idempotent
// (inserts ignore repeats; revocation keeps the first revocation time) and rebuildable.
import type { Projection } from '@fieldwork/eventstore';
import type { OrganizationEvent } from '../domain/organization.decider';

export const tenancyProjection: Projection = {
  name: 'tenancy',
  version: 1,
  handles: ['fieldwork.gateway.v1.OrganizationCreated', 'fieldwork.gateway.v1.ApiKeyCreated', 'fieldwork.gateway.v1.ApiKeyRevoked'],
  async apply(manager, event) {
    const data = event.data as OrganizationEvent;
    switch (data.$typeName) {
      case 'fieldwork.gateway.v1.OrganizationCreated':
        await manager.query(
          `insert into organizations (organization_id, name, created_at, created_by, version) values ($1, $2, $3, $4::jsonb, $5)
           on conflict (organization_id) do nothing`,
          [event.aggregateId, data.name, event.occurredAt, JSON.stringify(event.actor), event.aggregateVersion],
        );
        return;
      case 'fieldwork.gateway.v1.ApiKeyCreated':
        await manager.query(
          `insert into api_keys (key_id, organization_id, name, role, key_hash, key_prefix, created_at, created_by)
           values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) on conflict (key_id) do nothing`,
          [data.keyId, event.aggregateId, data.name, data.role, data.keyHash, data.keyPrefix, event.occurredAt, JSON.stringify(event.actor)],
        );
        return;
      case 'fieldwork.gateway.v1.ApiKeyRevoked':
        await manager.query(
          `update api_keys set revoked_at = $2, revoked_by = $3::jsonb where key_id = $1 and revoked_at is null`,
          [data.keyId, event.occurredAt, JSON.stringify(event.actor)],
        );
        return;
      default: {
        const never: never = data;
        throw new Error(`unknown organization event ${JSON.stringify(never)}`);
      }
    }
  },
  async reset(manager) {
    await manager.query('delete from api_keys');
    await manager.query('delete from organizations');
  },
};
