// The facts recorded about a dataset version (its file, schema, statistics, suggestions) as
// plain objects, and their mapping to and from the protobuf event messages. Pure.
import { create, datasetEvents } from '@fieldwork/contracts';
import { isDatasetColumnType, type ColumnSpec, type GroundTruthSuggestionSpec, type SchemaSpec } from './dataset-schema';

export type InvalidReason = 'empty_row' | 'missing_url' | 'invalid_url' | 'unsupported_scheme' | 'blocked_address';
export const INVALID_REASONS: readonly InvalidReason[] = ['empty_row', 'missing_url', 'invalid_url', 'unsupported_scheme', 'blocked_address'];

export interface GroundTruthCoverageSpec {
  column: string;
  outputColumn: string;
  filledRows: number;
  percent: number;
}

export interface VersionStats {
  totalRows: number;
  validRows: number;
  invalidRows: number;
  invalidByReason: Partial<Record<InvalidReason, number>>;
  duplicateRows: number;
  duplicateUrls: number;
  exactDuplicateRows: number;
  distinctDomains: number;
  raggedRows: number;
  formulaCells: number;
  allowlistedRows: number;
  groundTruth: GroundTruthCoverageSpec[];
  rowsWithGroundTruth: number;
  columnCount: number;
}

export type FileFormat = 'csv' | 'tsv' | 'xlsx' | 'json' | 'ndjson';

export interface SourceFileSpec {
  fileName: string;
  contentType: string;
  format: FileFormat;
  encoding: string;
  delimiter: string;
  sheet: string;
  byteSize: number;
  sha256: string;
  hadBom: boolean;
}

export function schemaToProto(schema: SchemaSpec): datasetEvents.DatasetSchema {
  return create(datasetEvents.DatasetSchemaSchema, {
    urlColumn: schema.urlColumn ?? '',
    revision: schema.revision,
    columns: schema.columns.map((column) =>
      create(datasetEvents.DatasetColumnSchema, {
        index: column.index,
        name: column.name,
        originalName: column.originalName ?? '',
        type: column.type,
        detectedType: column.detectedType,
        detectedConfidence: column.detectedConfidence,
        groundTruthFor: column.groundTruthFor ?? '',
      }),
    ),
  });
}

export function schemaFromProto(message: datasetEvents.DatasetSchema | undefined): SchemaSpec {
  return {
    urlColumn: message?.urlColumn || null,
    revision: message?.revision ?? 1,
    columns: (message?.columns ?? []).map((column): ColumnSpec => {
      const spec: ColumnSpec = {
        index: column.index,
        name: column.name,
        type: isDatasetColumnType(column.type) ? column.type : 'text',
        detectedType: isDatasetColumnType(column.detectedType) ? column.detectedType : 'text',
        detectedConfidence: column.detectedConfidence,
      };
      if (column.originalName) spec.originalName = column.originalName;
      if (column.groundTruthFor) spec.groundTruthFor = column.groundTruthFor;
      return spec;
    }),
  };
}

export function statsToProto(stats: VersionStats): datasetEvents.DatasetStats {
  return create(datasetEvents.DatasetStatsSchema, {
    ...stats,
    invalidByReason: Object.fromEntries(Object.entries(stats.invalidByReason).filter(([, count]) => (count ?? 0) > 0)),
    groundTruth: stats.groundTruth.map((coverage) => create(datasetEvents.GroundTruthCoverageSchema, coverage)),
  });
}

export function statsFromProto(message: datasetEvents.DatasetStats | undefined): VersionStats {
  const invalidByReason: Partial<Record<InvalidReason, number>> = {};
  for (const reason of INVALID_REASONS) {
    const count = message?.invalidByReason[reason];
    if (count) invalidByReason[reason] = count;
  }
  return {
    totalRows: message?.totalRows ?? 0,
    validRows: message?.validRows ?? 0,
    invalidRows: message?.invalidRows ?? 0,
    invalidByReason,
    duplicateRows: message?.duplicateRows ?? 0,
    duplicateUrls: message?.duplicateUrls ?? 0,
    exactDuplicateRows: message?.exactDuplicateRows ?? 0,
    distinctDomains: message?.distinctDomains ?? 0,
    raggedRows: message?.raggedRows ?? 0,
    formulaCells: message?.formulaCells ?? 0,
    allowlistedRows: message?.allowlistedRows ?? 0,
    groundTruth: (message?.groundTruth ?? []).map(({ column, outputColumn, filledRows, percent }) => ({ column, outputColumn, filledRows, percent })),
    rowsWithGroundTruth: message?.rowsWithGroundTruth ?? 0,
    columnCount: message?.columnCount ?? 0,
  };
}

export function fileToProto(file: SourceFileSpec): datasetEvents.SourceFile {
  return create(datasetEvents.SourceFileSchema, { ...file, byteSize: BigInt(file.byteSize) });
}

export function fileFromProto(message: datasetEvents.SourceFile | undefined): SourceFileSpec {
  return {
    fileName: message?.fileName ?? '',
    contentType: message?.contentType ?? '',
    format: (message?.format ?? 'csv') as FileFormat,
    encoding: message?.encoding ?? '',
    delimiter: message?.delimiter ?? '',
    sheet: message?.sheet ?? '',
    byteSize: Number(message?.byteSize ?? 0n),
    sha256: message?.sha256 ?? '',
    hadBom: message?.hadBom ?? false,
  };
}

export function suggestionsToProto(suggestions: GroundTruthSuggestionSpec[]): datasetEvents.GroundTruthSuggestion[] {
  return suggestions.map((suggestion) => create(datasetEvents.GroundTruthSuggestionSchema, suggestion));
}

export function suggestionsFromProto(messages: datasetEvents.GroundTruthSuggestion[]): GroundTruthSuggestionSpec[] {
  return messages.map(({ column, outputColumn, score, reason }) => ({ column, outputColumn, score, reason }));
}
