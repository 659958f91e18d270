// The datasets service's own settings (limits, allowlist, uploads), read from the environment
// with the platform's naming (FIELDWORK_DATASET_*). Every limit is enforced while streaming.
import { z } from 'zod';
import { parseAllowedTargets, type AllowedTargets } from '@fieldwork/url-safety';

const MB = 1024 * 1024;

const schema = z.object({
  FIELDWORK_DATASET_MAX_BYTES: z.coerce.number().int().min(1).default(100 * MB),
  FIELDWORK_DATASET_MAX_ROWS: z.coerce.number().int().min(1).default(1_000_000),
  FIELDWORK_DATASET_MAX_COLUMNS: z.coerce.number().int().min(1).default(500),
  FIELDWORK_DATASET_MAX_CELL_CHARS: z.coerce.number().int().min(1).default(32_767),
  /** What an XLSX may unzip to in total (zip-bomb guard). */
  FIELDWORK_DATASET_MAX_EXPANDED_BYTES: z.coerce.number().int().min(1).default(1024 * MB),
  FIELDWORK_UPLOAD_TTL_SECONDS: z.coerce.number().int().min(60).default(3_600),
  FIELDWORK_ALLOWED_TARGETS: z.string().default(''),
});

export interface DatasetLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  maxExpandedBytes: number;
}

export interface DatasetsConfig {
  limits: DatasetLimits;
  uploadTtlSeconds: number;
  allowedTargets: AllowedTargets;
}

export const LIMIT_ENV: Record<keyof DatasetLimits, string> = {
  maxBytes: 'FIELDWORK_DATASET_MAX_BYTES',
  maxRows: 'FIELDWORK_DATASET_MAX_ROWS',
  maxColumns: 'FIELDWORK_DATASET_MAX_COLUMNS',
  maxCellChars: 'FIELDWORK_DATASET_MAX_CELL_CHARS',
  maxExpandedBytes: 'FIELDWORK_DATASET_MAX_EXPANDED_BYTES',
};

export function loadDatasetsConfig(env: NodeJS.ProcessEnv = process.env): DatasetsConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid datasets configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const v = parsed.data;
  return {
    limits: {
      maxBytes: v.FIELDWORK_DATASET_MAX_BYTES,
      maxRows: v.FIELDWORK_DATASET_MAX_ROWS,
      maxColumns: v.FIELDWORK_DATASET_MAX_COLUMNS,
      maxCellChars: v.FIELDWORK_DATASET_MAX_CELL_CHARS,
      maxExpandedBytes: v.FIELDWORK_DATASET_MAX_EXPANDED_BYTES,
    },
    uploadTtlSeconds: v.FIELDWORK_UPLOAD_TTL_SECONDS,
    allowedTargets: parseAllowedTargets(v.FIELDWORK_ALLOWED_TARGETS),
  };
}

export const DATASETS_CONFIG = Symbol('DATASETS_CONFIG');
