// The files a user would upload (one CSV per vertical: url first, ground-truth columns in human
// formats, helper columns) and the machine-readable truth.json.
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { Rng } from '../prng';
import { COLUMNS, VERTICALS, type Farm, type Vertical } from '../types';
import { helperCells, humanValue } from './human-values';

export const HELPER_COLUMNS = ['notes', 'added_by'] as const;

/** CSV text for one vertical: friendly sites by default, hostile ones only with `hostile: true`. */
export function datasetCsv(farm: Farm, vertical: Vertical, options: { hostile?: boolean } = {}): string {
  const columns = COLUMNS[vertical];
  const rows = farm.sites
    .filter((s) => s.vertical === vertical && (options.hostile ? s.hostile !== null : s.hostile === null))
    .map((site) => {
      const rng = new Rng(`${farm.seed}:csv:${site.id}`);
      const cells = columns.map((col) => humanValue(col, site.truth.fields[col] ?? '', rng));
      const helper = helperCells(rng);
      return [site.url, ...cells, helper.notes, helper.added_by];
    });
  return stringify([['url', ...columns, ...HELPER_COLUMNS], ...rows]);
}

/** Writes <vertical>.csv and <vertical>-hostile.csv for every vertical in the farm, and truth.json. */
export async function writeDatasets(farm: Farm, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const present = VERTICALS.filter((v) => farm.sites.some((s) => s.vertical === v));
  for (const vertical of present) {
    for (const hostile of [false, true]) {
      const file = path.join(dir, `${vertical}${hostile ? '-hostile' : ''}.csv`);
      await writeFile(file, datasetCsv(farm, vertical, { hostile }));
      written.push(file);
    }
  }
  const truthFile = path.join(dir, 'truth.json');
  await writeFile(truthFile, `${JSON.stringify(farm.truth, null, 2)}\n`);
  written.push(truthFile);
  return written;
}
