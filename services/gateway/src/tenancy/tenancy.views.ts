// What the organization and API key routes answer with.
import { z } from 'zod';
import { ROLES } from '../domain/organization.decider';

const actor = z.object({
  kind: z.enum(['user', 'api_key', 'system']),
  id: z.string(),
  displayName: z.string().optional(),
});

export const actorSchema = actor.describe('Who did it: an API key, a user or the platform');

export const organizationSchema = z.object({
  id: z.string().describe('Organization id (UUID)'),
  name: z.string(),
  createdAt: z.string().describe('ISO 8601 time'),
  createdBy: actorSchema,
});
export type OrganizationView = z.infer<typeof organizationSchema>;

export const apiKeySchema = z.object({
  id: z.string().describe('Key id (UUID): use it to revoke the key'),
  organizationId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  prefix: z.string().describe('The first characters of the key, to recognise it; not enough to use it'),
  createdAt: z.string(),
  createdBy: actorSchema,
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeySchema>;

export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().describe('The API key itself. Shown only in this response: store it now, it cannot be retrieved later.'),
});
export type CreatedApiKeyView = z.infer<typeof createdApiKeySchema>;
