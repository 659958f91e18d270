// Benchmark: one agent worker (the same engine the service runs: guarded HTTP client, egress
// proxy, one Chromium, the extraction engine) over a ≥1,000-site farm served by a separate
// process, as the internet would be. Measures, in one run:
//   - the plain-fetch ceiling (measureFetchCeiling, undici keep-alive pool, concurrency 16);
//   - HTTP-first attempts (escalating to the browser when a page needs it) at concurrency 8 and 16;
//   - forced-browser attempts at concurrency 8 and 16;
//   - field accuracy (valuesEqual against the truth) and expected calibration error per vertical;
//   - every hostile site's outcome against its expected category;
//   - peak memory of the worker (Node RSS) and of its Chromium (anonymous RSS of its processes).
// Prints a table and one JSON line per measurement ({"bench":"agent-pool",...}).
// Run: node scripts/run-ts.js bench/agent-pool.bench.ts [--sites 1200] [--browser-sites 240] [--hostile-share 0.15]
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { AgentEngine, loadAgentConfig, type AgentConfig, type AttemptResult, type AttemptSpec } from '@fieldwork/agent';
import { expectedCalibrationError, type Prediction } from '@fieldwork/extraction';
import { COLUMN_TYPES, generateFarm, type RunningSiteFarm, type TruthFile, type TruthRecord } from '@fieldwork/sitefarm';
import { createLogger } from '@fieldwork/telemetry';
import { valuesEqual, type ColumnType } from '@fieldwork/values';
import { printTable } from './report';
import { measureFetchCeiling } from './sitefarm-fetch.bench';

const SEED = 42;
const POS = ['Toast', 'Square', 'Clover', 'Lightspeed', 'SpotOn', 'Revel', 'TouchBistro'];

function argNumber(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) {
    console.error(`agent-pool bench: --${name} expects a number`);
    process.exit(2);
  }
  return value;
}

function columnType(name: string): ColumnType {
  const type = COLUMN_TYPES[name];
  return type === 'currency' ? 'text' : (type as ColumnType);
}

interface FarmProcess {
  child: ChildProcess;
  port: number;
  trapPort: number;
  trapHits: string[];
  stop(): Promise<void>;
}

/** The farm (and its trap) in a process of its own: the agent shares no event loop with it. */
async function startFarmProcess(sites: number, hostileShare: number): Promise<FarmProcess> {
  const root = resolve(__dirname, '..');
  const child = spawn(
    process.execPath,
    [join(root, 'scripts/run-ts.js'), join(root, 'libs/sitefarm/src/cli.ts'), 'serve', '--seed', String(SEED), '--sites', String(sites), '--port', '0', '--hostile-share', String(hostileShare), '--trap-port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const trapHits: string[] = [];
  let output = '';
  const ready = new Promise<{ port: number; trapPort: number }>((resolveReady, reject) => {
    child.once('exit', (code) => reject(new Error(`site farm exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const line of output.split('\n')) if (line.includes('TRAP HIT') && !trapHits.includes(line)) trapHits.push(line);
      const port = /listening\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      const trapPort = /trap\s+http:\/\/127\.0\.0\.2:(\d+)/.exec(output)?.[1];
      if (port && trapPort) resolveReady({ port: Number(port), trapPort: Number(trapPort) });
    });
  });
  const { port, trapPort } = await ready;
  return {
    child,
    port,
    trapPort,
    trapHits,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

class MemoryPeak {
  nodeRss = 0;
  chromium = 0;
  private timer?: NodeJS.Timeout;

  start(engine: AgentEngine): void {
    let busy = false;
    this.timer = setInterval(() => {
      this.nodeRss = Math.max(this.nodeRss, process.memoryUsage().rss);
      if (busy) return;
      busy = true;
      void engine.browsers
        .memoryBytes()
        .then((bytes) => {
          this.chromium = Math.max(this.chromium, bytes);
        })
        .finally(() => {
          busy = false;
        });
    }, 1_000);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function specFor(site: TruthRecord, index: number, mode: AttemptSpec['mode'], totalMs: number): AttemptSpec {
  return {
    taskId: `bench-${index}`,
    runId: 'bench',
    attemptNumber: 1,
    organizationId: 'bench',
    campaignId: 'bench',
    instructionVersionId: 'v1',
    instructionText: '',
    columns: Object.keys(site.fields).map((name) => ({ name, type: columnType(name), required: true, enumValues: name === 'pos_system' ? POS : undefined })),
    siteUrl: site.url,
    row: {},
    strategy: 'heuristic',
    mode,
    budget: { totalMs, maxPages: 6, maxDepth: 3, screenshots: false },
    correlationId: 'bench',
  };
}

interface PassResult {
  name: string;
  mode: AttemptSpec['mode'];
  concurrency: number;
  sites: number;
  seconds: number;
  sitesPerSecond: number;
  pages: number;
  pagesPerSecond: number;
  escalated: number;
  results: { site: TruthRecord; result: AttemptResult }[];
}

async function runPass(engine: AgentEngine, name: string, sites: TruthRecord[], mode: AttemptSpec['mode'], concurrency: number, totalMs: number): Promise<PassResult> {
  const results: { site: TruthRecord; result: AttemptResult }[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let index = next++; index < sites.length; index = next++) {
      const site = sites[index];
      results.push({ site, result: await engine.runner.run(specFor(site, index, mode, totalMs), { screenshotScope: `bench/${index}` }) });
    }
  };
  // Progress on stderr, so a slow or stuck pass shows where it is.
  const progress = setInterval(() => console.error(`agent-pool: ${name}: ${results.length}/${sites.length} after ${((performance.now() - started) / 1000).toFixed(0)} s`), 15_000);
  await Promise.all(Array.from({ length: concurrency }, worker)).finally(() => clearInterval(progress));
  const seconds = (performance.now() - started) / 1000;
  console.error(`agent-pool: ${name}: ${sites.length} sites in ${seconds.toFixed(1)} s`);
  const pages = results.reduce((sum, item) => sum + item.result.usage.pagesVisited, 0);
  return {
    name,
    mode,
    concurrency,
    sites: sites.length,
    seconds,
    sitesPerSecond: sites.length / seconds,
    pages,
    pagesPerSecond: pages / seconds,
    escalated: results.filter((item) => item.result.mode === 'browser').length,
    results,
  };
}

function accuracyByVertical(pass: PassResult): Record<string, { fields: number; correct: number; accuracy: number; ece: number; success: number; sites: number }> {
  const byVertical: Record<string, { predictions: Prediction[]; success: number; sites: number }> = {};
  for (const { site, result } of pass.results) {
    const entry = (byVertical[site.vertical] ??= { predictions: [], success: 0, sites: 0 });
    entry.sites += 1;
    if (result.status === 'success') entry.success += 1;
    for (const field of result.fields) {
      entry.predictions.push({ confidence: field.confidence, correct: valuesEqual(columnType(field.name), site.fields[field.name], field.value) });
    }
  }
  const all = Object.values(byVertical).flatMap((entry) => entry.predictions);
  const summary = (predictions: Prediction[], success: number, sites: number) => ({
    fields: predictions.length,
    correct: predictions.filter((p) => p.correct).length,
    accuracy: predictions.filter((p) => p.correct).length / Math.max(1, predictions.length),
    ece: expectedCalibrationError(predictions),
    success,
    sites,
  });
  return {
    ...Object.fromEntries(Object.entries(byVertical).map(([vertical, entry]) => [vertical, summary(entry.predictions, entry.success, entry.sites)])),
    all: summary(all, pass.results.filter((r) => r.result.status === 'success').length, pass.results.length),
  };
}

function outcomeLabel(result: AttemptResult): string {
  if (!result.failure) return result.status === 'success' ? 'success' : result.status;
  const { category, reason } = result.failure;
  return category === 'timeout' || category === 'extraction_failed' ? category : `${category}:${reason}`;
}

function expectedLabel(site: TruthRecord): string {
  if (site.expectedOutcome === 'success') return 'success';
  if (site.hostile === 'timeout') return 'timeout';
  if (site.hostile === 'unsafe_target:redirect') return 'unsafe_target:loopback';
  return site.hostile as string;
}

async function main(): Promise<void> {
  const siteCount = argNumber('sites', 1200);
  const browserSites = argNumber('browser-sites', 240);
  const hostileShare = argNumber('hostile-share', 0.15);
  const farmProcess = await startFarmProcess(siteCount, hostileShare);
  const truth = (await (await fetch(`http://127.0.0.1:${farmProcess.port}/truth.json`)).json()) as TruthFile;
  const friendly = truth.sites.filter((site) => site.hostile === null);
  const hostile = truth.sites.filter((site) => site.hostile !== null);

  // The same farm, generated here (pure), for the plain-fetch ceiling against the child's port.
  const farmModel = generateFarm({ seed: SEED, sites: siteCount, hostileShare, port: farmProcess.port, trapPort: farmProcess.trapPort });
  const ceiling = await measureFetchCeiling({ farm: { port: farmProcess.port, farm: farmModel } as unknown as RunningSiteFarm, concurrency: 16, sites: friendly.map((site) => site.id) });

  const config: AgentConfig = loadAgentConfig({ FIELDWORK_ALLOWED_TARGETS: '127.0.0.1', FIELDWORK_AGENT_CONCURRENCY: '16' });
  const engine = await AgentEngine.start({ config, logger: createLogger('agent-bench', { level: 'error' }), connectionsPerOrigin: 32 });
  const memory = new MemoryPeak();
  memory.start(engine);
  const passes: PassResult[] = [];
  try {
    // Warm up code paths and the browser on a few sites (not measured).
    await runPass(engine, 'warm-up', friendly.slice(0, 16), 'auto', 8, 30_000);
    await runPass(engine, 'warm-up', friendly.slice(0, 8), 'browser', 8, 30_000);
    passes.push(await runPass(engine, 'http-first c=8', friendly, 'auto', 8, 30_000));
    passes.push(await runPass(engine, 'http-first c=16', friendly, 'auto', 16, 30_000));
    const browserSample = friendly.filter((_, index) => index % Math.max(1, Math.floor(friendly.length / browserSites)) === 0).slice(0, browserSites);
    passes.push(await runPass(engine, 'browser c=8', browserSample, 'browser', 8, 30_000));
    passes.push(await runPass(engine, 'browser c=16', browserSample, 'browser', 16, 30_000));
    passes.push(await runPass(engine, 'hostile c=16', hostile, 'auto', 16, 8_000));
  } finally {
    memory.stop();
    await engine.close();
    await farmProcess.stop();
  }

  const [http8, http16, browser8, browser16, hostilePass] = passes;
  const throughput = [http8, http16, browser8, browser16].map((pass) => ({
    pass: pass.name,
    sites: pass.sites,
    seconds: pass.seconds.toFixed(1),
    'sites/s': pass.sitesPerSecond.toFixed(1),
    'pages/s': pass.pagesPerSecond.toFixed(1),
    'escalated to browser': pass.mode === 'auto' ? `${pass.escalated} (${((100 * pass.escalated) / pass.sites).toFixed(0)}%)` : '-',
    'vs ceiling': `${((100 * pass.pagesPerSecond) / ceiling.pagesPerSecond).toFixed(1)}%`,
  }));
  console.log(`agent-pool: ${siteCount} sites (${friendly.length} friendly, ${hostile.length} hostile), seed ${SEED}, one worker, farm in its own process`);
  printTable('plain-fetch ceiling (undici pool, concurrency 16)', [{ pages: ceiling.pages, seconds: ceiling.seconds, 'pages/s': ceiling.pagesPerSecond, p50Ms: ceiling.p50Ms, p99Ms: ceiling.p99Ms }]);
  printTable('throughput', throughput);

  const accuracy = accuracyByVertical(http8);
  printTable(
    'field accuracy and calibration (HTTP-first c=8, friendly sites)',
    Object.entries(accuracy).map(([vertical, a]) => ({
      vertical,
      sites: a.sites,
      success: a.success,
      fields: a.fields,
      correct: a.correct,
      accuracy: `${(100 * a.accuracy).toFixed(1)}%`,
      ECE: a.ece.toFixed(3),
    })),
  );

  const hostileRows = new Map<string, { sites: number; correct: number; got: Set<string> }>();
  for (const { site, result } of hostilePass.results) {
    const key = `${site.hostile} (${site.behaviour})`;
    const row = hostileRows.get(key) ?? { sites: 0, correct: 0, got: new Set<string>() };
    row.sites += 1;
    const label = outcomeLabel(result);
    if (label === expectedLabel(site)) row.correct += 1;
    else row.got.add(label);
    hostileRows.set(key, row);
  }
  const hostileCorrect = [...hostileRows.values()].reduce((sum, row) => sum + row.correct, 0);
  printTable(
    `hostile sites classified (${hostileCorrect}/${hostile.length})`,
    [...hostileRows.entries()].sort().map(([label, row]) => ({ 'truth label (behaviour)': label, sites: row.sites, classified: row.correct, 'otherwise got': [...row.got].join(', ') || '-' })),
  );
  printTable('peak memory of the worker', [
    { 'node RSS MiB': (memory.nodeRss / 1048576).toFixed(0), 'chromium anon RSS MiB': (memory.chromium / 1048576).toFixed(0), 'browser launches': engine.browsers.launches, 'trap hits': farmProcess.trapHits.length },
  ]);

  console.log(JSON.stringify({ ...ceiling, bench: 'agent-pool', measure: 'ceiling' }));
  for (const pass of [http8, http16, browser8, browser16]) {
    console.log(
      JSON.stringify({
        bench: 'agent-pool',
        measure: 'throughput',
        pass: pass.name,
        mode: pass.mode,
        concurrency: pass.concurrency,
        sites: pass.sites,
        seconds: Number(pass.seconds.toFixed(2)),
        sitesPerSecond: Number(pass.sitesPerSecond.toFixed(2)),
        pagesPerSecond: Number(pass.pagesPerSecond.toFixed(2)),
        escalated: pass.escalated,
        ofCeiling: Number((pass.pagesPerSecond / ceiling.pagesPerSecond).toFixed(4)),
      }),
    );
  }
  for (const [vertical, a] of Object.entries(accuracy)) {
    console.log(JSON.stringify({ bench: 'agent-pool', measure: 'accuracy', vertical, ...a, accuracy: Number(a.accuracy.toFixed(4)), ece: Number(a.ece.toFixed(4)) }));
  }
  console.log(JSON.stringify({ bench: 'agent-pool', measure: 'hostile', sites: hostile.length, classified: hostileCorrect, byLabel: Object.fromEntries([...hostileRows.entries()].map(([label, row]) => [label, { sites: row.sites, classified: row.correct, got: [...row.got] }])) }));
  console.log(JSON.stringify({ bench: 'agent-pool', measure: 'memory', peakNodeRssBytes: memory.nodeRss, peakChromiumBytes: memory.chromium, trapHits: farmProcess.trapHits.length }));
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
