// The JSON body of a request/reply answer: either data or a typed error.
import type { WireError } from '@fieldwork/contracts';

export type RpcReply<T = unknown> = { ok: true; data: T } | { ok: false; error: WireError };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

export function decodeJson<T = unknown>(bytes: Uint8Array): T {
  return JSON.parse(decoder.decode(bytes)) as T;
}
