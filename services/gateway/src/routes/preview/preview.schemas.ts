// The HTTP contract of "try it on one site": which page, optionally which instruction version
// (default: the campaign's active one), and the answer — everything the agent's AttemptFinished
// event holds for that one attempt (nothing is recorded).
import { z } from 'zod';
import { idParam } from '../../http/input';
import { schemaRef } from '../../http/openapi';

export const previewParams = z.object({ campaignId: idParam('campaign') }).strict();

export const previewBody = z
  .object({
    url: z.string().min(1).max(2_048).describe('The page to start from, as a dataset row would give it'),
    instructionVersionId: z
      .string()
      .uuid('must be an instruction version id (a UUID)')
      .optional()
      .describe("Instruction version to try; default the campaign's active version (none = no instructions)"),
    mode: z.enum(['auto', 'http', 'browser']).optional().describe('auto (default): HTTP first, the browser when the page needs it'),
    strategy: z.enum(['auto', 'heuristic', 'llm', 'config']).optional().describe('auto (default): the model-free engine, plus the model for missing fields when one is configured'),
    screenshots: z.boolean().optional().describe('Take a screenshot of the final page (default true)'),
    totalMs: z.number().int().min(1_000).max(120_000).optional().describe('Time budget of the attempt in milliseconds (default: the agent default)'),
  })
  .strict();

const evidence = z.object({ source: z.string(), selector: z.string().optional(), snippet: z.string().optional(), pageUrl: z.string(), path: z.string().optional() }).partial();

export const previewResponse = z.object({
  previewId: z.string().describe('Also the live-progress subject suffix'),
  progressSubject: z.string().describe('Plain NATS subject carrying the steps live'),
  attempt: z
    .object({
      siteUrl: z.string(),
      status: z.enum(['success', 'partial', 'failed']),
      failure: z.object({ category: z.string(), reason: z.string(), retryable: z.boolean().optional(), message: z.string() }).partial().optional(),
      strategy: z.enum(['config', 'heuristic', 'llm']),
      mode: z.enum(['http', 'browser']),
      steps: z.array(z.object({ index: z.number().optional(), op: z.string(), params: z.record(z.string(), z.string()).optional(), outcome: z.string(), detail: z.string().optional(), ms: z.number().optional(), mode: z.string().optional() })),
      fields: z.array(
        z.object({
          name: z.string(),
          found: z.boolean().optional(),
          value: z.string().optional(),
          confidence: z.number().optional(),
          evidence: evidence.optional(),
          notes: z.array(z.string()).optional(),
          alternatives: z.array(z.object({ value: z.string(), confidence: z.number().optional(), evidence: evidence.optional() })).optional(),
        }),
      ),
      timings: z.record(z.string(), z.number()).optional(),
      usage: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
      screenshots: z.array(z.object({ bucket: z.string(), objectKey: z.string(), kind: z.string(), pageUrl: z.string().optional(), bytes: z.number().optional() })).optional(),
      finalUrl: z.string().optional(),
      pages: z.array(z.string()).optional(),
      model: z.string().optional(),
    })
    .passthrough()
    .describe('The attempt, as the AttemptFinished event of proto/fieldwork/agent/v1/events.proto (protobuf JSON)'),
});

export const PREVIEW_REF = schemaRef('AttemptPreview', previewResponse);
