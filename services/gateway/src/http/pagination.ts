// List conventions: `limit` (1-100, default 20) and an opaque `cursor` (the previous page's
// `nextCursor`), answered as `{items, nextCursor}` in a stable order. The owning service
// encodes and checks cursors; the gateway only checks their shape.
import { z } from 'zod';
import { BadRequestError } from '@fieldwork/contracts';

export const PAGE_LIMIT = { default: 20, max: 100 } as const;

export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_LIMIT.max)
    .optional()
    .describe(`Items per page, 1-${PAGE_LIMIT.max} (default ${PAGE_LIMIT.default})`),
  cursor: z.string().min(1).max(500).optional().describe('The nextCursor of the previous page'),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
  });
}

/** Opaque cursors for the gateway's own lists (base64url JSON of the last item's sort key). */
export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, field: string, valid: (value: string) => boolean): string | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>)[field];
  } catch {
    value = undefined;
  }
  if (typeof value === 'string' && valid(value)) return value;
  throw new BadRequestError('cursor is not valid: pass the nextCursor of the previous page unchanged', [
    { path: 'cursor', message: 'not a cursor from this list; pass nextCursor from the previous page unchanged' },
  ]);
}
