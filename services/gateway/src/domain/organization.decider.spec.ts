import { ConflictError, create, gatewayEvents, NotFoundError, ValidationError } from '@fieldwork/contracts';
import type { DecideContext } from '@fieldwork/eventstore';
import { organizationDecider, type OrganizationCommand, type OrganizationEvent } from './organization.decider';

const context: DecideContext = { now: new Date(0), newId: () => 'id', actor: { kind: 'system', id: 'platform-admin' } };
const given = (...events: OrganizationEvent[]) =>
  events.reduce((state, event) => organizationDecider.evolve(state, event, { occurredAt: new Date(0), actor: context.actor, version: 1 }), organizationDecider.initialState());
const when = (state: ReturnType<typeof given>, command: OrganizationCommand) => organizationDecider.decide(command, state, context);
const types = (events: OrganizationEvent[]) => events.map((event) => event.$typeName.split('.').pop());

const orgCreated = create(gatewayEvents.OrganizationCreatedSchema, { name: 'Acme' });
const keyCreated = (keyId: string, role = 'owner') => create(gatewayEvents.ApiKeyCreatedSchema, { keyId, role, name: keyId, keyHash: `h-${keyId}`, keyPrefix: 'fwk_x' });
const keyRevoked = (keyId: string) => create(gatewayEvents.ApiKeyRevokedSchema, { keyId });
const newKey = (role: string, name = 'ci'): OrganizationCommand => ({ kind: 'create-key', organizationId: 'o', keyId: 'k9', name, role, keyHash: 'h', keyPrefix: 'fwk_abc' });
const revoke = (keyId: string, allowLastOwner = false): OrganizationCommand => ({ kind: 'revoke-key', organizationId: 'o', keyId, allowLastOwner });

describe('organization decider', () => {
  it('creates an organization with a trimmed, required name', () => {
    expect(when(given(), { kind: 'create', organizationId: 'o', name: ' Acme ' })).toEqual([orgCreated]);
    expect(() => when(given(), { kind: 'create', organizationId: 'o', name: ' ' })).toThrow(ValidationError);
    expect(() => when(given(orgCreated), { kind: 'create', organizationId: 'o', name: 'Acme' })).toThrow(ConflictError);
  });

  it('issues keys with a known role to an existing organization only', () => {
    expect(when(given(orgCreated), newKey('editor'))).toEqual([
      create(gatewayEvents.ApiKeyCreatedSchema, { keyId: 'k9', name: 'ci', role: 'editor', keyHash: 'h', keyPrefix: 'fwk_abc' }),
    ]);
    expect(() => when(given(orgCreated), newKey('admin'))).toThrow(expect.objectContaining({ errors: [{ path: 'role', message: 'unknown role "admin"; use one of owner, editor, viewer' }] }));
    expect(() => when(given(orgCreated), newKey('viewer', ''))).toThrow(ValidationError);
    expect(() => when(given(), newKey('viewer'))).toThrow(NotFoundError);
  });

  it('caps the number of active keys', () => {
    const many = Array.from({ length: 100 }, (_, i) => keyCreated(`k${i}`, 'viewer'));
    expect(() => when(given(orgCreated, ...many), newKey('viewer'))).toThrow(ConflictError);
    expect(types(when(given(orgCreated, ...many, keyRevoked('k0')), newKey('viewer')))).toEqual(['ApiKeyCreated']);
  });

  it('revokes a key; revoking it again changes nothing', () => {
    expect(types(when(given(orgCreated, keyCreated('k1'), keyCreated('k2', 'viewer')), revoke('k2')))).toEqual(['ApiKeyRevoked']);
    expect(when(given(orgCreated, keyCreated('k1'), keyCreated('k2', 'viewer'), keyRevoked('k2')), revoke('k2'))).toEqual([]);
  });

  it('answers not found for a key of another organization or none', () => {
    expect(() => when(given(orgCreated, keyCreated('k1')), revoke('k-other'))).toThrow(NotFoundError);
  });

  it('keeps the last owner key unless the platform admin revokes it', () => {
    const state = given(orgCreated, keyCreated('k1'), keyCreated('k2', 'editor'));
    expect(() => when(state, revoke('k1'))).toThrow(/last owner key/);
    expect(types(when(state, revoke('k1', true)))).toEqual(['ApiKeyRevoked']);
    expect(types(when(given(orgCreated, keyCreated('k1'), keyCreated('k3')), revoke('k1')))).toEqual(['ApiKeyRevoked']);
  });
});
