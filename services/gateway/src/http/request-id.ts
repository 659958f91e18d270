// Every request gets a correlation id: the caller's `X-Request-Id` when it is sensible, a new
// UUIDv7 otherwise. It is echoed back, put on the request's span, carried into every service
// over NATS and recorded with every event the request causes.
import type { NextFunction, Request, Response } from 'express';
import { trace } from '@opentelemetry/api';
import { v7 as uuidv7 } from 'uuid';
import { runWithRequestContext } from '@fieldwork/telemetry';
import { requestState } from './request-state';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const offered = request.header(REQUEST_ID_HEADER);
  const requestId = offered && ACCEPTABLE.test(offered) ? offered : uuidv7();
  requestState(request).requestId = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  trace.getActiveSpan()?.setAttribute('fieldwork.request_id', requestId);
  runWithRequestContext({ correlationId: requestId }, next);
}
