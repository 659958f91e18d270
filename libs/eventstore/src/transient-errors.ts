// Tells "a dependency is down or busy, try again" apart from "this will never work": the
// first is retried without limit, the second counts towards dead-lettering.

const TRANSIENT_PG_CODES = new Set(['40001', '40P01', '53300', '55P03', '57P01', '57P02', '57P03', '58000']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isTransientError(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code.startsWith('08') || TRANSIENT_PG_CODES.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
  const message = String((error as { message?: unknown })?.message ?? '');
  return /Connection terminated|connection timeout|terminating connection|Client has encountered a connection error|not queryable/i.test(
    message,
  );
}
