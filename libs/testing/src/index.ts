export * from './eventually';
export * from './otlp-receiver';
export * from './private-nats';
export * from './test-database';
export * from './test-nats';
