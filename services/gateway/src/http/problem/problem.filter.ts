// Global exception filter: every error leaves the HTTP API as application/problem+json.
// NATS handlers in the gateway (operator commands) keep their own error path.
import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { throwError } from 'rxjs';
import type { Logger } from '@fieldwork/telemetry';
import { LOGGER } from '@fieldwork/service-kit';
import { requestState } from '../request-state';
import { PROBLEM_CONTENT_TYPE, toProblem, type ProblemResponse } from './problem';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    sendProblem(http.getRequest<Request>(), http.getResponse<Response>(), toProblem(exception), this.logger, exception);
    return undefined;
  }
}

export function sendProblem(request: Request, response: Response, problem: ProblemResponse, logger: Logger, cause?: unknown): void {
  const { requestId } = requestState(request);
  if (problem.unexpected) logger.error({ err: cause, requestId, path: request.originalUrl }, 'request failed unexpectedly');
  if (response.headersSent) {
    response.end();
    return;
  }
  for (const [name, value] of Object.entries(problem.headers)) response.setHeader(name, value);
  response
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem.body, instance: request.originalUrl, requestId }));
}
