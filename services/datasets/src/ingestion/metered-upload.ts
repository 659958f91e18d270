// Reads an upload exactly once for parsing while also counting its bytes (enforcing the size
// limit as they arrive), hashing them (SHA-256, recorded in the version's event) and keeping
// them, chunk by chunk, so the original file can be downloaded unchanged. The parser may stop
// early (XLSX after its sheet); finish() drains the rest so the checksum and copy are whole.
import { createHash, type Hash } from 'node:crypto';
import type { ByteChunks } from './byte-streams';
import { limitExceeded } from './ingest-errors';

export interface FileKeeper {
  keepChunk(index: number, data: Buffer): Promise<void>;
}

export class MeteredUpload {
  private readonly source: AsyncIterator<Uint8Array>;
  private readonly hash: Hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private stored = 0;
  private ended = false;
  bytes = 0;

  constructor(
    source: ByteChunks,
    private readonly keeper: FileKeeper,
    private readonly maxBytes: number,
    private readonly chunkBytes: number,
  ) {
    this.source = source[Symbol.asyncIterator]();
  }

  private async keep(force: boolean): Promise<void> {
    while (this.pendingBytes >= this.chunkBytes || (force && this.pendingBytes > 0)) {
      const all = Buffer.concat(this.pending);
      const piece = all.subarray(0, Math.min(this.chunkBytes, all.length));
      const rest = all.subarray(piece.length);
      this.pending = rest.length > 0 ? [Buffer.from(rest)] : [];
      this.pendingBytes = rest.length;
      await this.keeper.keepChunk(this.stored, Buffer.from(piece));
      this.stored += 1;
    }
  }

  private async pull(): Promise<Uint8Array | undefined> {
    if (this.ended) return undefined;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      await this.keep(true);
      return undefined;
    }
    const chunk = next.value;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      throw limitExceeded('maxBytes', this.maxBytes, `the file is larger than ${this.maxBytes.toLocaleString('en-US')} bytes`);
    }
    this.hash.update(chunk);
    this.pending.push(Buffer.from(chunk));
    this.pendingBytes += chunk.length;
    await this.keep(false);
    return chunk;
  }

  /** The bytes for the parser. Stopping early does not close the upload: finish() reads on. */
  async *chunks(): ByteChunks {
    for (let chunk = await this.pull(); chunk !== undefined; chunk = await this.pull()) yield chunk;
  }

  async finish(): Promise<{ bytes: number; sha256: string }> {
    while (!this.ended) await this.pull();
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  async close(): Promise<void> {
    if (!this.ended) await this.source.return?.();
  }
}
