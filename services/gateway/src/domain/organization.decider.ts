// An organization (tenant) and its API keys. Keys are made outside (random bytes are I/O) and
// arrive here already hashed; the decider keeps the rules: valid names and roles, revoking is
// idempotent, and an organization never loses its last owner key by its own hand.
import { ConflictError, create, gatewayEvents, NotFoundError, ValidationError, type FieldIssue } from '@fieldwork/contracts';
import type { Decider } from '@fieldwork/eventstore';

export const ORGANIZATION_AGGREGATE = 'organization';

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const MAX_ACTIVE_KEYS = 100;

export interface KeyFacts {
  keyId: string;
  role: Role;
  revoked: boolean;
}

export interface OrganizationState {
  exists: boolean;
  name: string;
  keys: KeyFacts[];
}

export type OrganizationEvent = gatewayEvents.OrganizationCreated | gatewayEvents.ApiKeyCreated | gatewayEvents.ApiKeyRevoked;

export type OrganizationCommand =
  | { kind: 'create'; organizationId: string; name: string }
  | { kind: 'create-key'; organizationId: string; keyId: string; name: string; role: string; keyHash: string; keyPrefix: string }
  /** `allowLastOwner`: the platform admin may leave an organization without owner keys. */
  | { kind: 'revoke-key'; organizationId: string; keyId: string; allowLastOwner: boolean };

function checkName(value: string, path: string, max: number): { name: string; issues: FieldIssue[] } {
  const name = value.trim();
  if (name.length === 0) return { name, issues: [{ path, message: 'is required and must not be blank' }] };
  if (name.length > max) return { name, issues: [{ path, message: `at most ${max} characters (got ${name.length})` }] };
  return { name, issues: [] };
}

export const organizationDecider: Decider<OrganizationState, OrganizationCommand, OrganizationEvent> = {
  aggregateType: ORGANIZATION_AGGREGATE,
  initialState: () => ({ exists: false, name: '', keys: [] }),
  decide(command, state) {
    switch (command.kind) {
      case 'create': {
        if (state.exists) throw new ConflictError(`organization ${command.organizationId} already exists`);
        const { name, issues } = checkName(command.name, 'name', 200);
        if (issues.length > 0) throw new ValidationError(issues);
        return [create(gatewayEvents.OrganizationCreatedSchema, { name })];
      }
      case 'create-key': {
        if (!state.exists) throw new NotFoundError('Organization', command.organizationId);
        const { name, issues } = checkName(command.name, 'name', 100);
        if (!(ROLES as readonly string[]).includes(command.role)) {
          issues.push({ path: 'role', message: `unknown role "${command.role}"; use one of ${ROLES.join(', ')}` });
        }
        if (issues.length > 0) throw new ValidationError(issues);
        if (state.keys.filter((key) => !key.revoked).length >= MAX_ACTIVE_KEYS) {
          throw new ConflictError(`the organization already has ${MAX_ACTIVE_KEYS} active keys; revoke unused ones first`);
        }
        return [
          create(gatewayEvents.ApiKeyCreatedSchema, {
            keyId: command.keyId,
            name,
            role: command.role,
            keyHash: command.keyHash,
            keyPrefix: command.keyPrefix,
          }),
        ];
      }
      case 'revoke-key': {
        if (!state.exists) throw new NotFoundError('Organization', command.organizationId);
        const key = state.keys.find((candidate) => candidate.keyId === command.keyId);
        if (!key) throw new NotFoundError('API key', command.keyId);
        if (key.revoked) return [];
        const otherOwners = state.keys.filter((other) => other.role === 'owner' && !other.revoked && other.keyId !== key.keyId);
        if (key.role === 'owner' && otherOwners.length === 0 && !command.allowLastOwner) {
          throw new ConflictError('this is the last owner key of the organization; create another owner key before revoking it', {
            keyId: key.keyId,
          });
        }
        return [create(gatewayEvents.ApiKeyRevokedSchema, { keyId: key.keyId })];
      }
      default: {
        const never: never = command;
        throw new Error(`unknown organization command ${JSON.stringify(never)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.$typeName) {
      case 'fieldwork.gateway.v1.OrganizationCreated':
        return { ...state, exists: true, name: event.name };
      case 'fieldwork.gateway.v1.ApiKeyCreated':
        return { ...state, keys: [...state.keys, { keyId: event.keyId, role: event.role as Role, revoked: false }] };
      case 'fieldwork.gateway.v1.ApiKeyRevoked':
        return { ...state, keys: state.keys.map((key) => (key.keyId === event.keyId ? { ...key, revoked: true } : key)) };
      default: {
        const never: never = event;
        throw new Error(`unknown organization event ${JSON.stringify(never)}`);
      }
    }
  },
};
