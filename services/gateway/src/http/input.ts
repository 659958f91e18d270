// Input checking for HTTP routes: zod schemas declared once per route (see endpoint.ts) both
// validate the request and describe it in the OpenAPI document. Messages say what to fix;
// unknown fields are refused (a typo must not be silently ignored). Body problems are 422;
// a malformed path or query (bad id, unknown parameter) is a 400.
import { createParamDecorator, UnsupportedMediaTypeException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { BadRequestError, ValidationError, type FieldIssue } from '@fieldwork/contracts';
import { hasBody, JSON_TYPES } from './body/json-body';
import { ENDPOINT_METADATA, type EndpointSpec } from './endpoint-metadata';

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export function fieldIssues(error: z.ZodError, input: unknown, where: 'body' | 'query' | 'path'): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String).join('/');
    switch (issue.code) {
      case 'unrecognized_keys': {
        const what = where === 'body' ? 'field' : 'query parameter';
        return issue.keys.map((key) => ({
          path: [...issue.path.map(String), key].join('/'),
          message: `unknown ${what} "${key}"; check the spelling against the API documentation (/docs)`,
        }));
      }
      case 'invalid_type': {
        const value = valueAt(input, issue.path);
        if (value === undefined) return [{ path: path || where, message: 'is required' }];
        const expected = issue.expected === 'object' && issue.path.length === 0 ? 'a JSON object' : issue.expected;
        return [{ path: path || where, message: `must be ${expected === 'a JSON object' ? expected : `of type ${expected}`}, not ${describeType(value)}` }];
      }
      default:
        return [{ path: path || where, message: issue.message }];
    }
  });
}

function parse<T>(schema: z.ZodType<T>, input: unknown, where: 'body' | 'query' | 'path'): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = fieldIssues(result.error, input, where);
  if (where === 'body') throw new ValidationError(issues);
  throw new BadRequestError(`Invalid ${where === 'path' ? 'path' : 'query'}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
}

function specOf(context: ExecutionContext): EndpointSpec {
  const spec = Reflect.getMetadata(ENDPOINT_METADATA, context.getHandler()) as EndpointSpec | undefined;
  if (!spec) throw new Error(`${context.getClass().name}.${context.getHandler().name} uses a validated input without @Endpoint`);
  return spec;
}

/** The request body, checked against the route's `body` schema. */
export const ValidBody = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const spec = specOf(context);
  if (!spec.body) throw new Error('ValidBody needs a body schema on @Endpoint');
  const request = context.switchToHttp().getRequest<Request>();
  if (hasBody(request) && !request.is(JSON_TYPES)) {
    throw new UnsupportedMediaTypeException(
      `Send the body as JSON with "Content-Type: application/json" (got "${request.headers['content-type'] ?? 'no content type'}").`,
    );
  }
  return parse(spec.body, (request.body as unknown) ?? {}, 'body');
});

/** The query string, checked against the route's `query` schema. */
export const ValidQuery = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const spec = specOf(context);
  if (!spec.query) throw new Error('ValidQuery needs a query schema on @Endpoint');
  return parse(spec.query, { ...context.switchToHttp().getRequest<Request>().query }, 'query');
});

/** The path parameters, checked against the route's `params` schema. */
export const ValidParams = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const spec = specOf(context);
  if (!spec.params) throw new Error('ValidParams needs a params schema on @Endpoint');
  return parse(spec.params, { ...context.switchToHttp().getRequest<Request>().params }, 'path');
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id: a UUID, with a message naming what it identifies. */
export const idParam = (what: string) =>
  z.string().regex(UUID, `is not a valid ${what} id: ids are UUIDs such as "0192f0c4-5b6e-7d2a-9c1e-3f4a5b6c7d8e"`);
