// Sampling properties: determinism, seeds, spread over domains, ground truth first, exclusions.
import { ValidationError } from '@fieldwork/contracts';
import { selectSample, stableHash, type SampleCandidate } from './sampling';

// 200 rows over 23 domains of uneven size (1 to 17 rows each), ids with gaps (as after excluded
// rows); every 3rd row has ground truth.
function candidates(): SampleCandidate[] {
  return Array.from({ length: 200 }, (_, k) => ({
    rowId: 1 + 2 * k,
    domain: `d${Math.floor(Math.sqrt(k * 2.6))}.example`,
    hasGroundTruth: (1 + 2 * k) % 3 === 0,
  }));
}

const all = candidates();
const domainOf = new Map(all.map((c) => [c.rowId, c.domain]));

describe('selectSample', () => {
  it('first_n takes the first rows in order', () => {
    expect(selectSample(all, { kind: 'first_n', size: 3 })).toEqual([1, 3, 5]);
    expect(selectSample(all, { kind: 'first_n', size: 1_000 })).toHaveLength(all.length);
  });

  it('random is the same for the same seed, different for another, and nested across sizes', () => {
    const a = selectSample(all, { kind: 'random', size: 20, seed: 'alpha' });
    expect(selectSample(all, { kind: 'random', size: 20, seed: 'alpha' })).toEqual(a);
    expect(selectSample([...all].reverse(), { kind: 'random', size: 20, seed: 'alpha' })).toEqual(a);
    expect(selectSample(all, { kind: 'random', size: 20, seed: 'beta' })).not.toEqual(a);
    expect(new Set(a).size).toBe(20);
    const smaller = selectSample(all, { kind: 'random', size: 5, seed: 'alpha' });
    expect(smaller.every((id) => a.includes(id))).toBe(true);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
  });

  it('random does not just take the first rows', () => {
    const sample = selectSample(all, { kind: 'random', size: 20, seed: 's' });
    expect(sample).not.toEqual(selectSample(all, { kind: 'first_n', size: 20 }));
    expect(Math.max(...sample)).toBeGreaterThan(all[40].rowId);
  });

  it('stratified spreads evenly over domains with at most k per domain', () => {
    const domains = new Set(all.map((c) => c.domain));
    for (const [size, perDomain] of [[10, 2], [40, 3], [500, 2], [domains.size, 5]] as const) {
      const sample = selectSample(all, { kind: 'stratified', size, perDomain, seed: 'x' });
      const counts = new Map<string, number>();
      for (const id of sample) counts.set(domainOf.get(id)!, (counts.get(domainOf.get(id)!) ?? 0) + 1);
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(perDomain);
      expect(sample.length).toBe(Math.min(size, [...domains].reduce((sum, d) => sum + Math.min(perDomain, all.filter((c) => c.domain === d).length), 0)));
      // As evenly as possible: a domain with fewer picks than another has no rows left.
      const min = Math.min(...counts.values());
      const max = Math.max(...counts.values());
      if (max - min > 1) {
        for (const [domain, count] of counts) {
          if (count < max - 1) expect(all.filter((c) => c.domain === domain).length).toBe(count);
        }
      }
      if (size <= domains.size) expect(counts.size).toBe(sample.length);
      expect(selectSample(all, { kind: 'stratified', size, perDomain, seed: 'x' })).toEqual(sample);
    }
  });

  it('stratified with a different seed picks other domains when it cannot take them all', () => {
    const a = selectSample(all, { kind: 'stratified', size: 5, perDomain: 1, seed: 'one' });
    const b = selectSample(all, { kind: 'stratified', size: 5, perDomain: 1, seed: 'two' });
    expect(a).not.toEqual(b);
  });

  it('ground_truth_first puts rows with ground truth first, then the others', () => {
    const withTruth = all.filter((c) => c.hasGroundTruth).map((c) => c.rowId);
    const sample = selectSample(all, { kind: 'ground_truth_first', size: withTruth.length + 3 });
    expect(sample.slice(0, withTruth.length)).toEqual(withTruth);
    expect(sample.slice(withTruth.length)).toEqual(all.filter((c) => !c.hasGroundTruth).slice(0, 3).map((c) => c.rowId));
  });

  it('all returns every candidate', () => {
    expect(selectSample(all, { kind: 'all' })).toEqual(all.map((c) => c.rowId));
  });

  it('row_ids keeps the given order, drops repeats, and refuses excluded or unknown rows', () => {
    expect(selectSample(all, { kind: 'row_ids', rowIds: [9, 1, 9, 3] })).toEqual([9, 1, 3]);
    expect(() => selectSample(all, { kind: 'row_ids', rowIds: [1, 2] })).toThrow(ValidationError);
    expect(() => selectSample(all, { kind: 'row_ids', rowIds: [2] })).toThrow(/row 2 does not exist or is excluded/);
  });

  it('never returns a row that is not a candidate', () => {
    const ids = new Set(all.map((c) => c.rowId));
    for (const strategy of [
      { kind: 'random', size: 50, seed: 'q' },
      { kind: 'stratified', size: 50, perDomain: 4, seed: 'q' },
      { kind: 'ground_truth_first', size: 50 },
    ] as const) {
      expect(selectSample(all, strategy).every((id) => ids.has(id))).toBe(true);
    }
  });

  it('hashes stably', () => {
    expect(stableHash('seed\u00001')).toBe(stableHash('seed\u00001'));
    expect(stableHash('a')).not.toBe(stableHash('b'));
  });
});
