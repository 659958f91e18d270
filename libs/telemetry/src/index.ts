export * from './logger';
export * from './messaging-spans';
export * from './request-context';
export * from './sdk';
