// datasets.schema.update input: the URL column, the ground-truth mapping (dataset column →
// campaign output column) and column types of one version. Omitted fields stay as they are.
import { z } from 'zod';
import { id, versionNumber } from '../shared/inputs';

export const updateSchemaInput = z
  .object({
    datasetId: id('a dataset id'),
    version: versionNumber,
    urlColumn: z.string().min(1).max(300).nullable().optional(),
    groundTruth: z
      .array(z.object({ column: z.string().min(1).max(300), outputColumn: z.string().min(1).max(200) }).strict())
      .max(500)
      .optional(),
    /** Take the ground-truth columns suggested at upload as the mapping. */
    acceptSuggestedGroundTruth: z.boolean().optional(),
    types: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((input) => !(input.groundTruth && input.acceptSuggestedGroundTruth), {
    message: 'give either groundTruth or acceptSuggestedGroundTruth, not both',
    path: ['acceptSuggestedGroundTruth'],
  });

export type UpdateSchemaInput = z.infer<typeof updateSchemaInput>;
