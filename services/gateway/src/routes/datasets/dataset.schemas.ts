// The HTTP contract of datasets: path and query shapes, the schema PATCH body (the datasets
// service checks the domain rules), and the documented answers (the datasets service's replies,
// passed through unchanged; see docs/datasets.md).
import { z } from 'zod';
import { idParam } from '../../http/input';
import { schemaRef } from '../../http/openapi';
import { pageOf, pageQuery } from '../../http/pagination';
import { actorSchema } from '../../tenancy/tenancy.views';

export const COLUMN_TYPES = ['text', 'number', 'money', 'url', 'email', 'phone', 'date', 'boolean', 'enum'] as const;
export const ISSUE_CODES = [
  'empty_row',
  'missing_url',
  'invalid_url',
  'unsupported_scheme',
  'blocked_address',
  'duplicate_url',
  'duplicate_row',
  'ragged_row',
  'formula_cell',
  'allowlisted_address',
  'no_url_column',
  'duplicate_header',
  'empty_header',
  'blank_lines_skipped',
] as const;

export const campaignDatasetsParams = z.object({ campaignId: idParam('campaign') }).strict();
export const datasetParams = z.object({ datasetId: idParam('dataset') }).strict();
export const versionParams = z
  .object({
    datasetId: idParam('dataset'),
    version: z.coerce.number().int().min(1, 'versions start at 1').describe('Version number (1, 2, ...)'),
  })
  .strict();

export const listDatasetsQuery = z
  .object({
    ...pageQuery,
    includeArchived: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .describe('Also list archived datasets (default false)'),
  })
  .strict();

const offsetQuery = {
  offset: z.coerce.number().int().min(0).optional().describe('Rows to skip (default 0)'),
};

export const rowsQuery = z
  .object({ ...offsetQuery, limit: z.coerce.number().int().min(1).max(1_000).optional().describe('Rows per page, 1-1000 (default 100)') })
  .strict();

export const validationQuery = z
  .object({
    ...offsetQuery,
    limit: z.coerce.number().int().min(1).max(1_000).optional().describe('Issues per page, 1-1000 (default 100)'),
    code: z.enum(ISSUE_CODES).optional().describe('Only issues with this code'),
    severity: z.enum(['error', 'warning', 'info']).optional().describe('Only issues of this severity'),
  })
  .strict();

export const updateSchemaBody = z
  .object({
    urlColumn: z.string().min(1).max(300).nullable().optional().describe('The column holding each row’s address (null: none)'),
    groundTruth: z
      .array(
        z
          .object({
            column: z.string().min(1).max(300).describe('A column of the file'),
            outputColumn: z.string().min(1).max(200).describe('The campaign output column it holds known-correct answers for'),
          })
          .strict(),
      )
      .max(500)
      .optional()
      .describe('Replaces the whole ground-truth mapping ([] clears it)'),
    acceptSuggestedGroundTruth: z.boolean().optional().describe('Use the ground-truth columns suggested at upload as the mapping'),
    types: z.record(z.string(), z.enum(COLUMN_TYPES)).optional().describe('Column name → type'),
  })
  .strict();

export const archiveDatasetBody = z.object({ reason: z.string().max(500).optional() }).strict().optional();

/** The multipart fields an upload may carry besides `file`. */
export const uploadFields = z
  .object({
    name: z.string().min(1).max(200).optional().describe('Dataset name (default: the file name without extension)'),
    description: z.string().max(2_000).optional(),
    note: z.string().max(2_000).optional().describe('What this version is ("March refresh")'),
    sheet: z.string().min(1).max(100).optional().describe('XLSX: the worksheet to read (default: the first)'),
  })
  .strict();

const columnSchema = z.object({
  index: z.number().int(),
  name: z.string().describe('Unique column name (repaired when the file has duplicate or empty headers)'),
  originalName: z.string().optional().describe('The header as written in the file, when it had to be renamed'),
  type: z.enum(COLUMN_TYPES),
  detectedType: z.enum(COLUMN_TYPES),
  detectedConfidence: z.number(),
  role: z.enum(['url', 'ground_truth', 'data']),
  groundTruthFor: z.string().nullable().describe('Campaign output column whose known answers this column holds'),
});

const suggestionSchema = z.object({ column: z.string(), outputColumn: z.string(), score: z.number(), reason: z.string() });

const statsSchema = z.object({
  totalRows: z.number().int(),
  validRows: z.number().int().describe('Rows a run may visit'),
  invalidRows: z.number().int(),
  invalidByReason: z.record(z.string(), z.number().int()).describe('empty_row, missing_url, invalid_url, unsupported_scheme, blocked_address'),
  duplicateRows: z.number().int().describe('Rows skipped because an earlier row has the same URL or the same cells'),
  duplicateUrls: z.number().int(),
  exactDuplicateRows: z.number().int(),
  distinctDomains: z.number().int(),
  raggedRows: z.number().int(),
  formulaCells: z.number().int(),
  allowlistedRows: z.number().int(),
  groundTruth: z.array(z.object({ column: z.string(), outputColumn: z.string(), filledRows: z.number().int(), percent: z.number() })),
  rowsWithGroundTruth: z.number().int(),
  columnCount: z.number().int(),
});

const issueSchema = z.object({
  row: z.number().int().nullable().describe('Data row (1 = first row under the header); null for the file as a whole'),
  column: z.string().nullable(),
  code: z.enum(ISSUE_CODES),
  severity: z.enum(['error', 'warning', 'info']).describe('error: the row is skipped by runs; warning/info: kept'),
  message: z.string(),
});

const fileSchema = z.object({
  fileName: z.string(),
  contentType: z.string(),
  format: z.enum(['csv', 'tsv', 'xlsx', 'json', 'ndjson']),
  encoding: z.string(),
  delimiter: z.string(),
  sheet: z.string(),
  byteSize: z.number().int(),
  sha256: z.string().describe('Hex SHA-256 of the uploaded bytes'),
  hadBom: z.boolean(),
});

export const datasetSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['active', 'archived']),
  latestVersion: z.number().int(),
  createdAt: z.string(),
  createdBy: actorSchema,
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      createdAt: z.string(),
      fileName: z.string(),
      format: z.string(),
      totalRows: z.number().int(),
      validRows: z.number().int(),
      schemaRevision: z.number().int(),
    }),
  ),
});

export const versionSchema = z.object({
  datasetId: z.string(),
  campaignId: z.string(),
  version: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
  createdBy: actorSchema,
  file: fileSchema,
  schema: z.object({ revision: z.number().int(), urlColumn: z.string().nullable(), columns: z.array(columnSchema) }),
  stats: statsSchema,
  groundTruth: z
    .object({
      configured: z.boolean(),
      explanation: z.string(),
      columns: z.array(z.object({ column: z.string(), outputColumn: z.string(), filledRows: z.number().int(), percent: z.number() })),
      suggestions: z.array(suggestionSchema),
      nextStep: z.string().describe('The one thing to do next, with the exact request'),
    })
    .describe('Ground truth: known-correct answers that let every run report its accuracy'),
  validation: z.object({
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
    fileIssues: z.array(issueSchema),
    summary: z.string(),
  }),
});

const rowSchema = z.object({
  rowId: z.number().int(),
  cells: z.record(z.string(), z.string()),
  extraCells: z.array(z.string()).optional(),
  url: z.string().nullable().describe('The normalised URL'),
  domain: z.string().nullable(),
  status: z.enum(['valid', 'invalid', 'duplicate']),
  reason: z.string().nullable(),
});

const offsetPage = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    offset: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    nextOffset: z.number().int().nullable().describe('Offset of the next page; null on the last page'),
  });

export const DATASET_REF = schemaRef('Dataset', datasetSchema);
export const DATASET_PAGE_REF = schemaRef('DatasetPage', pageOf(datasetSchema));
export const DATASET_VERSION_REF = schemaRef('DatasetVersion', versionSchema);
export const DATASET_UPLOAD_REF = schemaRef('DatasetUpload', z.object({ dataset: datasetSchema, version: versionSchema }));
export const DATASET_ROWS_REF = schemaRef('DatasetRowPage', offsetPage(rowSchema));
export const DATASET_ISSUES_REF = schemaRef('DatasetIssuePage', offsetPage(issueSchema));
