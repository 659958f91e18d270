// datasets.ingest input: which upload (already in the object store), and either the campaign of
// a new dataset or the dataset that gets a new version.
import { z } from 'zod';
import { id } from '../shared/inputs';

export const ingestUploadInput = z
  .object({
    uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, 'must be the id the upload was stored under'),
    campaignId: id('a campaign id').optional(),
    datasetId: id('a dataset id').optional(),
    name: z.string().max(200).optional(),
    description: z.string().max(2_000).optional(),
    note: z.string().max(2_000).optional(),
    fileName: z.string().min(1).max(255),
    contentType: z.string().max(255).optional(),
    /** XLSX: the worksheet to read (default: the first). */
    sheet: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((input) => Boolean(input.campaignId) !== Boolean(input.datasetId), {
    message: 'give either campaignId (a new dataset) or datasetId (a new version), not both',
    path: ['campaignId'],
  });

export type IngestUploadInput = z.infer<typeof ingestUploadInput>;
