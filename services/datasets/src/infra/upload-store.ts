// Uploads waiting to be ingested: the gateway streams each multipart file into the JetStream
// Object Store (bucket `<prefix>_uploads`, object `<organization>/<uploadId>`, expiring after
// FIELDWORK_UPLOAD_TTL_SECONDS) and sends only the upload's id over NATS. The organization in
// the object's name comes from the caller's headers, so no one can ingest another tenant's file.
import { nanos, StorageType, type JetStreamClient, type NatsConnection, type ObjectInfo, type ObjectStore } from 'nats';
import { NotFoundError, PayloadTooLargeError } from '@fieldwork/contracts';
import type { Naming } from '@fieldwork/messaging';
import type { ByteChunks } from '../ingestion/byte-streams';

/** Same rule as the gateway's writer (services/gateway/src/routes/datasets/upload-writer.ts). */
export function uploadsBucket(naming: Naming): string {
  return `${naming.prefix}_uploads`;
}

export function uploadObjectName(organizationId: string, uploadId: string): string {
  return `${organizationId}/${uploadId}`;
}

export interface StoredUpload {
  size: number;
  /** SHA-256 of the object's bytes, hex (from the object store's own digest). */
  sha256: string;
  /** Streams the upload from the start; may be called again for a second pass. */
  open(): ByteChunks;
}

export class UploadStore {
  private bucket?: Promise<ObjectStore>;

  constructor(
    private readonly js: JetStreamClient,
    private readonly naming: Naming,
    private readonly ttlSeconds: number,
  ) {}

  private store(): Promise<ObjectStore> {
    this.bucket ??= this.js.views.os(uploadsBucket(this.naming), { ttl: nanos(this.ttlSeconds * 1000), storage: StorageType.File });
    return this.bucket;
  }

  async find(organizationId: string, uploadId: string, maxBytes: number): Promise<StoredUpload> {
    const store = await this.store();
    const name = uploadObjectName(organizationId, uploadId);
    const info = await store.info(name);
    if (!info || info.deleted) throw new NotFoundError('Upload', uploadId);
    if (info.size > maxBytes) {
      throw new PayloadTooLargeError(`the file has ${info.size.toLocaleString('en-US')} bytes; the limit is ${maxBytes.toLocaleString('en-US')} (FIELDWORK_DATASET_MAX_BYTES)`, {
        limit: 'maxBytes',
        max: maxBytes,
        actual: info.size,
        setting: 'FIELDWORK_DATASET_MAX_BYTES',
      });
    }
    return {
      size: info.size,
      // "SHA-256=<base64url>"; Node's base64 decoder reads the URL-safe alphabet too.
      sha256: Buffer.from(info.digest.replace(/^SHA-256=/, ''), 'base64').toString('hex'),
      open: () => readObject(this.js, uploadsBucket(this.naming), info, uploadId),
    };
  }

  async remove(organizationId: string, uploadId: string): Promise<void> {
    const store = await this.store();
    await store.delete(uploadObjectName(organizationId, uploadId)).catch(() => undefined);
  }

  /**
   * Used by tests and tools that hand files to the service without the gateway. Megabyte by
   * megabyte, waiting for the server in between (the client does not wait for chunk acks).
   */
  async put(organizationId: string, uploadId: string, bytes: Uint8Array, connection?: NatsConnection): Promise<void> {
    const store = await this.store();
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        if (offset > 0) await connection?.flush();
        controller.enqueue(bytes.subarray(offset, offset + 1024 * 1024));
        offset += 1024 * 1024;
      },
    });
    await store.put({ name: uploadObjectName(organizationId, uploadId) }, stream, { timeout: 60_000 });
  }
}

/**
 * Reads an object's chunks with an ordered *pull* consumer, a few at a time: the client's own
 * `get()` pushes every chunk into an unbounded stream buffer, which would hold a large upload
 * in memory whenever parsing is slower than the network. The caller checks the bytes against
 * `StoredUpload.sha256` (it hashes them anyway); here only the size is checked.
 */
async function* readObject(js: JetStreamClient, bucket: string, info: ObjectInfo, uploadId: string): ByteChunks {
  if (info.size === 0) return;
  const consumer = await js.consumers.get(`OBJ_${bucket}`, { filterSubjects: `$O.${bucket}.C.${info.nuid}` });
  let received = 0;
  let chunks = 0;
  try {
    while (chunks < info.chunks) {
      // Drain the batch before handing anything on: a fetch left open while the parser works
      // misses its heartbeats and ends early. A batch is at most 8 chunks (1 MB).
      const batch = await consumer.fetch({ max_messages: Math.min(8, info.chunks - chunks), expires: 10_000 });
      const taken: Uint8Array[] = [];
      for await (const message of batch) taken.push(message.data);
      if (taken.length === 0) throw new NotFoundError('Upload', `${uploadId} (its data is no longer stored)`);
      for (const data of taken) {
        chunks += 1;
        received += data.length;
        if (data.length > 0) yield data;
      }
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  if (received !== info.size) throw new Error(`upload ${uploadId} was read incompletely (${received} of ${info.size} bytes)`);
}
