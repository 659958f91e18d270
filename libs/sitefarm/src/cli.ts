// sitefarm CLI: `serve` runs the farm (and the trap) until interrupted; `datasets` writes the CSVs
// and truth.json. Bad arguments print the reason and the usage, and exit with code 2.
// Run: node scripts/run-ts.js libs/sitefarm/src/cli.ts serve --seed 42 --sites 1000 --port 4500
import { CliUsageError, parseCliArgs, USAGE, type CliCommand } from './cli-args';
import { writeDatasets } from './datasets/write-datasets';
import { generateFarm } from './generate-farm';
import { startSiteFarm } from './server/start-site-farm';
import { startTrapListener, type TrapListener } from './server/trap-listener';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

async function serve(cmd: CliCommand, io: CliIo): Promise<number> {
  let trap: TrapListener | null = null;
  if (cmd.trap) {
    try {
      trap = await startTrapListener({ port: cmd.farm.trapPort });
    } catch (error) {
      io.err(`sitefarm: cannot start the trap on 127.0.0.2:${cmd.farm.trapPort}: ${error instanceof Error ? error.message : String(error)} (use --trap-port or --no-trap)`);
      return 1;
    }
  }
  const started = Date.now();
  // With --trap-port 0 the trap picks a port; the farm's trap links must point at that one.
  const running = await startSiteFarm({ ...cmd.farm, trapPort: trap?.port ?? cmd.farm.trapPort }).catch(async (error: unknown) => {
    await trap?.close();
    io.err(`sitefarm: cannot listen on 127.0.0.1:${cmd.farm.port}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  if (!running) return 1;
  const farm = running.farm;
  const example = farm.sites.find((s) => s.hostile === null) ?? farm.sites[0];
  const hostile = farm.sites.filter((s) => s.hostile !== null).length;
  io.out(`sitefarm: ${farm.sites.length} sites (${hostile} hostile), seed ${farm.seed}, profile ${farm.profile}, ready in ${Date.now() - started} ms`);
  io.out(`  listening   http://127.0.0.1:${running.port}  (one listener; sites are told apart by the Host header)`);
  io.out(`  sites       http://<site-id>.${running.baseHost}:${running.port}/${example ? `   e.g. ${example.url}` : ''}`);
  io.out(`  index       http://${running.baseHost}:${running.port}/   truth: http://${running.baseHost}:${running.port}/truth.json`);
  io.out(trap ? `  trap        http://${trap.host}:${trap.port}/  (stands for a private address; every hit is logged here)` : '  trap        not started (--no-trap)');
  io.out(`  reach it    browsers resolve *.localhost to loopback; curl: curl -H 'Host: ${example?.host ?? `<site-id>.${running.baseHost}`}' http://127.0.0.1:${running.port}/`);
  io.out(`              Node: fetch(url, { dispatcher: farmDispatcher() }) from @fieldwork/sitefarm`);
  let reported = 0;
  const timer = setInterval(() => {
    for (const hit of trap?.hits.slice(reported) ?? []) io.out(`  TRAP HIT    ${hit.method} http://${hit.host}${hit.url}`);
    reported = trap?.hits.length ?? 0;
  }, 500);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
  await running.close();
  await trap?.close();
  io.out('sitefarm: stopped');
  return 0;
}

async function datasets(cmd: CliCommand, io: CliIo): Promise<number> {
  const farm = generateFarm(cmd.farm);
  const files = await writeDatasets(farm, cmd.out as string);
  io.out(`sitefarm: wrote ${files.length} files for ${farm.sites.length} sites (seed ${farm.seed}, URLs on port ${farm.env.port}):`);
  for (const file of files) io.out(`  ${file}`);
  return 0;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`sitefarm: ${error.message}`);
      io.err(USAGE);
      return 2;
    }
    throw error;
  }
  switch (cmd.command) {
    case 'help':
      io.out(USAGE);
      return 0;
    case 'serve':
      return serve(cmd, io);
    case 'datasets':
      return datasets(cmd, io);
  }
}

// Run only when executed as the entry point (scripts/run-ts.js sets argv[1] to this file).
if (process.argv[1] && /[\\/]sitefarm[\\/]src[\\/]cli\.ts$/.test(process.argv[1])) {
  runCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
