// `npm test`: everything CI runs, in order, stopping at the first failure —
// contracts drift, typecheck, lint, then unit, integration and end-to-end tests.
import { spawnSync } from 'node:child_process';

interface Step {
  name: string;
  command: string;
  args: string[];
}

const jest = ['node_modules/.bin/jest', '--ci'];
const steps: Step[] = [
  { name: 'contracts match proto/', command: 'bash', args: ['scripts/proto-check.sh'] },
  { name: 'typecheck', command: 'node_modules/.bin/tsc', args: ['-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'unit tests', command: 'node', args: [...jest, '--selectProjects', 'unit'] },
  {
    name: 'integration and end-to-end tests',
    command: 'node',
    args: [...jest, '--selectProjects', 'integration', 'e2e', '--maxWorkers=2'],
  },
];

const only = process.argv.slice(2);
const summary: string[] = [];
for (const step of steps) {
  if (only.length > 0 && !only.some((word) => step.name.includes(word))) continue;
  const started = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(`${result.status === 0 ? 'ok  ' : 'FAIL'} ${step.name} (${seconds} s)`);
  if (result.status !== 0) {
    console.log(`\n${summary.join('\n')}`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n${summary.join('\n')}`);
