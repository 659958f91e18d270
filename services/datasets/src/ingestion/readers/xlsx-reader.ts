// XLSX through exceljs's streaming reader (first worksheet, or a named one). A ZIP can unpack to
// far more than it weighs, and exceljs caches shared strings in memory and parks worksheets it
// meets early in temporary files, so a guard pass first unpacks every entry (counting, keeping
// nothing) and refuses the file once it would expand past the limit: a zip bomb never reaches
// the spreadsheet reader.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { FieldworkError } from '@fieldwork/contracts';
import { limitExceeded, unreadable } from '../ingest-errors';
import type { RawRecord, ReaderLimits } from './raw-record';

const MAX_ENTRIES = 10_000;

export interface ZipSurvey {
  entries: number;
  expandedBytes: number;
  worksheets: number;
}

/** Unpacks and discards every entry, stopping as soon as the total passes the limit. */
export async function surveyZip(bytes: AsyncIterable<Uint8Array>, limits: ReaderLimits): Promise<ZipSurvey> {
  const input = Readable.from(bytes, { objectMode: false });
  const zip = input.pipe(unzipper.Parse({ forceStream: true }));
  input.on('error', (error) => zip.destroy(error));
  const survey: ZipSurvey = { entries: 0, expandedBytes: 0, worksheets: 0 };
  let workbook = false;
  try {
    for await (const entry of zip as AsyncIterable<unzipper.Entry>) {
      survey.entries += 1;
      if (survey.entries > MAX_ENTRIES) throw unreadable('zip_too_many_entries', `the XLSX archive holds more than ${MAX_ENTRIES.toLocaleString('en-US')} files; it is not a normal workbook`);
      if (entry.path === 'xl/workbook.xml') workbook = true;
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.path)) survey.worksheets += 1;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        survey.expandedBytes += chunk.length;
        if (survey.expandedBytes > limits.maxExpandedBytes) {
          entry.destroy();
          throw limitExceeded(
            'maxExpandedBytes',
            limits.maxExpandedBytes,
            `the XLSX file unpacks to more than ${limits.maxExpandedBytes.toLocaleString('en-US')} bytes (a zip bomb, or far too big a workbook)`,
          );
        }
      }
    }
  } catch (error) {
    if (error instanceof FieldworkError) throw error;
    throw unreadable('zip_corrupt', `the file starts like an XLSX (ZIP) but cannot be unpacked (${(error as Error).message})`);
  } finally {
    input.destroy();
  }
  if (!workbook || survey.worksheets === 0) {
    throw unreadable('not_a_workbook', 'the file is a ZIP archive but not an XLSX workbook (no worksheet inside)');
  }
  return survey;
}

function isoDate(value: Date): string {
  if (Number.isNaN(value.getTime())) return '';
  const iso = value.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** An exceljs cell value as the text a user would see (results of formulas, hyperlink targets). */
export function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    const cell = value as {
      richText?: { text?: string }[];
      text?: unknown;
      hyperlink?: string;
      result?: unknown;
      formula?: string;
      sharedFormula?: string;
      error?: string;
    };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text ?? '').join('');
    if (typeof cell.hyperlink === 'string') {
      const text = xlsxCellText(cell.text);
      // A link labelled "Visit site" is only useful by its target.
      return /^https?:\/\//i.test(cell.hyperlink) && !/^(https?:\/\/|www\.)/i.test(text.trim()) ? cell.hyperlink : text || cell.hyperlink;
    }
    if ('formula' in cell || 'sharedFormula' in cell) return xlsxCellText(cell.result);
    if (typeof cell.error === 'string') return cell.error;
    if ('text' in cell) return xlsxCellText(cell.text);
  }
  return String(value);
}

/**
 * Rows of one worksheet; the first non-empty row is the header. Rows missing between data rows
 * (empty in the sheet) come out as empty records so they are reported, not silently skipped.
 */
export async function* readXlsx(
  bytes: AsyncIterable<Uint8Array>,
  sheetName: string | undefined,
  limits: ReaderLimits,
  onSheet: (name: string) => void,
): AsyncGenerator<RawRecord[]> {
  const input = Readable.from(bytes, { objectMode: false });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  const seen: string[] = [];
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      if (sheetName !== undefined && name.toLowerCase() !== sheetName.toLowerCase()) {
        // Read a skipped sheet to its end: exceljs may be streaming it from a temp file that it
        // deletes as soon as we move on, and an unread stream then fails opening it (ENOENT).
        for await (const _row of worksheet) {
          // discard
        }
        continue;
      }
      onSheet(name);
      let lastRow = 0;
      let batch: RawRecord[] = [];
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        if (values.length - 1 > limits.maxColumns) {
          throw limitExceeded('maxColumns', limits.maxColumns, `the row has ${(values.length - 1).toLocaleString('en-US')} columns`, lastRow === 0 ? {} : { line: row.number });
        }
        if (lastRow > 0) {
          for (let gap = lastRow + 1; gap < row.number; gap += 1) {
            batch.push({ cells: [], line: gap });
            // A sheet may jump a million rows: hand them on in batches (the row limit stops it).
            if (batch.length >= 500) {
              yield batch;
              batch = [];
            }
          }
        }
        lastRow = row.number;
        const cells: string[] = [];
        for (let index = 1; index < values.length; index += 1) cells.push(xlsxCellText(values[index]));
        batch.push({ cells, line: row.number });
        if (batch.length >= 500) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return;
    }
  } catch (error) {
    if (error instanceof FieldworkError) throw error;
    throw unreadable('xlsx_unreadable', `the XLSX workbook cannot be read (${(error as Error).message})`);
  } finally {
    input.destroy();
  }
  // Only reached when no worksheet was read.
  throw unreadable(
    'sheet_not_found',
    sheetName === undefined ? 'the workbook has no worksheet' : `the workbook has no sheet "${sheetName}" (sheets: ${seen.join(', ') || 'none'})`,
  );
}
