// JSON uploads: an array of objects (or of arrays, the first being the header), streamed with
// @streamparser/json; or NDJSON, one object per line. Objects become rows: the header is every
// key seen in the first rows, in order of first appearance; keys that only appear later are kept
// as extra fields and reported.
import { JSONParser } from '@streamparser/json';
import { limitExceeded, unreadable } from '../ingest-errors';
import type { RawRecord, ReaderLimits } from './raw-record';

interface JsonItem {
  value: unknown;
  line?: number;
}

/** Rows buffered to learn the header's keys. */
const HEADER_SAMPLE_ROWS = 1_000;
const HEADER_SAMPLE_CHARS = 8 * 1024 * 1024;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function recordSize(maxLimits: ReaderLimits): number {
  return Math.min(maxLimits.maxCellChars * maxLimits.maxColumns + maxLimits.maxColumns, 64 * 1024 * 1024);
}

async function* jsonArrayItems(text: AsyncIterable<string>, limits: ReaderLimits): AsyncGenerator<JsonItem[]> {
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false, stringBufferSize: 64 * 1024 });
  const ready: JsonItem[] = [];
  let sawArray = false;
  let sinceLastValue = 0;
  const maxRecord = recordSize(limits);
  parser.onValue = ({ value }) => {
    ready.push({ value });
    sinceLastValue = 0;
  };
  for await (const chunk of text) {
    if (!sawArray) {
      const first = chunk.trimStart()[0];
      if (first === undefined) continue;
      if (first !== '[') throw unreadable('json_not_array', 'a JSON upload must be an array of rows (objects or arrays)');
      sawArray = true;
    }
    sinceLastValue += chunk.length;
    try {
      parser.write(chunk);
    } catch (error) {
      throw unreadable('json_malformed', `the JSON cannot be read (${(error as Error).message}) after ${ready.length} rows`);
    }
    if (sinceLastValue > maxRecord) {
      throw limitExceeded('maxCellChars', limits.maxCellChars, `a JSON row runs past ${maxRecord.toLocaleString('en-US')} characters`);
    }
    if (ready.length > 0) yield ready.splice(0, ready.length);
  }
  if (!parser.isEnded) {
    try {
      parser.end();
    } catch (error) {
      throw unreadable('json_malformed', `the JSON ends too early (${(error as Error).message})`);
    }
  }
  if (ready.length > 0) yield ready.splice(0, ready.length);
}

async function* ndjsonItems(text: AsyncIterable<string>, limits: ReaderLimits): AsyncGenerator<JsonItem[]> {
  const maxRecord = recordSize(limits);
  let pending = '';
  let line = 0;
  const parseLine = (raw: string): JsonItem => {
    line += 1;
    const trimmed = raw.replace(/\r$/, '').trim();
    if (!trimmed) return { value: null, line };
    try {
      return { value: JSON.parse(trimmed) as unknown, line };
    } catch {
      throw unreadable('ndjson_malformed', 'this line is not valid JSON (NDJSON needs one JSON object per line)', { line });
    }
  };
  for await (const chunk of text) {
    pending += chunk;
    const items: JsonItem[] = [];
    let start = 0;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n', start)) {
      items.push(parseLine(pending.slice(start, newline)));
      start = newline + 1;
    }
    pending = pending.slice(start);
    if (items.length > 0) yield items;
    if (pending.length > maxRecord) {
      throw limitExceeded('maxCellChars', limits.maxCellChars, `a line runs past ${maxRecord.toLocaleString('en-US')} characters`, { line: line + 1 });
    }
  }
  if (pending.trim()) yield [parseLine(pending)];
}

/** Turns batches of JSON values into batches of records: header first, then one record per value. */
async function* itemsToRecords(batches: AsyncIterable<JsonItem[]>): AsyncGenerator<RawRecord[]> {
  const iterator = batches[Symbol.asyncIterator]();
  // Learn the header from the first rows (up to a bound), then stream.
  const buffered: JsonItem[] = [];
  let chars = 0;
  let exhausted = false;
  while (buffered.length < HEADER_SAMPLE_ROWS && chars < HEADER_SAMPLE_CHARS) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    for (const item of next.value) {
      buffered.push(item);
      chars += JSON.stringify(item.value ?? null).length;
    }
  }
  if (buffered.length === 0) return;
  if (Array.isArray(buffered[0].value)) {
    const asRecord = (item: JsonItem): RawRecord => {
      const { value } = item;
      return { cells: Array.isArray(value) ? value.map(cellText) : value === null ? [] : [cellText(value)], line: item.line };
    };
    yield buffered.map(asRecord);
    if (exhausted) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value.map(asRecord);
    return;
  }
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const item of buffered) {
    if (item.value === null || typeof item.value !== 'object' || Array.isArray(item.value)) continue;
    for (const key of Object.keys(item.value)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  if (keys.length === 0) throw unreadable('json_no_fields', 'the JSON rows have no fields: expected objects such as {"url": "..."}');
  const toRecord = (item: JsonItem): RawRecord => {
    const { value } = item;
    if (value === null) return { cells: [], line: item.line };
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { cells: [], line: item.line, extraFields: [`(not an object: ${cellText(value).slice(0, 40)})`] };
    }
    const object = value as Record<string, unknown>;
    const cells = keys.map((key) => cellText(object[key]));
    const extra = Object.keys(object).filter((key) => !seen.has(key));
    if (extra.length === 0) return { cells, line: item.line };
    return { cells: [...cells, ...extra.map((key) => cellText(object[key]))], line: item.line, extraFields: extra };
  };
  yield [{ cells: [...keys] }, ...buffered.map(toRecord)];
  if (exhausted) return;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value.map(toRecord);
}

export function readJsonArray(text: AsyncIterable<string>, limits: ReaderLimits): AsyncGenerator<RawRecord[]> {
  return itemsToRecords(jsonArrayItems(text, limits));
}

export function readNdjson(text: AsyncIterable<string>, limits: ReaderLimits): AsyncGenerator<RawRecord[]> {
  return itemsToRecords(ndjsonItems(text, limits));
}
