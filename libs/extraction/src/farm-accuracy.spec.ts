// Accuracy and calibration of the engine on the site farm: every friendly site whose fields are
// in the HTML (no JavaScript rendering needed) is rendered with the farm's pure renderPage — the
// entry page plus each subpage its truth file names — extracted, merged per site, and compared
// with the truth through valuesEqual. Columns are given by name only (plus the allowed values of
// enum columns), as a user would; nothing here knows templates or site ids.
//
// FIT_CALIBRATION=1 also refits the confidence model on other seeds and prints it (see
// scoring/confidence-model.ts).

import { COLUMN_TYPES, COLUMNS, CURRENCIES, generateFarm, POS_SYSTEMS, renderPage, type Site, type Vertical } from '@fieldwork/sitefarm';
import { type ColumnType, valuesEqual } from '@fieldwork/values';
import { extractDetailed } from './extract';
import { mergeFieldResults } from './merge';
import { expectedCalibrationError, fitLogistic, type LabelledFeatures, type Prediction } from './scoring/calibration';
import { FEATURE_NAMES } from './scoring/decide-field';
import type { ColumnSpec, ExtractionResult } from './types';

const SEED = 11;
const SITES = 300;

function columnsFor(vertical: Vertical): ColumnSpec[] {
  return COLUMNS[vertical].map((name): ColumnSpec => {
    const farmType = COLUMN_TYPES[name];
    if (farmType === 'currency') return { name, type: 'enum', enumValues: CURRENCIES };
    if (farmType === 'enum') return { name, type: 'enum', enumValues: POS_SYSTEMS };
    return { name, type: farmType as ColumnType };
  });
}

function needsBrowser(site: Site): boolean {
  return site.truth.markup.some((kind) => kind === 'js-inline' || kind === 'js-xhr');
}

function pagesOf(site: Site): string[] {
  const locations = new Set(['home', ...Object.values(site.truth.fieldLocations)]);
  return [...locations].map((location) => (location === 'home' ? site.entryPath : location));
}

interface SiteOutcome {
  vertical: Vertical;
  predictions: (Prediction & { column: string })[];
  /** Every value considered on every page, labelled: the calibration training set. */
  labelled: LabelledFeatures[];
}

function evaluate(site: Site): SiteOutcome {
  const columns = columnsFor(site.vertical);
  const truth = site.truth.fields;
  const labelled: LabelledFeatures[] = [];
  const results: ExtractionResult[] = [];
  for (const path of pagesOf(site)) {
    const response = renderPage(site, path);
    const html = typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body);
    const result = extractDetailed({ html, url: `${site.origin}${path}`, columns }, { explain: true });
    results.push(result);
    for (const column of columns) {
      for (const { value, features } of result.explanations[column.name]?.values ?? []) {
        labelled.push({ features, correct: valuesEqual(column.type, truth[column.name], value, { enumValues: column.enumValues }) });
      }
    }
  }
  const merged = mergeFieldResults(results, columns);
  const predictions = columns.map((column) => {
    const field = merged.fields[column.name];
    return { column: column.name, confidence: field.confidence, correct: valuesEqual(column.type, truth[column.name], field.value, { enumValues: column.enumValues }) };
  });
  return { vertical: site.vertical, predictions, labelled };
}

function friendlyStaticSites(seed: number, sites: number): Site[] {
  return generateFarm({ seed, sites, hostileShare: 0 }).sites.filter((site) => site.truth.hostile === null && !needsBrowser(site));
}

describe('extraction accuracy on the site farm', () => {
  it(`is at least 95% per vertical on ${SITES} sites (seed ${SEED}), with calibrated confidence`, () => {
    const outcomes = friendlyStaticSites(SEED, SITES).map(evaluate);
    const byVertical = new Map<Vertical, (Prediction & { column: string })[]>();
    for (const outcome of outcomes) byVertical.set(outcome.vertical, [...(byVertical.get(outcome.vertical) ?? []), ...outcome.predictions]);

    const rows = [...byVertical.entries()].map(([vertical, predictions]) => {
      const correct = predictions.filter((p) => p.correct).length;
      return { vertical, sites: predictions.length / COLUMNS[vertical].length, fields: predictions.length, accuracy: correct / predictions.length, ece: expectedCalibrationError(predictions) };
    });
    const all = [...byVertical.values()].flat();
    const lines = rows.map((r) => `${r.vertical.padEnd(12)} sites ${String(r.sites).padStart(3)}  fields ${String(r.fields).padStart(4)}  accuracy ${(100 * r.accuracy).toFixed(1).padStart(5)}%  ECE ${r.ece.toFixed(3)}`);
    lines.push(`${'all'.padEnd(12)} sites ${String(outcomes.length).padStart(3)}  fields ${String(all.length).padStart(4)}  accuracy ${(100 * all.filter((p) => p.correct).length / all.length).toFixed(1).padStart(5)}%  ECE ${expectedCalibrationError(all).toFixed(3)}`);
    const misses = all.filter((p) => !p.correct).map((p) => p.column);
    if (misses.length) lines.push(`missed columns: ${misses.join(', ')}`);
    console.log(`site farm seed ${SEED}, ${SITES} sites (friendly, no JavaScript needed)\n${lines.join('\n')}`);

    expect(rows.map((r) => r.vertical).sort()).toEqual([...Object.keys(COLUMNS)].sort());
    for (const row of rows) expect({ vertical: row.vertical, accuracy: row.accuracy >= 0.95 }).toEqual({ vertical: row.vertical, accuracy: true });
    expect(expectedCalibrationError(all)).toBeLessThan(0.1);
  }, 120_000);

  const fit = process.env.FIT_CALIBRATION === '1' ? it : it.skip;
  fit('refits the confidence model on seeds 1–3 and prints it', () => {
    const training = [1, 2, 3].flatMap((seed) => friendlyStaticSites(seed, SITES).flatMap((site) => evaluate(site).labelled));
    const model = fitLogistic(training, { iterations: 4000, learningRate: 0.2, l2: 1e-3 });
    const weights = model.weights.map((w, i) => `${FEATURE_NAMES[i]}: ${w.toFixed(3)}`).join(', ');
    console.log(`fitted on ${training.length} labelled values: bias ${model.bias.toFixed(3)}; ${weights}`);
    expect(model.weights).toHaveLength(FEATURE_NAMES.length);
  }, 600_000);
});
