// Which rows of a version a run visits. Deterministic: the same candidates, strategy and seed
// always give the same row ids, so a test run can be repeated and compared. Pure.
import { ValidationError } from '@fieldwork/contracts';

/** A row a run may visit (invalid and duplicate rows are never candidates). */
export interface SampleCandidate {
  rowId: number;
  domain: string;
  hasGroundTruth: boolean;
}

export type SampleStrategy =
  | { kind: 'first_n'; size: number }
  | { kind: 'random'; size: number; seed: string }
  | { kind: 'stratified'; size: number; perDomain: number; seed: string }
  | { kind: 'ground_truth_first'; size: number }
  | { kind: 'all' }
  | { kind: 'row_ids'; rowIds: number[] };

export const SAMPLE_STRATEGIES = ['first_n', 'random', 'stratified', 'ground_truth_first', 'all', 'row_ids'] as const;

/** 32-bit FNV-1a, then a murmur3 finaliser: a stable, well-spread hash with no dependencies. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function seededOrder<T>(items: readonly T[], seed: string, key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, rank: stableHash(`${seed}\u0000${key(item)}`), key: key(item) }))
    .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ item }) => item);
}

const ascending = (ids: number[]): number[] => ids.sort((a, b) => a - b);

/**
 * Rows spread over distinct domains: round after round, one more row from each domain (domains
 * in a seeded order, rows within a domain in a seeded order), at most `perDomain` per domain.
 * Every domain's count differs from any other's by at most one until domains run out of rows.
 */
function stratified(candidates: readonly SampleCandidate[], size: number, perDomain: number, seed: string): number[] {
  const byDomain = new Map<string, SampleCandidate[]>();
  for (const candidate of candidates) {
    const list = byDomain.get(candidate.domain) ?? [];
    list.push(candidate);
    byDomain.set(candidate.domain, list);
  }
  const domains = seededOrder([...byDomain.keys()], seed, (domain) => domain).map((domain) =>
    seededOrder(byDomain.get(domain) ?? [], seed, (candidate) => String(candidate.rowId)),
  );
  const picked: number[] = [];
  for (let round = 0; round < perDomain && picked.length < size; round += 1) {
    for (const rows of domains) {
      if (picked.length >= size) break;
      if (round < rows.length) picked.push(rows[round].rowId);
    }
  }
  return ascending(picked);
}

/** Candidates must come in row order. Returns row ids (ascending, except where noted). */
export function selectSample(candidates: readonly SampleCandidate[], strategy: SampleStrategy): number[] {
  switch (strategy.kind) {
    case 'first_n':
      return candidates.slice(0, strategy.size).map((candidate) => candidate.rowId);
    case 'random':
      // The `size` rows with the smallest seeded hash: a bigger sample contains a smaller one.
      return ascending(seededOrder(candidates, strategy.seed, (c) => String(c.rowId)).slice(0, strategy.size).map((c) => c.rowId));
    case 'stratified':
      return stratified(candidates, strategy.size, strategy.perDomain, strategy.seed);
    case 'ground_truth_first': {
      // Rows with ground truth first (in row order), then the others: order matters here.
      const withTruth = candidates.filter((candidate) => candidate.hasGroundTruth);
      const without = candidates.filter((candidate) => !candidate.hasGroundTruth);
      return [...withTruth, ...without].slice(0, strategy.size).map((candidate) => candidate.rowId);
    }
    case 'all':
      return candidates.map((candidate) => candidate.rowId);
    case 'row_ids': {
      const known = new Set(candidates.map((candidate) => candidate.rowId));
      const unique = [...new Set(strategy.rowIds)];
      const refused = unique.filter((rowId) => !known.has(rowId));
      if (refused.length > 0) {
        throw new ValidationError(
          refused.slice(0, 20).map((rowId) => ({
            path: `rowIds/${strategy.rowIds.indexOf(rowId)}`,
            message: `row ${rowId} does not exist or is excluded from runs (invalid or duplicate)`,
          })),
        );
      }
      // Given order is kept: the caller chose these rows, maybe in a meaningful order.
      return unique;
    }
    default: {
      const never: never = strategy;
      throw new Error(`unknown strategy ${JSON.stringify(never)}`);
    }
  }
}
