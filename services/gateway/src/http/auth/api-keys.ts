// API keys: 256 random bits, shown once, stored only as a SHA-256 hash (a high-entropy key
// needs no slow KDF: there is nothing to brute-force) plus a short prefix for recognising it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'fwk_';
/** "fwk_" + 43 base64url characters (32 bytes). */
export const API_KEY_LENGTH = API_KEY_PREFIX.length + 43;
/** How much of the key is stored and shown in lists: "fwk_" + 8 characters (48 bits: not a secret). */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

export interface NewApiKey {
  key: string;
  hash: string;
  displayPrefix: string;
}

export function generateApiKey(): NewApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeApiKey(token: string): boolean {
  return token.length === API_KEY_LENGTH && token.startsWith(API_KEY_PREFIX) && /^[A-Za-z0-9_-]+$/.test(token.slice(4));
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** A secret kept as its digest, compared in constant time to candidates of any length. */
export class SecretMatcher {
  private readonly expected: Buffer;

  constructor(secret: string) {
    this.expected = digest(secret);
  }

  matches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.expected);
  }
}
