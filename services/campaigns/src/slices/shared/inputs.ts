// Shapes of the commands and queries the campaigns service answers over NATS. The gateway
// checks its HTTP bodies first, but any service may call these subjects: they check again.
// Domain rules (unique column names, enum values, ...) are the deciders' job, not these.
import { z } from 'zod';
import { BadRequestError, ValidationError, type FieldIssue } from '@fieldwork/contracts';
import type { EventMetadata } from '@fieldwork/eventstore';
import type { RpcCallContext } from '@fieldwork/messaging';
import { PAGE_LIMIT } from '../../projections/campaigns-read-model/cursor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const id = (what: string) => z.string().regex(UUID, `must be ${what} (a UUID)`);

export const columnInput = z
  .object({
    name: z.string(),
    type: z.string(),
    description: z.string().optional(),
    required: z.boolean().optional(),
    enumValues: z.array(z.string()).optional(),
  })
  .strict();

export const instructionsInput = z.object({ promptText: z.string(), changeDescription: z.string().optional() }).strict();

export const pageInput = {
  limit: z.number().int().min(1).max(PAGE_LIMIT.max).optional(),
  cursor: z.string().max(500).optional(),
};

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('/');
    if (issue.code === 'unrecognized_keys') {
      return { path: [...issue.path, issue.keys[0]].map(String).join('/'), message: `unknown field "${issue.keys.join('", "')}"` };
    }
    return { path, message: issue.message };
  });
}

/** Parses a command or query payload; ids that are not UUIDs are a bad request, the rest 422. */
export function parseInput<T>(schema: z.ZodType<T>, payload: unknown): T {
  const result = schema.safeParse(payload ?? {});
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  if (issues.every((issue) => /(^|\/)(campaignId|versionId|cursor|limit)$/.test(issue.path))) {
    throw new BadRequestError(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), issues);
  }
  throw new ValidationError(issues);
}

/** The metadata recorded with each event: the caller's organization, actor and request. */
export function commandMetadata(ctx: RpcCallContext): EventMetadata {
  return {
    organizationId: ctx.organizationId,
    actor: ctx.meta.actor,
    correlationId: ctx.meta.correlationId,
    causationId: ctx.meta.correlationId,
  };
}

export const limitOf = (limit: number | undefined) => limit ?? PAGE_LIMIT.default;
