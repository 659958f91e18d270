// Short-lived, bounded cache of API key lookups by hash, so an authenticated request costs no
// database read. Revocation clears it at once in the revoking instance; other instances clear
// theirs when the ApiKeyRevoked event reaches them over NATS, and the TTL bounds the rest.
import type { ApiKeyRecord } from './principal';

interface Entry {
  record: ApiKeyRecord;
  expiresAt: number;
}

export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every invalidation: a lookup that started before one must not be cached. */
  private generationCounter = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(hash: string): ApiKeyRecord | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.record;
  }

  get generation(): number {
    return this.generationCounter;
  }

  /** Caches a lookup result unless an invalidation happened since `generation` was read. */
  set(hash: string, record: ApiKeyRecord, generation = this.generationCounter): void {
    if (this.ttlMs <= 0 || generation !== this.generationCounter) return;
    // Map keeps insertion order: evict the oldest entry when full.
    if (this.entries.size >= this.maxEntries && !this.entries.has(hash)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(hash, { record, expiresAt: this.now() + this.ttlMs });
  }

  /** Drops one key (by id) or everything. */
  invalidate(keyId?: string): void {
    this.generationCounter += 1;
    if (keyId === undefined) {
      this.entries.clear();
      return;
    }
    for (const [hash, entry] of this.entries) if (entry.record.keyId === keyId) this.entries.delete(hash);
  }

  get size(): number {
    return this.entries.size;
  }
}
