// Request bodies: JSON, size-limited, strict (an object or array at the top). Parser failures
// (malformed JSON, too large) become problem responses right here, before routing. Bodies of
// other media types are left unread: a JSON route refuses them with 415 (see input.ts), and an
// upload route (multipart, CSV) reads the request stream itself.
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { Logger } from '@fieldwork/telemetry';
import { toProblem } from '../problem/problem';
import { sendProblem } from '../problem/problem.filter';

export const JSON_TYPES = ['application/json', 'application/*+json'];

/** Whether the request carries a body at all (whatever its type). */
export function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/** Installs the JSON parser, then the answer to its errors. */
export function installJsonBody(app: NestExpressApplication, limitBytes: number, logger: Logger): void {
  // Registered now, Nest's own JSON parser (100 kB, added at init) sees it and steps aside.
  app.useBodyParser('json', { limit: limitBytes, strict: true, type: JSON_TYPES });
  const parseErrors: ErrorRequestHandler = (error: unknown, request: Request, response: Response, _next: NextFunction) => {
    sendProblem(request, response, toProblem(error), logger, error);
  };
  app.use(parseErrors);
}
