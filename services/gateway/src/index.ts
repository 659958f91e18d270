// What tools (e2e harness, benchmarks, the OpenAPI writer) may use to start the gateway.
export { createGatewayModule, type GatewayModuleOptions } from './gateway.module';
export { loadGatewayConfig, type GatewayConfig } from './gateway-config';
export { configureGatewayHttp } from './http/configure-http';
export { buildOpenApiDocument } from './http/openapi';
export { hashApiKey } from './http/auth/api-keys';
