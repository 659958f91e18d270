// Calibration: confidence must mean probability of being right. This module measures it
// (reliability table, expected calibration error) and fits the logistic mapping from a field's
// features to a probability on labelled outcomes (the site farm's truth files).

export interface Prediction {
  confidence: number;
  correct: boolean;
}

export interface ReliabilityBin {
  /** Bin range [lower, upper). The last bin includes 1. */
  lower: number;
  upper: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Predictions grouped into equal-width confidence bins. Empty bins are reported with count 0. */
export function reliabilityTable(predictions: readonly Prediction[], bins = 10): ReliabilityBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const table = Array.from({ length: bins }, (_, i) => ({ lower: i / bins, upper: (i + 1) / bins, count: 0, sumConfidence: 0, correct: 0 }));
  for (const { confidence, correct } of predictions) {
    if (!Number.isFinite(confidence)) continue;
    const clamped = Math.min(1, Math.max(0, confidence));
    const bin = table[Math.min(bins - 1, Math.floor(clamped * bins))];
    bin.count += 1;
    bin.sumConfidence += clamped;
    if (correct) bin.correct += 1;
  }
  return table.map(({ lower, upper, count, sumConfidence, correct }) => ({
    lower,
    upper,
    count,
    meanConfidence: count ? sumConfidence / count : 0,
    accuracy: count ? correct / count : 0,
  }));
}

/** Expected calibration error: the count-weighted mean |accuracy − confidence| over bins. */
export function expectedCalibrationError(predictions: readonly Prediction[], bins = 10): number {
  const table = reliabilityTable(predictions, bins);
  const total = table.reduce((sum, bin) => sum + bin.count, 0);
  if (total === 0) return 0;
  return table.reduce((sum, bin) => sum + (bin.count / total) * Math.abs(bin.accuracy - bin.meanConfidence), 0);
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export interface LogisticModel {
  bias: number;
  weights: readonly number[];
}

export interface LabelledFeatures {
  features: readonly number[];
  correct: boolean;
}

/**
 * Fits a logistic regression by full-batch gradient descent with a small L2 penalty.
 * Deterministic (no random init) so a refit on the same data gives the same table.
 */
export function fitLogistic(samples: readonly LabelledFeatures[], options: { iterations?: number; learningRate?: number; l2?: number } = {}): LogisticModel {
  const dims = samples[0]?.features.length ?? 0;
  const weights = new Array<number>(dims).fill(0);
  let bias = 0;
  const iterations = options.iterations ?? 3000;
  const rate = options.learningRate ?? 0.1;
  const l2 = options.l2 ?? 1e-3;
  const n = samples.length;
  if (n === 0) return { bias, weights };
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(dims).fill(0);
    let gradientBias = 0;
    for (const { features, correct } of samples) {
      let z = bias;
      for (let d = 0; d < dims; d++) z += weights[d] * features[d];
      const error = sigmoid(z) - (correct ? 1 : 0);
      gradientBias += error;
      for (let d = 0; d < dims; d++) gradient[d] += error * features[d];
    }
    bias -= (rate * gradientBias) / n;
    for (let d = 0; d < dims; d++) weights[d] -= rate * (gradient[d] / n + l2 * weights[d]);
  }
  return { bias, weights };
}

export function predict(model: LogisticModel, features: readonly number[]): number {
  let z = model.bias;
  model.weights.forEach((w, d) => (z += w * (features[d] ?? 0)));
  return sigmoid(z);
}
