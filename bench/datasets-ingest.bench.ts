// Benchmark: dataset ingestion through the public HTTP API, end to end.
// Starts the gateway, campaigns and datasets services as child processes (as in production),
// generates CSV files of realistic rows (100,000 and, by default, 400,000), uploads each as
// multipart to POST /v1/campaigns/:id/datasets (gateway → object store → datasets.ingest →
// Postgres), and reports rows/s (upload start to 201) and the datasets process's peak RSS
// growth during the ingest (its /proc VmHWM, reset before each upload via clear_refs, minus
// its RSS just before). Targets: ≥ 20,000 rows/s; peak RSS growth < 200 MB whatever the size.
// Prints a table, then one JSON line.
// Env: BENCH_DATASET_ROWS (comma-separated sizes, default "100000,400000").
import { randomBytes } from 'node:crypto';
import { createWriteStream, openAsBlob, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Client } from 'pg';
import { launchPlatform } from '@fieldwork/launcher';
import { createTestNats, databaseUrl, eventually, randomPrefix } from '@fieldwork/testing';
import { printTable } from './report';

const SIZES = (process.env.BENCH_DATASET_ROWS ?? '100000,400000').split(',').map((size) => Number(size.trim()));
const MB = 1024 * 1024;

/** A CSV like the users' lists: URL, name, address, phone, a ground-truth column, notes; some duplicates and bad rows. */
async function writeCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('Website,Business Name,Street Address,City,Phone,Sheriff Name,Notes\n');
  for (let row = 1; row <= rows; row += 1) {
    const site = row % 97 === 0 ? `http://10.0.${row % 250}.1/` : row % 101 === 0 ? `https://shop${row - 1}.example${(row - 1) % 50}.com/locations/${row - 1}` : `https://shop${row}.example${row % 50}.com/locations/${row}`;
    const gt = row % 3 === 0 ? `Sheriff ${row}` : '';
    await write(`${site},"Business ${row}, LLC",${row} Main Street,Springfield,(555) ${String(100 + (row % 900)).padStart(3, '0')}-${String(row % 10_000).padStart(4, '0')},${gt},"Opened in ${1950 + (row % 70)}; family owned; closed on Mondays"\n`);
  }
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Postgres backends serving the datasets database (its connection pool). */
async function datasetsBackends(database: string): Promise<number[]> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
  await admin.end();
  return rows.map((row) => row.pid);
}

function procStatus(pid: number): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
    const match = /^(VmRSS|VmHWM):\s+(\d+) kB/.exec(line);
    if (match) values[match[1]] = Number(match[2]) * 1024;
  }
  return values;
}

async function post<T>(url: string, key: string, body: object): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function dropDatabases(dbPrefix: string): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${dbPrefix}%`]);
  for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  await admin.end();
}

async function main(): Promise<void> {
  const prefix = randomPrefix();
  const dbPrefix = `fw_test_${prefix}_`;
  const adminKey = `admin-${randomBytes(24).toString('base64url')}`;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const logs: string[] = [];
  const platform = launchPlatform({
    services: ['campaigns', 'datasets', 'gateway'],
    env: {
      FIELDWORK_NATS_PREFIX: prefix,
      FIELDWORK_DB_PREFIX: dbPrefix,
      FIELDWORK_ADMIN_API_KEY: adminKey,
      PORT: String(port),
      FIELDWORK_DATASET_MAX_BYTES: String(1024 * MB),
      FIELDWORK_DATASET_MAX_ROWS: String(5_000_000),
      FIELDWORK_DATASET_INGEST_TIMEOUT_MS: '900000',
      LOG_LEVEL: 'warn',
    },
    onLine: (name, line) => logs.push(`${name} ${line}`),
  });
  const files: string[] = [];
  try {
    await eventually(
      async () => {
        const health = (await (await fetch(`${platform.gatewayUrl}/health`)).json()) as { services: Record<string, { status: string }> };
        for (const service of ['campaigns', 'datasets', 'gateway']) {
          if (health.services[service]?.status !== 'ok') throw new Error(JSON.stringify(health));
        }
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'gateway, campaigns and datasets to start' },
    );
    const base = platform.gatewayUrl;
    const organization = await post<{ id: string }>(`${base}/v1/organizations`, adminKey, { name: 'Bench' });
    const { key } = await post<{ key: string }>(`${base}/v1/organizations/${organization.id}/api-keys`, adminKey, { name: 'bench', role: 'editor' });
    const campaign = await post<{ id: string }>(`${base}/v1/campaigns`, key, {
      name: 'Sheriff contacts',
      columns: [
        { name: 'sheriff_name', type: 'text' },
        { name: 'phone', type: 'phone' },
      ],
    });
    const datasetsPid = platform.processes.find((managed) => managed.name === 'datasets')?.child.pid;
    const gatewayPid = platform.processes.find((managed) => managed.name === 'gateway')?.child.pid;
    if (!datasetsPid || !gatewayPid) throw new Error('no datasets or gateway process');

    const upload = async (path: string, name: string) => {
      const form = new FormData();
      form.append('file', await openAsBlob(path, { type: 'text/csv' }), name);
      const response = await fetch(`${base}/v1/campaigns/${campaign.id}/datasets`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
      const body = (await response.json()) as { version?: { stats: { totalRows: number; validRows: number; duplicateRows: number; invalidRows: number } } };
      if (response.status !== 201 || !body.version) throw new Error(`upload ${name}: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
      return body.version.stats;
    };

    // Warm-up: JIT, pools, the object store bucket; not measured.
    const warm = join(tmpdir(), `fw-bench-warm-${prefix}.csv`);
    files.push(warm);
    await writeCsv(warm, 5_000);
    await upload(warm, 'warm.csv');

    const results: Record<string, number | string>[] = [];
    for (const rows of SIZES) {
      const path = join(tmpdir(), `fw-bench-${rows}-${prefix}.csv`);
      files.push(path);
      const bytes = await writeCsv(path, rows);
      const before = procStatus(datasetsPid).VmRSS;
      // Reset the peak-RSS counter so VmHWM is this upload's peak (Linux clear_refs "5").
      writeFileSync(`/proc/${datasetsPid}/clear_refs`, '5');
      const backends = await datasetsBackends(`${dbPrefix}datasets`);
      const backendCpu = new Map(backends.map((pid) => [pid, cpuSeconds(pid)]));
      const cpuBefore = { datasets: cpuSeconds(datasetsPid), gateway: cpuSeconds(gatewayPid) };
      const load = loadavg()[0];
      let sampledPeak = before;
      const sampler = setInterval(() => {
        sampledPeak = Math.max(sampledPeak, procStatus(datasetsPid).VmRSS);
      }, 50);
      const started = performance.now();
      const stats = await upload(path, `sites-${rows}.csv`);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const peak = Math.max(procStatus(datasetsPid).VmHWM, sampledPeak);
      // CPU used per 100,000 rows: meaningful even when other work shares the machine (wall time is not).
      const per100k = (seconds: number) => Number(((seconds * 100_000) / rows).toFixed(2));
      const cpu = {
        datasets: per100k(cpuSeconds(datasetsPid) - cpuBefore.datasets),
        gateway: per100k(cpuSeconds(gatewayPid) - cpuBefore.gateway),
        // Backends opened during the upload count from zero.
        postgres: per100k((await datasetsBackends(`${dbPrefix}datasets`)).reduce((sum, pid) => sum + cpuSeconds(pid) - (backendCpu.get(pid) ?? 0), 0)),
      };
      results.push({
        rows,
        'file MB': Number((bytes / MB).toFixed(1)),
        seconds: Number(seconds.toFixed(2)),
        'rows/s': Math.round(rows / seconds),
        'MB/s': Number((bytes / MB / seconds).toFixed(1)),
        'RSS before MB': Math.round(before / MB),
        'peak RSS MB': Math.round(peak / MB),
        'peak growth MB': Math.round((peak - before) / MB),
        valid: stats.validRows,
        invalid: stats.invalidRows,
        duplicates: stats.duplicateRows,
        'load avg': Number(load.toFixed(1)),
        'CPU s/100k: datasets': cpu.datasets,
        gateway: cpu.gateway,
        postgres: cpu.postgres,
      });
      if (stats.totalRows !== rows) throw new Error(`expected ${rows} rows, the version has ${stats.totalRows}`);
    }
    printTable('dataset ingestion over HTTP (gateway → object store → datasets service → Postgres), one upload at a time', results);
    console.log(
      JSON.stringify({
        bench: 'datasets-ingest',
        path: 'HTTP multipart POST /v1/campaigns/:id/datasets',
        sizes: results.map((result) => ({
          rows: result.rows,
          fileMB: result['file MB'],
          seconds: result.seconds,
          rowsPerSecond: result['rows/s'],
          peakRssGrowthMB: result['peak growth MB'],
          peakRssMB: result['peak RSS MB'],
          loadAverageAtStart: result['load avg'],
          cpuSecondsPer100kRows: { datasets: result['CPU s/100k: datasets'], gateway: result.gateway, postgres: result.postgres },
        })),
        rowsPerSecondTargetMet: results.every((result) => Number(result['rows/s']) >= 20_000),
        rssGrowthTargetMet: results.every((result) => Number(result['peak growth MB']) < 200),
      }),
    );
  } catch (error) {
    console.error(`last logs:\n${logs.slice(-20).join('\n')}`);
    throw error;
  } finally {
    for (const file of files) rmSync(file, { force: true });
    await platform.stop();
    const nats = await createTestNats(prefix);
    await nats.jsm.streams.delete(`OBJ_${prefix}_uploads`).catch(() => undefined);
    await nats.dispose();
    await dropDatabases(dbPrefix);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
