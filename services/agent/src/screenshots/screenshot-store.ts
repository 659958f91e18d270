// Screenshots live in a JetStream Object Store bucket (`<prefix>_screenshots`), one object per
// shot under its organization (`<organization>/<task>/<attempt>/<kind>.png`). Retention is the
// bucket's TTL (FIELDWORK_SCREENSHOT_TTL_DAYS): old shots expire on their own.
import { StorageType, type JetStreamClient, type ObjectStore } from 'nats';
import type { ScreenshotRecord } from '../domain/attempt-result';

export interface ScreenshotSink {
  put(input: { organizationId: string; scope: string; kind: 'final' | 'failure'; pageUrl: string; png: Uint8Array }): Promise<ScreenshotRecord>;
}

export function screenshotBucket(prefix: string): string {
  return `${prefix}_screenshots`;
}

export class ScreenshotStore implements ScreenshotSink {
  private store?: Promise<ObjectStore>;

  constructor(
    private readonly js: JetStreamClient,
    readonly bucket: string,
    private readonly ttlMs: number,
  ) {}

  private open(): Promise<ObjectStore> {
    this.store ??= this.js.views
      .os(this.bucket, {
        description: 'Agent screenshots (final and failing pages), kept for the bucket TTL',
        storage: StorageType.File,
        ttl: this.ttlMs * 1_000_000,
      })
      .catch((error: unknown) => {
        this.store = undefined;
        throw error;
      });
    return this.store;
  }

  async put(input: { organizationId: string; scope: string; kind: 'final' | 'failure'; pageUrl: string; png: Uint8Array }): Promise<ScreenshotRecord> {
    const store = await this.open();
    const objectKey = `${input.organizationId}/${input.scope}/${input.kind}.png`;
    await store.putBlob({ name: objectKey, description: input.pageUrl }, input.png);
    return { bucket: this.bucket, objectKey, kind: input.kind, pageUrl: input.pageUrl, bytes: input.png.byteLength, contentType: 'image/png' };
  }

  async get(objectKey: string): Promise<Uint8Array | null> {
    return (await this.open()).getBlob(objectKey);
  }
}
