// Who may call a route. Each route declares its access with @Access (or @Public); a route
// that declares nothing gets the safe default by method: reads need any organization key
// (viewer and up), writes need editor or owner. The platform admin key only reaches routes
// that say `platformAdmin: true` — it belongs to no organization.
import { SetMetadata } from '@nestjs/common';
import { ForbiddenError } from '@fieldwork/contracts';
import type { Role } from '../../domain/organization.decider';
import type { Principal } from './principal';

export type AccessLevel = 'public' | 'platform_admin' | Role;

export interface AccessRule {
  level: AccessLevel;
  /** Also let the platform admin key through (organization and key management). */
  platformAdmin?: boolean;
}

export const ACCESS_METADATA = 'fieldwork:access';

export const Access = (level: AccessLevel, options: { platformAdmin?: boolean } = {}) =>
  SetMetadata(ACCESS_METADATA, { level, platformAdmin: options.platformAdmin ?? false } satisfies AccessRule);

export const Public = () => Access('public');

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

export function defaultAccess(method: string): AccessRule {
  return { level: method === 'GET' || method === 'HEAD' ? 'viewer' : 'editor' };
}

/** Throws 403 with what the caller would need, or returns when the principal may proceed. */
export function checkAccess(rule: AccessRule, principal: Principal): void {
  if (rule.level === 'public') return;
  if (principal.kind === 'platform_admin') {
    if (rule.level === 'platform_admin' || rule.platformAdmin) return;
    throw new ForbiddenError("The platform admin key manages organizations and their keys; use an organization's API key for this.");
  }
  if (rule.level === 'platform_admin') throw new ForbiddenError('Only the platform admin key may do this.');
  if (RANK[principal.role] >= RANK[rule.level]) return;
  const needs = rule.level === 'owner' ? 'the owner role' : `the ${rule.level} role or higher`;
  throw new ForbiddenError(`This API key has the ${principal.role} role; this needs ${needs}.`);
}
