// The author of a command or fact, recorded with every event (the audit trail).
export interface ActorRef {
  kind: 'user' | 'api_key' | 'system';
  id: string;
  displayName?: string;
}

export const SYSTEM_ACTOR: ActorRef = { kind: 'system', id: 'system', displayName: 'Fieldwork' };
