// From an upload's bytes to a stream of records, whatever the format: sniffs the head, picks
// the encoding and the reader (CSV/TSV, XLSX, JSON array, NDJSON), and reports what it chose.
import iconv from 'iconv-lite';
import type { FileFormat } from '../domain/version-facts';
import { decodeText, peek, type ByteChunks } from './byte-streams';
import { unreadable } from './ingest-errors';
import { readDelimited, sniffDelimiter, sniffNewline } from './readers/delimited-reader';
import { readJsonArray, readNdjson } from './readers/json-reader';
import type { RawRecord, ReaderLimits } from './readers/raw-record';
import { readXlsx, surveyZip } from './readers/xlsx-reader';
import { SNIFF_BYTES, sniff } from './sniff';

export interface TableInfo {
  format: FileFormat;
  encoding: string;
  delimiter: string;
  sheet: string;
  hadBom: boolean;
}

export interface OpenedTable {
  info: TableInfo;
  /** Batches of records; the first record is the header. */
  records: AsyncIterable<RawRecord[]>;
}

export interface OpenTableOptions {
  fileName: string;
  sheet?: string;
  limits: ReaderLimits;
  /** Set on the second attempt, after UTF-8 turned out wrong mid-file. */
  forcedEncoding?: string;
  /** Opens the upload again from the start (the XLSX guard reads it once before parsing). */
  reopen: () => ByteChunks;
}

function decodeSample(head: Buffer, encoding: string, skip: number): string {
  const body = head.subarray(skip);
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(body) : iconv.decode(body, encoding);
}

export async function openTable(bytes: ByteChunks, options: OpenTableOptions): Promise<OpenedTable> {
  const { head, rest } = await peek(bytes, SNIFF_BYTES);
  const sniffed = sniff(head, options.forcedEncoding);
  if (sniffed.kind === 'xlsx') {
    await surveyZip(options.reopen(), options.limits);
    const info: TableInfo = { format: 'xlsx', encoding: '', delimiter: '', sheet: '', hadBom: false };
    const records = readXlsx(rest, options.sheet, options.limits, (name) => {
      info.sheet = name;
    });
    return { info, records };
  }
  const sample = decodeSample(head, sniffed.encoding, sniffed.bomLength);
  const text = decodeText(rest, sniffed.encoding, sniffed.bomLength);
  const first = sample.replace(/^\uFEFF/, '').trimStart()[0];
  const base = { encoding: sniffed.encoding, sheet: '', hadBom: sniffed.hadBom, delimiter: '' };
  if (first === undefined) throw unreadable('empty_file', 'The file holds only blank space, no rows.');
  if (first === '[') return { info: { ...base, format: 'json' }, records: readJsonArray(text, options.limits) };
  if (first === '{') return { info: { ...base, format: 'ndjson' }, records: readNdjson(text, options.limits) };
  const delimiter = sniffDelimiter(sample);
  const format: FileFormat = delimiter === '\t' || (/\.tsv$/i.test(options.fileName) && sample.includes('\t')) ? 'tsv' : 'csv';
  const used = format === 'tsv' ? '\t' : delimiter;
  return { info: { ...base, format, delimiter: used }, records: readDelimited(text, used, options.limits, sniffNewline(sample)) };
}
