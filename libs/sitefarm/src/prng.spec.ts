import { hash32, Rng } from './prng';

describe('Rng', () => {
  it('repeats the same sequence for the same key and differs for another key', () => {
    const draw = (key: string) => {
      const rng = new Rng(key);
      return Array.from({ length: 8 }, () => rng.next());
    };
    expect(draw('42:site:7')).toEqual(draw('42:site:7'));
    expect(draw('42:site:7')).not.toEqual(draw('42:site:8'));
  });

  it('stays within bounds and covers them', () => {
    const rng = new Rng('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('shuffles without losing items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(new Rng('s').shuffle(items).sort((a, b) => a - b)).toEqual(items);
    expect(hash32('a')).not.toBe(hash32('b'));
  });
});
