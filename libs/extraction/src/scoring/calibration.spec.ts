import { expectedCalibrationError, fitLogistic, predict, reliabilityTable, sigmoid } from './calibration';

describe('calibration measures', () => {
  it('is zero for perfectly calibrated predictions and |acc − conf| for one bin', () => {
    const threeInFour = [true, true, true, false].map((correct) => ({ confidence: 0.75, correct }));
    expect(expectedCalibrationError(threeInFour)).toBeCloseTo(0);
    expect(expectedCalibrationError([{ confidence: 1, correct: true }, { confidence: 0, correct: false }])).toBe(0);
    expect(expectedCalibrationError([{ confidence: 0.9, correct: true }, { confidence: 0.9, correct: false }])).toBeCloseTo(0.4);
  });

  it('weights bins by their share of predictions', () => {
    const predictions = [
      ...Array(8).fill({ confidence: 0.95, correct: true }),
      { confidence: 0.15, correct: true },
      { confidence: 0.15, correct: false },
    ];
    // bin 9: 8 × |1 − 0.95|; bin 1: 2 × |0.5 − 0.15|
    expect(expectedCalibrationError(predictions)).toBeCloseTo((8 * 0.05 + 2 * 0.35) / 10);
  });

  it('reports every bin, clamps out-of-range confidences and rejects bad bin counts', () => {
    const table = reliabilityTable([{ confidence: 1.2, correct: true }, { confidence: -1, correct: false }], 5);
    expect(table).toHaveLength(5);
    expect(table[4]).toMatchObject({ count: 1, meanConfidence: 1, accuracy: 1 });
    expect(table[0]).toMatchObject({ count: 1, meanConfidence: 0, accuracy: 0 });
    expect(() => reliabilityTable([], 0)).toThrow(RangeError);
    expect(expectedCalibrationError([])).toBe(0);
  });
});

describe('fitLogistic', () => {
  it('recovers a separating direction deterministically', () => {
    const samples = [...Array(200)].map((_, i) => {
      const x = (i - 100) / 25;
      return { features: [x], correct: x + Math.sin(i) * 0.3 > 0 };
    });
    const a = fitLogistic(samples);
    const b = fitLogistic(samples);
    expect(a).toEqual(b);
    expect(a.weights[0]).toBeGreaterThan(1);
    expect(predict(a, [3])).toBeGreaterThan(0.9);
    expect(predict(a, [-3])).toBeLessThan(0.1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });
});
