// Who is asking, for which organization, as part of which request: travels in NATS headers
// with every command and query so handlers never take the organization from a request body.
import { headers as natsHeaders, type MsgHdrs } from 'nats';
import { SYSTEM_ACTOR, type ActorRef } from '@fieldwork/contracts';
import { Headers } from './headers';

export { SYSTEM_ACTOR, type ActorRef };

export interface CallMeta {
  /** Absent only for platform-level calls (health, admin creating organizations). */
  organizationId?: string;
  actor: ActorRef;
  correlationId: string;
}

export function writeCallMeta(meta: CallMeta, target: MsgHdrs = natsHeaders()): MsgHdrs {
  if (meta.organizationId) target.set(Headers.organizationId, meta.organizationId);
  target.set(Headers.actor, JSON.stringify(meta.actor));
  target.set(Headers.correlationId, meta.correlationId);
  return target;
}

export function readCallMeta(source: MsgHdrs | undefined): CallMeta {
  const organizationId = source?.get(Headers.organizationId) || undefined;
  const correlationId = source?.get(Headers.correlationId) || 'unknown';
  let actor = SYSTEM_ACTOR;
  const rawActor = source?.get(Headers.actor);
  if (rawActor) {
    try {
      const parsed = JSON.parse(rawActor) as Partial<ActorRef>;
      if (typeof parsed.id === 'string' && (parsed.kind === 'user' || parsed.kind === 'api_key' || parsed.kind === 'system')) {
        actor = { kind: parsed.kind, id: parsed.id, displayName: parsed.displayName };
      }
    } catch {
      // A malformed actor header degrades to "system" rather than failing the call.
    }
  }
  return { organizationId, actor, correlationId };
}
