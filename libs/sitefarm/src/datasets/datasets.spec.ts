import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseAvailability } from '../canonical/availability';
import { parseDate } from '../canonical/date';
import { parseMoney } from '../canonical/money';
import { parsePhone } from '../canonical/phone';
import { generateFarm } from '../generate-farm';
import { COLUMN_TYPES, COLUMNS, VERTICALS, type Currency, type TruthFile } from '../types';
import { datasetCsv, HELPER_COLUMNS, writeDatasets } from './write-datasets';

/** Reads a human cell back the way a type-aware comparison would. */
function readBack(col: string, cell: string, truth: string): string | null {
  switch (COLUMN_TYPES[col]) {
    case 'money':
      return parseMoney(cell, truth.split(' ')[1] as Currency);
    case 'phone':
      return parsePhone(cell, truth.startsWith('+44') ? 'GB' : truth.startsWith('+61') ? 'AU' : 'US');
    case 'date':
      return parseDate(cell);
    case 'boolean':
      return parseAvailability(cell);
    case 'enum':
    case 'currency':
      return cell.trim().toLowerCase() === truth.toLowerCase() ? truth : cell;
    default:
      return cell.trim();
  }
}

describe('ground-truth datasets', () => {
  const farm = generateFarm({ seed: 5, sites: 300, hostileShare: 0.2, port: 4600 });

  it('has url first, the vertical’s columns, then helper columns; friendly sites only by default', () => {
    for (const vertical of VERTICALS) {
      const rows = parse(datasetCsv(farm, vertical)) as string[][];
      expect(rows[0]).toEqual(['url', ...COLUMNS[vertical], ...HELPER_COLUMNS]);
      const friendly = farm.sites.filter((s) => s.vertical === vertical && s.hostile === null);
      expect(rows.slice(1).map((r) => r[0])).toEqual(friendly.map((s) => s.url));
      const hostile = parse(datasetCsv(farm, vertical, { hostile: true })) as string[][];
      expect(hostile.slice(1).map((r) => r[0])).toEqual(farm.sites.filter((s) => s.vertical === vertical && s.hostile !== null).map((s) => s.url));
    }
  });

  it('writes human values in varied styles that read back to the canonical truth', () => {
    const styles = new Map<string, Set<string>>();
    for (const vertical of VERTICALS) {
      const [header, ...rows] = parse(datasetCsv(farm, vertical)) as string[][];
      for (const row of rows) {
        const site = farm.sites.find((s) => s.url === row[0])!;
        COLUMNS[vertical].forEach((col, i) => {
          const cell = row[i + 1] as string;
          const truth = site.truth.fields[col] as string;
          expect({ col, cell, back: readBack(col, cell, truth) }).toEqual({ col, cell, back: truth });
          const shape = cell.replace(/\d/g, '9');
          styles.set(col, (styles.get(col) ?? new Set()).add(shape));
        });
      }
      expect(header).toContain('notes');
    }
    // Like real spreadsheets, the same column is not written one way throughout.
    for (const col of ['drop_in_price', 'phone', 'sheriff_phone', 'effective_date', 'availability']) expect(styles.get(col)!.size).toBeGreaterThan(2);
  });

  it('writes <vertical>.csv, <vertical>-hostile.csv and truth.json', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sitefarm-'));
    try {
      const files = await writeDatasets(farm, dir);
      expect((await readdir(dir)).sort()).toEqual([...VERTICALS.flatMap((v) => [`${v}.csv`, `${v}-hostile.csv`]), 'truth.json'].sort());
      expect(files).toHaveLength(13);
      const truth = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')) as TruthFile;
      expect(truth.sites).toHaveLength(300);
      expect(truth.port).toBe(4600);
      expect(truth.sites[0]!.url).toContain(':4600/');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
