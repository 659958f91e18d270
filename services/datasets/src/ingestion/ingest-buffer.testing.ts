// Test helper: runs the streaming ingestion over an in-memory file and collects what a sink
// would store — readers, detection and row checks without a database.
import { NO_ALLOWED_TARGETS, type AllowedTargets } from '@fieldwork/url-safety';
import type { DatasetLimits } from '../config/datasets-config';
import type { OutputColumnInfo } from '../detection/detect-schema';
import type { IssueDraft } from '../validation/issues';
import type { PreparedRow } from '../validation/row-checks';
import type { ByteChunks } from './byte-streams';
import { NotUtf8Error } from './ingest-errors';
import { ingestRecords, type IngestedRows } from './ingest-records';
import { openTable, type TableInfo } from './open-table';

export const TEST_LIMITS: DatasetLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 500,
  maxCellChars: 32_767,
  maxExpandedBytes: 20 * 1024 * 1024,
};

export async function* chunksOf(buffer: Buffer, size = 16 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < buffer.length; offset += size) yield buffer.subarray(offset, offset + size);
}

export interface BufferIngestion extends IngestedRows {
  table: TableInfo;
  rows: PreparedRow[];
  issues: IssueDraft[];
}

export async function ingestBuffer(
  buffer: Buffer,
  options: { fileName?: string; sheet?: string; limits?: Partial<DatasetLimits>; allowed?: AllowedTargets; outputColumns?: OutputColumnInfo[] } = {},
): Promise<BufferIngestion> {
  const limits = { ...TEST_LIMITS, ...options.limits };
  const attempt = async (forcedEncoding?: string): Promise<BufferIngestion> => {
    const open = (): ByteChunks => chunksOf(buffer);
    const table = await openTable(open(), { fileName: options.fileName ?? 'upload.csv', sheet: options.sheet, limits, forcedEncoding, reopen: open });
    const rows: PreparedRow[] = [];
    const issues: IssueDraft[] = [];
    const result = await ingestRecords(
      table.records,
      { limits, allowed: options.allowed ?? NO_ALLOWED_TARGETS, outputColumns: options.outputColumns ?? [] },
      {
        writeRows: async (batch, found) => {
          rows.push(...batch);
          issues.push(...found);
        },
      },
    );
    return { ...result, table: table.info, rows, issues };
  };
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof NotUtf8Error) return attempt('windows-1252');
    throw error;
  }
}
