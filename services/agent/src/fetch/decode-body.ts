// Bytes to text the way browsers do it, in order of authority: a byte-order mark, the
// Content-Type charset, a <meta> charset declaration in the first bytes, then statistical
// detection (chardet) for undeclared legacy pages; UTF-8 when nothing says otherwise.
import { detect } from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedBody {
  text: string;
  charset: string;
  /** Where the charset came from. */
  source: 'bom' | 'header' | 'meta' | 'detected' | 'default';
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i;

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = /charset\s*=\s*"?([^";,\s]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

function bomCharset(bytes: Uint8Array): { charset: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return undefined;
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

function decodeWith(bytes: Uint8Array, charset: string): string | undefined {
  const label = charset === 'utf8' ? 'utf-8' : charset;
  if (label === 'utf-8') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return iconv.encodingExists(label) ? iconv.decode(Buffer.from(bytes), label) : undefined;
}

export function decodeBody(bytes: Uint8Array, contentType?: string): DecodedBody {
  const bom = bomCharset(bytes);
  if (bom) {
    const text = decodeWith(bytes.subarray(bom.skip), bom.charset);
    if (text !== undefined) return { text, charset: bom.charset, source: 'bom' };
  }
  const declared = charsetFromContentType(contentType);
  if (declared) {
    const text = decodeWith(bytes, declared);
    if (text !== undefined) return { text, charset: declared, source: 'header' };
  }
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const meta = META_CHARSET.exec(head)?.[1]?.toLowerCase();
  if (meta) {
    const text = decodeWith(bytes, meta);
    if (text !== undefined) return { text, charset: meta, source: 'meta' };
  }
  const sample = bytes.subarray(0, 65_536);
  if (!isAscii(sample)) {
    const detected = detect(sample)?.toLowerCase();
    if (detected) {
      const text = decodeWith(bytes, detected);
      if (text !== undefined) return { text, charset: detected, source: 'detected' };
    }
  }
  return { text: decodeWith(bytes, 'utf-8') as string, charset: 'utf-8', source: 'default' };
}
