// What @Endpoint records on a route handler (read by the input decorators and the guard).
import type { z } from 'zod';
import type { AccessLevel } from './auth/access';

export const ENDPOINT_METADATA = 'fieldwork:endpoint';

export interface ResponseSpec {
  /** Success status (default 200; 201 for creations, 204 for no content). */
  status?: number;
  description: string;
  /** A named schema (see openapi.ts `schemaRef`), a zod schema, or nothing for 204. */
  schema?: z.ZodType | { $ref: string };
  /** Extra response headers to document, by name. */
  headers?: Record<string, string>;
}

export interface EndpointSpec {
  summary: string;
  description?: string;
  access?: AccessLevel;
  platformAdmin?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: ResponseSpec;
  /** Extra error statuses this route can answer, besides the ones implied by its inputs. */
  errors?: number[];
  /** Other answers that are not problem documents (e.g. /health's 503 with the report). */
  otherResponses?: (ResponseSpec & { status: number })[];
}
