// Shared jest settings: SWC for speed (with decorator metadata for NestJS), tsconfig paths as module names.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const root = __dirname;
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(root, target),
  ]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** One jest project per test tier; tiers are told apart by file suffix (STYLE.md). */
function tier(displayName, suffix, extra = {}) {
  return {
    displayName,
    rootDir: root,
    testEnvironment: 'node',
    testMatch: [`<rootDir>/{libs,services,bench,scripts,e2e,infra}/**/*${suffix}`],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    transform: { '^.+\\.(t|j)s$': swc },
    moduleNameMapper,
    ...extra,
  };
}

module.exports = { tier, moduleNameMapper, swc };
