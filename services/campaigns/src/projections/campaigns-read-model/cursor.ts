// Opaque page cursors: base64url JSON of the last item's sort key. Clients pass them back
// unchanged; anything else is a 400 that says so.
import { BadRequestError } from '@fieldwork/contracts';

export const PAGE_LIMIT = { default: 20, max: 100 } as const;

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

type KeyType = 'uuid' | 'integer';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor<K extends string>(
  cursor: string | undefined,
  keys: Record<K, KeyType>,
): Record<K, string | number> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const invalid = () =>
    new BadRequestError('cursor is not valid: pass the nextCursor of the previous page unchanged', [
      { path: 'cursor', message: 'not a cursor from this list; pass nextCursor from the previous page unchanged' },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid();
  const record = parsed as Record<string, unknown>;
  for (const [key, type] of Object.entries(keys) as [K, KeyType][]) {
    const value = record[key];
    const ok = type === 'uuid' ? typeof value === 'string' && UUID.test(value) : Number.isSafeInteger(value);
    if (!ok) throw invalid();
  }
  return record as Record<K, string | number>;
}
