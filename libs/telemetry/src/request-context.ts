// Who and what the current unit of work belongs to (organization, actor, correlation id),
// carried through async calls so logs and appended events pick it up without threading it
// through every signature.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  correlationId: string;
  organizationId?: string;
  /** Id of the command, request or event that caused the current work. */
  causationId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
