// Builds the gateway's OpenAPI document without connecting to anything (Nest preview mode:
// modules and routes are scanned, providers are not started), for the committed
// services/gateway/openapi.json and its drift check.
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadServiceConfig } from '@fieldwork/service-kit';
import { buildOpenApiDocument } from '../src/http/openapi';
import { createGatewayModule } from '../src/gateway.module';
import { loadGatewayConfig } from '../src/gateway-config';

export const OPENAPI_PATH = 'services/gateway/openapi.json';

export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const module = createGatewayModule({ config: loadServiceConfig('gateway', {}), gateway: loadGatewayConfig({}) });
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
