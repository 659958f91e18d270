// Small async-iterable helpers over the upload's bytes: look at the head without losing it,
// and decode to text chunk by chunk in the detected encoding.
import iconv from 'iconv-lite';
import { NotUtf8Error } from './ingest-errors';

export type ByteChunks = AsyncIterable<Uint8Array>;

/** Reads at least `bytes` (or everything, if shorter) and gives them back with the rest of the stream. */
export async function peek(source: ByteChunks, bytes: number): Promise<{ head: Buffer; rest: ByteChunks }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    taken.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(taken);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, rest: rest() };
}

/** Decodes bytes to text. UTF-8 is decoded strictly: invalid bytes raise NotUtf8Error. */
export async function* decodeText(source: ByteChunks, encoding: string, skipBytes: number): AsyncGenerator<string> {
  let toSkip = skipBytes;
  const strip = (chunk: Uint8Array): Uint8Array => {
    if (toSkip === 0) return chunk;
    const cut = Math.min(toSkip, chunk.length);
    toSkip -= cut;
    return chunk.subarray(cut);
  };
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const decode = (chunk?: Uint8Array): string => {
      try {
        return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      } catch {
        throw new NotUtf8Error();
      }
    };
    for await (const chunk of source) {
      const text = decode(strip(chunk));
      if (text) yield text;
    }
    const tail = decode();
    if (tail) yield tail;
    return;
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  for await (const chunk of source) {
    const text = decoder.write(Buffer.from(strip(chunk)));
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}
