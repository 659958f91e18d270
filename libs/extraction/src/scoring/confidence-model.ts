// The logistic mapping from a field's features (FEATURE_NAMES in decide-field.ts) to the
// probability that its value is right. Fitted on the site farm: seeds 1–3, 300 sites each, every
// value considered on every page (21 364 values) labelled right/wrong against the truth files.
// Held out (seed 11) the merged per-site predictions have ECE ≈ 0.035. Refit with
// `FIT_CALIBRATION=1 npx jest libs/extraction/src/farm-accuracy --selectProjects unit`, which
// prints the table to paste here. Real ground truth should replace the farm once there is some.

import type { LogisticModel } from './calibration';

export const CONFIDENCE_MODEL: LogisticModel = {
  bias: -3.595,
  // score, margin, support, qual, conflict, structured
  weights: [1.034, 2.746, 1.396, 0.225, -0.385, -2.021],
};
