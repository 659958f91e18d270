// The HTTP contract of campaigns and instruction versions: request bodies (checked here for
// shape and types; the campaigns service checks the domain rules) and the documented answers
// (the campaigns service's replies, passed through unchanged).
import { z } from 'zod';
import { idParam } from '../../http/input';
import { schemaRef } from '../../http/openapi';
import { pageOf, pageQuery } from '../../http/pagination';
import { actorSchema } from '../../tenancy/tenancy.views';

export const COLUMN_TYPES = ['text', 'number', 'money', 'url', 'email', 'phone', 'date', 'boolean', 'enum'] as const;
export const CAMPAIGN_STATUSES = ['active', 'paused', 'completed', 'archived'] as const;
export const INSTRUCTION_STATUSES = ['draft', 'testing', 'active', 'deprecated'] as const;

/** The instruction version lifecycle, stated once for the OpenAPI document (see docs/api-conventions.md). */
export const INSTRUCTION_LIFECYCLE =
  'Allowed transitions: a new version starts as draft or testing, or active when activated at once ' +
  '(`activate: true`; `instructions` on POST /v1/campaigns creates 1.0 active). draft -> testing (mark-testing). ' +
  'draft, testing or deprecated -> active (activate; a deprecated version can be activated again to roll back). ' +
  'active -> deprecated only when another version is activated: at most one version is active. ' +
  'Refused with 409: active or deprecated -> testing, and any change on an archived campaign. ' +
  'No version ever returns to draft, and none is edited or deleted: an edit is a new version.';

export const columnSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(63)
      .describe('Safe identifier, unique in the campaign: lower-case letters, digits and underscores, starting with a letter'),
    type: z.enum(COLUMN_TYPES).describe('Value type; enum columns list their allowed values'),
    description: z.string().max(2_000).optional().describe('What the value means: the agent reads it when extracting'),
    required: z.boolean().optional().describe('Whether a result without this value is incomplete (default false)'),
    enumValues: z.array(z.string().min(1).max(200)).max(200).optional().describe('Allowed values (enum columns only, at least one)'),
  })
  .strict();

const instructionsInput = z
  .object({
    promptText: z.string().min(1).max(50_000).describe('Instructions for the agent'),
    changeDescription: z.string().max(2_000).optional(),
  })
  .strict();

const tags = z.array(z.string().min(1).max(50)).max(20).describe('Free-form labels for filtering (case-insensitively unique)');

export const createCampaignBody = z
  .object({
    name: z.string().min(1).max(200).optional().describe('Required unless templateId is given'),
    purpose: z.string().max(2_000).optional().describe('The business goal, e.g. "Monitor competitor pricing"'),
    description: z.string().max(10_000).optional(),
    columns: z.array(columnSchema).min(1).max(100).optional().describe('Output columns; required unless templateId is given'),
    tags: tags.optional(),
    templateId: z.string().min(1).max(100).optional().describe("Start from a built-in template (GET /v1/templates); the body's fields override the template's"),
    instructions: instructionsInput.optional().describe('Creates instruction version 1.0, active at once'),
  })
  .strict();

export const updateCampaignBody = z
  .object({
    name: z.string().min(1).max(200).optional(),
    purpose: z.string().max(2_000).optional(),
    description: z.string().max(10_000).optional(),
    columns: z.array(columnSchema).min(1).max(100).optional().describe('Replaces the whole column list'),
    tags: tags.optional().describe('Replaces the tags'),
    status: z.enum(['active', 'paused', 'completed']).optional().describe('Archiving has its own endpoint'),
  })
  .strict();

export const archiveCampaignBody = z.object({ reason: z.string().max(500).optional() }).strict().optional();

export const createInstructionVersionBody = z
  .object({
    promptText: z.string().min(1).max(50_000).describe('Instructions for the agent'),
    changeDescription: z.string().max(2_000).optional().describe('What changed and why'),
    bump: z.enum(['minor', 'major']).optional().describe('Next minor (default, 1.1 -> 1.2) or next major (1.1 -> 2.0) label'),
    status: z.enum(['draft', 'testing']).optional().describe('Default draft'),
    activate: z.boolean().optional().describe('Activate at once, deprecating the active version'),
  })
  .strict();

export const listCampaignsQuery = z
  .object({
    status: z.enum(CAMPAIGN_STATUSES).optional().describe('Only this status; without it, all but archived campaigns'),
    tag: z.string().min(1).max(50).optional().describe('Only campaigns with this tag (exact)'),
    ...pageQuery,
  })
  .strict();

export const pageOnlyQuery = z.object(pageQuery).strict();

export const campaignParams = z.object({ campaignId: idParam('campaign') }).strict();
export const versionParams = campaignParams.extend({ versionId: idParam('instruction version') }).strict();

const outputColumn = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  description: z.string(),
  required: z.boolean(),
  enumValues: z.array(z.string()),
});

export const instructionVersionSchema = z.object({
  id: z.string().describe('Version id (UUID)'),
  campaignId: z.string(),
  label: z.string().describe('"1.0", "1.1", "2.0"'),
  number: z.number().int().describe('major * 1000 + minor: sorts versions'),
  promptText: z.string(),
  changeDescription: z.string(),
  status: z.enum(INSTRUCTION_STATUSES).describe('The allowed transitions are listed on the instruction version routes'),
  createdAt: z.string(),
  createdBy: actorSchema,
  activatedAt: z.string().nullable(),
  deprecatedAt: z.string().nullable(),
});

export const campaignSchema = z.object({
  id: z.string().describe('Campaign id (UUID)'),
  name: z.string(),
  purpose: z.string(),
  description: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  columns: z.array(outputColumn),
  tags: z.array(z.string()),
  templateId: z.string().nullable(),
  activeInstruction: instructionVersionSchema.nullable().describe('The active instruction version, with its prompt text'),
  createdAt: z.string(),
  createdBy: actorSchema,
  updatedAt: z.string(),
  updatedBy: actorSchema,
  archivedAt: z.string().nullable(),
  version: z.number().int().describe('Grows with every change'),
});

export const historyEntrySchema = z.object({
  eventId: z.string(),
  version: z.number().int(),
  type: z.string().describe('Event type, e.g. "CampaignUpdated", "InstructionVersionActivated"'),
  occurredAt: z.string(),
  actor: actorSchema,
  correlationId: z.string().describe('X-Request-Id of the request that caused it'),
  summary: z.string().describe('What happened, in words'),
  data: z.record(z.string(), z.unknown()).describe('The event as recorded (protobuf JSON)'),
});

export const CAMPAIGN_REF = schemaRef('Campaign', campaignSchema);
export const CAMPAIGN_PAGE_REF = schemaRef('CampaignPage', pageOf(campaignSchema));
export const INSTRUCTION_VERSION_REF = schemaRef('InstructionVersion', instructionVersionSchema);
export const INSTRUCTION_VERSION_PAGE_REF = schemaRef('InstructionVersionPage', pageOf(instructionVersionSchema));
export const HISTORY_PAGE_REF = schemaRef('CampaignHistoryPage', pageOf(historyEntrySchema));
