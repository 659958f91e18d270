// Injection tokens for what every service gets from the kit.
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const NATS = Symbol('NATS');
export const LOGGER = Symbol('LOGGER');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const COMMAND_HANDLER = Symbol('COMMAND_HANDLER');
export const RPC_CLIENT = Symbol('RPC_CLIENT');
