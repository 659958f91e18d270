export * from './bootstrap';
export * from './config';
export * from './database';
export * from './fieldwork.module';
export * from './nats-handle';
export * from './nest-logger';
export * from './service-runtime';
export * from './tokens';
