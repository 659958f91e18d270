// The OpenAPI 3 document, built from the routes' own declarations (@Endpoint: zod schemas for
// inputs and outputs, access, error statuses) by @nestjs/swagger, served at /openapi.json with
// interactive docs at /docs, and committed as services/gateway/openapi.json.
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

const components = new Map<string, SchemaObject>();

/**
 * JSON Schema (OpenAPI 3.0 dialect) of a zod schema, as a request (`input`) or response.
 * Responses do not forbid extra properties (answers grow additively; clients must tolerate
 * new fields), and zod's safe-integer bounds are left out as noise.
 */
export function toOpenApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): SchemaObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
  return tidy(json, io) as SchemaObject;
}

function tidy(node: unknown, io: 'input' | 'output'): unknown {
  if (Array.isArray(node)) return node.map((item) => tidy(item, io));
  if (typeof node !== 'object' || node === null) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (io === 'output' && key === 'additionalProperties' && value === false) continue;
    if ((key === 'minimum' && value === Number.MIN_SAFE_INTEGER) || (key === 'maximum' && value === Number.MAX_SAFE_INTEGER)) continue;
    result[key] = tidy(value, io);
  }
  return result;
}

/** Registers a named schema in components.schemas and returns a reference to it. */
export function schemaRef(name: string, schema: z.ZodType): { $ref: string } {
  components.set(name, toOpenApiSchema(schema));
  return { $ref: `#/components/schemas/${name}` };
}

export const problemSchema = z
  .object({
    type: z.string().describe('Problem type URI, e.g. "urn:fieldwork:problem:validation-failed"'),
    title: z.string().describe('Short summary of the problem type'),
    status: z.number().int().describe('HTTP status code'),
    detail: z.string().describe('What went wrong and how to fix it'),
    instance: z.string().optional().describe('The request path'),
    code: z.string().describe('Stable machine-readable code: validation_failed, not_found, rate_limited, ...'),
    requestId: z.string().optional().describe('The X-Request-Id of the request (quote it when reporting a problem)'),
    errors: z
      .array(z.object({ path: z.string().describe('Offending field, e.g. "columns/2/name"'), message: z.string() }))
      .optional()
      .describe('One entry per invalid field'),
  })
  .describe('An RFC 9457 problem document (application/problem+json)');

export const PROBLEM_REF = schemaRef('Problem', problemSchema);

const DESCRIPTION = `
The public API of Fieldwork: campaigns, instructions, templates, organizations and API keys.

**Authentication.** Send \`Authorization: Bearer <api key>\`. Keys belong to one organization and have a
role: \`owner\` (everything), \`editor\` (everything but key management), \`viewer\` (read only).

**Errors** are \`application/problem+json\` (RFC 9457) with \`code\`, \`detail\` and, for invalid input,
\`errors: [{path, message}]\`. An id of another organization answers 404, like an unknown id.

**Lists** are paginated: \`limit\` (1-100, default 20) and \`cursor\` (the \`nextCursor\` of the previous page;
\`null\` on the last page), in a stable order.

**Rate limits** apply per API key: \`RateLimit-Limit\` / \`RateLimit-Remaining\` headers, 429 with \`Retry-After\`.
A service that does not answer in time gives 503 with \`Retry-After\`.

**Correlation.** Send \`X-Request-Id\` (or get a generated one back); it is recorded with everything the
request causes.`.trim();

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Fieldwork API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key ("fwk_...") or the platform admin key' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b))) },
  };
  return document;
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'Fieldwork API',
  });
}
