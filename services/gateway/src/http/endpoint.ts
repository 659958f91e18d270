// @Endpoint: one declaration per route — method and path, who may call it, the zod schemas of
// its path, query, body and response — from which come the Nest route, the access rule, the
// input checks (@ValidParams/@ValidQuery/@ValidBody) and the OpenAPI operation with every
// error it can answer.
import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from './auth/access';
import { ENDPOINT_METADATA, type EndpointSpec } from './endpoint-metadata';
import { PROBLEM_REF, toOpenApiSchema } from './openapi';

export type { EndpointSpec } from './endpoint-metadata';

const ROUTE = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;
export type HttpMethod = keyof typeof ROUTE;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: invalid JSON, a bad id, or an unknown query parameter',
  401: 'No API key, an unknown one, or a revoked one',
  403: "The key's role does not allow this",
  404: 'Not found (also for ids of another organization)',
  409: 'Conflicts with the current state (e.g. the campaign is archived)',
  413: 'The body is larger than the limit',
  415: 'The body is not JSON',
  422: 'The body has invalid fields (see errors)',
  429: 'Rate limit exceeded: retry after Retry-After seconds',
  503: 'A service did not answer in time: retry after Retry-After seconds',
};

const isOptional = (schema: z.ZodType) => schema.safeParse(undefined).success;

function schemaOf(schema: z.ZodType | { $ref: string }, io: 'input' | 'output') {
  return schema instanceof z.ZodType ? toOpenApiSchema(schema, io) : schema;
}

export function Endpoint(method: HttpMethod, path: string, spec: EndpointSpec): MethodDecorator {
  const isPublic = spec.access === 'public';
  const status = spec.response.status ?? (method === 'POST' ? 201 : 200);
  const errors = new Set<number>(spec.errors ?? []);
  if (!isPublic) [401, 403, 429].forEach((code) => errors.add(code));
  // Any route can get a malformed request: undeclared query parameters are refused everywhere.
  [400, 503].forEach((code) => errors.add(code));
  if (spec.params) errors.add(404);
  if (spec.body) [400, 413, 415, 422].forEach((code) => errors.add(code));

  const decorators: (MethodDecorator | ClassDecorator)[] = [
    ROUTE[method](path),
    HttpCode(status),
    SetMetadata(ENDPOINT_METADATA, spec),
    ApiOperation({ summary: spec.summary, description: spec.description }),
  ];
  if (spec.access) decorators.push(Access(spec.access, { platformAdmin: spec.platformAdmin }));
  if (!isPublic) decorators.push(ApiBearerAuth());
  for (const [name, schema] of Object.entries(spec.params?.shape ?? {}) as [string, z.ZodType][]) {
    decorators.push(ApiParam({ name, required: true, schema: toOpenApiSchema(schema, 'input'), description: schema.description }));
  }
  for (const [name, schema] of Object.entries(spec.query?.shape ?? {}) as [string, z.ZodType][]) {
    decorators.push(
      ApiQuery({ name, required: !isOptional(schema), schema: toOpenApiSchema(schema, 'input'), description: schema.description }),
    );
  }
  if (spec.body) decorators.push(ApiBody({ required: !isOptional(spec.body), schema: schemaOf(spec.body, 'input') }));
  for (const response of [{ ...spec.response, status }, ...(spec.otherResponses ?? [])]) {
    const headers = Object.fromEntries(
      Object.entries(response.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
    );
    errors.delete(response.status);
    decorators.push(
      ApiResponse({
        status: response.status,
        description: response.description,
        ...(response.schema ? { schema: schemaOf(response.schema, 'output') } : {}),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      }),
    );
  }
  for (const code of [...errors].sort()) {
    decorators.push(
      ApiResponse({
        status: code,
        description: ERROR_DESCRIPTIONS[code] ?? 'Error',
        content: { 'application/problem+json': { schema: PROBLEM_REF } },
      }),
    );
  }
  return applyDecorators(...decorators);
}
