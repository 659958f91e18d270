// HTTP set-up of the gateway application before it listens: request ids first (so every
// answer carries one), then the JSON body rules, then the OpenAPI document and /docs.
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from '@fieldwork/telemetry';
import { LOGGER } from '@fieldwork/service-kit';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { installJsonBody } from './body/json-body';
import { buildOpenApiDocument, serveOpenApi } from './openapi';
import { requestIdMiddleware } from './request-id';

export function configureGatewayHttp(app: INestApplication): void {
  const expressApp = app as NestExpressApplication;
  const config = app.get<GatewayConfig>(GATEWAY_CONFIG);
  expressApp.disable('x-powered-by');
  // API answers are not cached by clients; hashing every body for an ETag is wasted work.
  expressApp.set('etag', false);
  expressApp.use(requestIdMiddleware);
  installJsonBody(expressApp, config.bodyLimitBytes, app.get<Logger>(LOGGER));
  serveOpenApi(app, buildOpenApiDocument(app));
}
