// Injection tokens of the agent service's own providers.
export const AGENT_ENGINE = Symbol('AGENT_ENGINE');
export const PROGRESS_PUBLISHER = Symbol('PROGRESS_PUBLISHER');
