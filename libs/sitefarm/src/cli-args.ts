// Parses the sitefarm command line into a command and farm options; any mistake is a
// CliUsageError whose message says which argument and what was expected (exit code 2).
import { DEFAULT_PORT, DEFAULT_TRAP_PORT } from './defaults';
import { FarmOptionsError, validateFarmOptions } from './generate-farm';
import { VERTICALS, type FarmOptions, type FarmProfile, type Vertical } from './types';

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export interface CliCommand {
  command: 'serve' | 'datasets' | 'help';
  farm: FarmOptions & { port: number; trapPort: number };
  out?: string;
  trap: boolean;
}

export const USAGE = `usage:
  sitefarm serve    [--seed 42] [--sites 1000] [--port ${DEFAULT_PORT}] [--hostile-share 0.15] [--profile full|demo]
                    [--trap-port ${DEFAULT_TRAP_PORT}] [--no-trap] [--verticals fitness,county,...]
  sitefarm datasets --out <dir> [--seed 42] [--sites 1000] [--port ${DEFAULT_PORT}] [--hostile-share 0.15]
                    [--profile full|demo] [--trap-port ${DEFAULT_TRAP_PORT}] [--verticals ...]
  sitefarm help

Sites are http://<site-id>.farm.localhost:<port>/ (every *.localhost name is loopback).
--port in "datasets" sets the port written into the CSV URLs and truth.json.`;

const VALUE_FLAGS = ['seed', 'sites', 'port', 'hostile-share', 'profile', 'trap-port', 'verticals', 'out'] as const;
const BOOLEAN_FLAGS = ['no-trap'] as const;

function integer(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new CliUsageError(`--${flag}: expected a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new CliUsageError(`--${flag}: expected ${min}..${max}, got ${raw}`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { command: 'help', farm: { seed: 42, sites: 1000, hostileShare: 0.15, port: DEFAULT_PORT, trapPort: DEFAULT_TRAP_PORT }, trap: true };
  }
  if (command !== 'serve' && command !== 'datasets') throw new CliUsageError(`unknown command "${command}" (expected serve, datasets or help)`);
  const values = new Map<string, string>();
  const booleans = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith('--')) throw new CliUsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
      if (eq >= 0) throw new CliUsageError(`--${name} takes no value`);
      booleans.add(name);
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(name)) throw new CliUsageError(`unknown option --${name}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new CliUsageError(`--${name} needs a value`);
    if (values.has(name)) throw new CliUsageError(`--${name} given twice`);
    values.set(name, value);
  }
  const get = (name: string) => values.get(name);
  const hostileRaw = get('hostile-share') ?? '0.15';
  const hostileShare = Number(hostileRaw);
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(hostileRaw) || !(hostileShare >= 0 && hostileShare <= 1)) throw new CliUsageError(`--hostile-share: expected a number from 0 to 1, got "${hostileRaw}"`);
  const profile = get('profile') ?? 'full';
  if (profile !== 'full' && profile !== 'demo') throw new CliUsageError(`--profile: expected "full" or "demo", got "${profile}"`);
  let verticals: Vertical[] | undefined;
  const verticalsRaw = get('verticals');
  if (verticalsRaw !== undefined) {
    verticals = verticalsRaw.split(',').map((v) => v.trim()) as Vertical[];
    const unknown = verticals.filter((v) => !VERTICALS.includes(v));
    if (unknown.length) throw new CliUsageError(`--verticals: unknown ${unknown.join(', ')} (known: ${VERTICALS.join(', ')})`);
  }
  const farm: CliCommand['farm'] = {
    seed: integer('seed', get('seed') ?? '42', 0, 2 ** 31 - 1),
    sites: integer('sites', get('sites') ?? '1000', 0, 1_000_000),
    hostileShare,
    profile: profile as FarmProfile,
    port: integer('port', get('port') ?? String(DEFAULT_PORT), 0, 65535),
    trapPort: integer('trap-port', get('trap-port') ?? String(DEFAULT_TRAP_PORT), 0, 65535),
    ...(verticals ? { verticals } : {}),
  };
  try {
    validateFarmOptions(farm);
  } catch (error) {
    if (error instanceof FarmOptionsError) throw new CliUsageError(error.message);
    throw error;
  }
  const out = get('out');
  if (command === 'datasets' && !out) throw new CliUsageError('datasets needs --out <dir>');
  if (command === 'serve' && out) throw new CliUsageError('--out is only for the datasets command');
  return { command, farm, out, trap: !booleans.has('no-trap') };
}
