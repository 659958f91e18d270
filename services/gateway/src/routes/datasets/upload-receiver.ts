// Receives a dataset upload: streams the multipart `file` part (busboy) straight into the
// JetStream Object Store — never into memory, never through a NATS request body (1 MB max) —
// enforcing the size limit as the bytes arrive. The datasets service then reads the object
// by its id. Objects are named `<organization>/<uploadId>` in bucket `<prefix>_uploads` (the
// same rule as services/datasets/src/infra/upload-store.ts) and expire after a TTL.
import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { nanos, StorageType, type JetStreamClient, type NatsConnection, type ObjectStore } from 'nats';
import { z } from 'zod';
import { BadRequestError, PayloadTooLargeError, ValidationError } from '@fieldwork/contracts';
import type { Naming } from '@fieldwork/messaging';

const MB = 1024 * 1024;

const settings = z.object({
  FIELDWORK_DATASET_MAX_BYTES: z.coerce.number().int().min(1).default(100 * MB),
  FIELDWORK_UPLOAD_TTL_SECONDS: z.coerce.number().int().min(60).default(3_600),
  /** How long the gateway waits for the datasets service to ingest an upload. */
  FIELDWORK_DATASET_INGEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(300_000),
});

export interface UploadSettings {
  maxBytes: number;
  ttlSeconds: number;
  ingestTimeoutMs: number;
}

export function loadUploadSettings(env: NodeJS.ProcessEnv = process.env): UploadSettings {
  const values = settings.parse(env);
  return {
    maxBytes: values.FIELDWORK_DATASET_MAX_BYTES,
    ttlSeconds: values.FIELDWORK_UPLOAD_TTL_SECONDS,
    ingestTimeoutMs: values.FIELDWORK_DATASET_INGEST_TIMEOUT_MS,
  };
}

export interface ReceivedUpload {
  uploadId: string;
  fileName: string;
  contentType: string;
  size: number;
  /** The other multipart fields, as sent. */
  fields: Record<string, string>;
}

function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `the file is larger than ${maxBytes.toLocaleString('en-US')} bytes; the limit is ${maxBytes.toLocaleString('en-US')} (FIELDWORK_DATASET_MAX_BYTES)`,
    { limit: 'maxBytes', max: maxBytes, setting: 'FIELDWORK_DATASET_MAX_BYTES' },
  );
}

/**
 * A web stream over the upload that waits for the NATS server to have received what was sent
 * so far every few megabytes. The object store client publishes chunks without waiting for
 * their acknowledgements; unthrottled, a fast client's whole file would pile up in this
 * process's outbound buffer (and the acknowledgements time out).
 */
function throttledStream(source: Readable, flush: () => Promise<void>, everyBytes = 4 * MB): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let sinceFlush = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sinceFlush >= everyBytes) {
        await flush();
        sinceFlush = 0;
      }
      const next = await chunks.next();
      if (next.done) {
        controller.close();
        return;
      }
      sinceFlush += next.value.length;
      controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
    },
    cancel() {
      source.destroy();
    },
  });
}

export class UploadReceiver {
  private bucket?: Promise<ObjectStore>;

  constructor(
    private readonly js: JetStreamClient,
    private readonly connection: NatsConnection,
    private readonly naming: Naming,
    readonly settings: UploadSettings,
  ) {}

  private store(): Promise<ObjectStore> {
    this.bucket ??= this.js.views.os(`${this.naming.prefix}_uploads`, { ttl: nanos(this.settings.ttlSeconds * 1000), storage: StorageType.File });
    return this.bucket;
  }

  async discard(organizationId: string, uploadId: string): Promise<void> {
    const store = await this.store();
    await store.delete(`${organizationId}/${uploadId}`).catch(() => undefined);
  }

  /** Streams the request's `file` part into the object store; resolves when it is stored. */
  async receive(request: Request, organizationId: string): Promise<ReceivedUpload> {
    if (!request.is('multipart/form-data')) {
      throw new UnsupportedMediaTypeException(
        `Send the file as multipart/form-data with a "file" field (got "${request.headers['content-type'] ?? 'no content type'}").`,
      );
    }
    const store = await this.store();
    const uploadId = randomBytes(16).toString('base64url');
    const { maxBytes } = this.settings;

    return new Promise<ReceivedUpload>((resolve, reject) => {
      const fields: Record<string, string> = {};
      let file: { fileName: string; contentType: string; stored: Promise<number> } | undefined;
      let settled = false;
      let parser: busboy.Busboy;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        request.unpipe(parser);
        // Read and drop what the client still sends; the answer closes the connection.
        request.resume();
        void this.discard(organizationId, uploadId);
        reject(error);
      };
      try {
        parser = busboy({
          headers: request.headers,
          defParamCharset: 'utf8',
          limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 10_000, parts: 25 },
        });
      } catch (error) {
        reject(new BadRequestError(`The multipart body cannot be read: ${(error as Error).message}`));
        return;
      }
      parser.on('field', (name, value, info) => {
        if (info.valueTruncated) fail(ValidationError.single(name, 'is too long (at most 10,000 characters)'));
        else fields[name] = value;
      });
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || file) {
          stream.resume();
          fail(ValidationError.single(name, name === 'file' ? 'send one file per upload' : 'unknown file field: attach the file as "file"'));
          return;
        }
        const guarded = new PassThrough({ highWaterMark: 256 * 1024 });
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
        });
        stream.on('limit', () => {
          const error = tooLarge(maxBytes);
          guarded.destroy(error);
          fail(error);
        });
        stream.pipe(guarded);
        const put = store.put(
          { name: `${organizationId}/${uploadId}`, description: info.filename },
          throttledStream(guarded, () => this.connection.flush()),
          { timeout: 60_000 },
        );
        file = {
          fileName: info.filename || 'upload',
          contentType: info.mimeType || 'application/octet-stream',
          stored: put.then(() => size),
        };
        file.stored.catch(fail);
      });
      parser.on('partsLimit', () => fail(new BadRequestError('The multipart body has too many parts.')));
      parser.on('filesLimit', () => fail(ValidationError.single('file', 'send one file per upload')));
      parser.on('fieldsLimit', () => fail(new BadRequestError('The multipart body has too many fields.')));
      parser.on('error', (error: Error) => fail(new BadRequestError(`The multipart body cannot be read: ${error.message}`)));
      parser.on('close', () => {
        if (settled) return;
        if (!file) {
          fail(ValidationError.single('file', 'attach the file as a multipart field named "file"'));
          return;
        }
        const { fileName, contentType } = file;
        file.stored.then(
          (size) => {
            if (settled) return;
            settled = true;
            resolve({ uploadId, fileName, contentType, size, fields });
          },
          (error: unknown) => fail(error),
        );
      });
      request.on('aborted', () => fail(new BadRequestError('The upload was interrupted.')));
      request.pipe(parser);
    });
  }
}
