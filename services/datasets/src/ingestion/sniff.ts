// What kind of file an upload is, judged from its first bytes rather than its name: XLSX (a ZIP
// with a workbook), JSON array, NDJSON, or delimited text — and for text, which encoding. Binary
// files (images, PDFs, old .xls, archives) are refused here, before any row is read.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { unreadable } from './ingest-errors';

export type SniffedKind = 'xlsx' | 'text';

export interface SniffedText {
  kind: 'text';
  encoding: string;
  hadBom: boolean;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

export type Sniffed = { kind: 'xlsx' } | SniffedText;

/** How much of the file is looked at to decide. */
export const SNIFF_BYTES = 64 * 1024;

const MAGIC: [string, number[], string][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  ['png', [0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  ['jpeg', [0xff, 0xd8, 0xff], 'a JPEG image'],
  ['gif', [0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  ['gzip', [0x1f, 0x8b], 'a gzip archive (unpack it first)'],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
  ['rar', [0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
  ['ole', [0xd0, 0xcf, 0x11, 0xe0], 'an old binary Office file (.xls/.doc): save it as .xlsx or CSV'],
  ['elf', [0x7f, 0x45, 0x4c, 0x46], 'a program (ELF binary)'],
];

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.every((byte, index) => head[index] === byte);
}

function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const length = Math.min(head.length, 4096) & ~1;
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < length; index += 2) {
    if (head[index] === 0) evenZeros += 1;
    if (head[index + 1] === 0) oddZeros += 1;
  }
  const pairs = length / 2;
  if (oddZeros / pairs > 0.3 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > 0.3 && oddZeros / pairs < 0.05) return 'utf-16be';
  return undefined;
}

function isValidUtf8Prefix(head: Uint8Array): boolean {
  try {
    // `stream: true` tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function looksBinary(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control += 1;
  }
  return control / head.length > 0.01;
}

/** Maps what chardet says to an encoding iconv-lite decodes; Latin-1 is read as its superset 1252. */
function guessLegacyEncoding(head: Uint8Array): string {
  const guess = chardet.detect(head);
  if (!guess || /^(utf-8|ascii|iso-8859-1|windows-1252)$/i.test(guess)) return 'windows-1252';
  if (/^utf-(16|32)/i.test(guess)) return 'windows-1252';
  return iconv.encodingExists(guess) ? guess.toLowerCase() : 'windows-1252';
}

export function sniff(head: Uint8Array, forcedEncoding?: string): Sniffed {
  if (head.length === 0) throw unreadable('empty_file', 'The file is empty.');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'xlsx' };
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) throw unreadable('empty_archive', 'The file is an empty ZIP archive, not a spreadsheet.');
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { kind: 'text', encoding: forcedEncoding ?? 'utf-8', hadBom: true, bomLength: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { kind: 'text', encoding: 'utf-16le', hadBom: true, bomLength: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { kind: 'text', encoding: 'utf-16be', hadBom: true, bomLength: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { kind: 'text', encoding: utf16, hadBom: false, bomLength: 0 };
  for (const [, bytes, description] of MAGIC) {
    if (startsWith(head, bytes)) throw unreadable('binary_file', `The file is ${description}, not CSV, TSV, XLSX or JSON.`);
  }
  if (looksBinary(head)) {
    throw unreadable('binary_file', 'The file looks binary (it contains control bytes), not CSV, TSV, XLSX or JSON text.');
  }
  if (forcedEncoding) return { kind: 'text', encoding: forcedEncoding, hadBom: false, bomLength: 0 };
  const encoding = isValidUtf8Prefix(head) ? 'utf-8' : guessLegacyEncoding(head);
  return { kind: 'text', encoding, hadBom: false, bomLength: 0 };
}
