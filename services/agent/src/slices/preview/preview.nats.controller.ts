// agent.preview: runs one attempt now, on one URL, with the caller's columns and instruction
// text, and answers with everything an AttemptFinished event holds (nothing is recorded: a
// preview is a try-out while writing instructions). Steps stream live on
// `<prefix>.progress.preview.<previewId>`; pass your own `previewId` to subscribe beforehand.
import { randomUUID } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { loadRecipes, RecipeValidationError, type Recipe } from '@fieldwork/extraction';
import { create, agentWork, eventToJson, UnavailableError, ValidationError, type FieldIssue } from '@fieldwork/contracts';
import type { RpcCallContext } from '@fieldwork/messaging';
import { AGENT_CONFIG, type AgentConfig } from '../../config/agent-config';
import { toAttemptFinished } from '../../domain/attempt-result';
import { attemptSpecFrom } from '../../domain/attempt-spec';
import type { AgentEngine } from '../../engine/agent-engine';
import { AGENT_ENGINE, PROGRESS_PUBLISHER } from '../../engine/tokens';
import type { ProgressPublisher } from '../../progress/progress-publisher';

export const previewInput = z
  .object({
    url: z.string().min(1, 'is required').max(2048),
    columns: z
      .array(
        z
          .object({
            name: z.string(),
            type: z.string(),
            description: z.string().max(2_000).optional(),
            required: z.boolean().optional(),
            enumValues: z.array(z.string().max(200)).max(500).optional(),
          })
          .strict(),
      )
      .min(1, 'at least one column is needed')
      .max(100),
    instructionText: z.string().max(100_000).optional(),
    instructionVersionId: z.string().max(200).optional(),
    campaignId: z.string().max(200).optional(),
    strategy: z.enum(['auto', 'heuristic', 'llm', 'config']).optional(),
    mode: z.enum(['auto', 'http', 'browser']).optional(),
    budget: z
      .object({
        totalMs: z.number().int().min(1_000).max(120_000).optional(),
        maxPages: z.number().int().min(1).max(20).optional(),
        maxDepth: z.number().int().min(1).max(5).optional(),
        screenshots: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** Recipes to try (before the worker's knowledge base): how a user tests a recipe while writing it. */
    recipes: z.array(z.unknown()).max(20).optional(),
    previewId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-" only')
      .optional(),
  })
  .strict();

export type PreviewInput = z.infer<typeof previewInput>;

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('/'), message: issue.message }));
}

@Controller()
export class PreviewController {
  private running = 0;

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    @Inject(AGENT_ENGINE) private readonly engine: AgentEngine,
    @Inject(PROGRESS_PUBLISHER) private readonly progress: ProgressPublisher,
  ) {}

  @MessagePattern('agent.preview')
  async preview(@Payload() payload: unknown, @Ctx() ctx: RpcCallContext) {
    const organizationId = ctx.organizationId;
    const parsed = previewInput.safeParse(payload);
    if (!parsed.success) throw new ValidationError(issuesOf(parsed.error));
    const input = parsed.data;
    let recipes: Recipe[] | undefined;
    try {
      recipes = input.recipes ? loadRecipes(input.recipes, 'recipes') : undefined;
    } catch (error) {
      if (error instanceof RecipeValidationError) throw new ValidationError(error.issues);
      throw error;
    }
    if (this.running >= this.config.concurrency) {
      throw new UnavailableError('every preview slot of this agent is busy; try again in a few seconds', 5);
    }
    const previewId = input.previewId ?? randomUUID();
    const request = create(agentWork.AttemptRequestedSchema, {
      taskId: `preview-${previewId}`,
      runId: '',
      attemptNumber: 1,
      organizationId,
      campaignId: input.campaignId ?? '',
      instructionVersionId: input.instructionVersionId ?? '',
      instructionText: input.instructionText ?? '',
      columns: input.columns.map((column) => ({
        name: column.name,
        type: column.type,
        description: column.description ?? '',
        required: column.required ?? false,
        enumValues: column.enumValues ?? [],
      })),
      siteUrl: input.url,
      strategy: input.strategy ?? 'auto',
      mode: input.mode ?? 'auto',
      budget: {
        totalMs: input.budget?.totalMs ?? 0,
        maxPages: input.budget?.maxPages ?? 0,
        maxDepth: input.budget?.maxDepth ?? 0,
        // Previews are looked at by people: a picture by default.
        screenshots: input.budget?.screenshots ?? true,
      },
      correlationId: ctx.meta.correlationId,
    });
    const spec = attemptSpecFrom(request, this.config.defaults);
    const subject = this.progress.previewSubject(previewId);
    this.running += 1;
    try {
      const result = await this.engine.runner.run(spec, {
        screenshotScope: `preview/${previewId}`,
        recipes,
        onStep: (step, index) => this.progress.publish(subject, { kind: 'step', attemptId: previewId, index, step, at: new Date().toISOString() }),
      });
      const finished = toAttemptFinished(spec, result, this.config.workerId);
      this.progress.publish(subject, { kind: 'finished', attemptId: previewId, status: result.status, totalMs: result.timings.totalMs, at: new Date().toISOString() });
      return { previewId, progressSubject: subject, attempt: eventToJson(finished) };
    } finally {
      this.running -= 1;
    }
  }
}
