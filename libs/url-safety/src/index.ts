// @fieldwork/url-safety: which addresses Fieldwork may visit. Pure rules (no DNS, no sockets)
// shared by the datasets service (validating uploaded rows) and the agent (before connecting).
export * from './allowed-targets';
export * from './check-target';
export * from './classify-host';
export * from './normalize-url';
