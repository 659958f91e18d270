// Shapes of the commands and queries the datasets service answers over NATS. The gateway checks
// its HTTP input first, but any service may call these subjects: they check again.
import { z } from 'zod';
import { BadRequestError, ValidationError, type FieldIssue } from '@fieldwork/contracts';
import type { EventMetadata } from '@fieldwork/eventstore';
import type { CallMeta, RpcCallContext } from '@fieldwork/messaging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const id = (what: string) => z.string().regex(UUID, `must be ${what} (a UUID)`);
export const versionNumber = z.number().int().min(1, 'versions start at 1');
export const offsetInput = z.number().int().min(0).optional();
export const limitInput = (max: number) => z.number().int().min(1).max(max).optional();

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { path: [...issue.path, issue.keys[0]].map(String).join('/'), message: `unknown field "${issue.keys.join('", "')}"` };
    }
    return { path: issue.path.map(String).join('/'), message: issue.message };
  });
}

/** Parses a payload; malformed ids and paging are a bad request (400), the rest 422. */
export function parseInput<T>(schema: z.ZodType<T>, payload: unknown): T {
  const result = schema.safeParse(payload ?? {});
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  if (issues.every((issue) => /(^|\/)(datasetId|campaignId|uploadId|version|cursor|offset|limit)$/.test(issue.path))) {
    throw new BadRequestError(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), issues);
  }
  throw new ValidationError(issues);
}

export function commandMetadata(ctx: RpcCallContext): EventMetadata {
  return {
    organizationId: ctx.organizationId,
    actor: ctx.meta.actor,
    correlationId: ctx.meta.correlationId,
    causationId: ctx.meta.correlationId,
  };
}

/** Meta for calls this service makes on the caller's behalf (same organization and request). */
export function onBehalfOf(ctx: RpcCallContext): CallMeta {
  return { organizationId: ctx.organizationId, actor: ctx.meta.actor, correlationId: ctx.meta.correlationId };
}
