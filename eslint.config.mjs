// Lint rules that hold the architecture (STYLE.md "Boundaries, enforced by tools").
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const frameworkPackages = [
  '@nestjs/*', 'typeorm', 'pg', 'nats', 'playwright-core', 'undici', 'pino',
  '@opentelemetry/*', 'node:*', 'fs', 'path', 'http', 'https', 'net', 'dns', 'crypto', 'child_process',
];
// Our libraries that wrap the frameworks above: importing a value from them drags typeorm, pg and
// nats into the domain. Their types (Decider, RecordedEvent…) are fine: erased at compile time.
const infrastructureLibs = [
  '@fieldwork/eventstore', '@fieldwork/eventstore/*',
  '@fieldwork/messaging', '@fieldwork/messaging/*',
  '@fieldwork/service-kit', '@fieldwork/service-kit/*',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'tmp/**', 'libs/contracts/src/gen/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx, 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'import-x/no-cycle': ['error', { maxDepth: 8 }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // Tools (e2e tests, scripts, benchmarks) may start services in-process; services never import services.
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool', 'type:service'] },
          ],
        },
      ],
    },
    settings: { 'import-x/resolver-next': [] },
  },
  {
    // Tools start services in-process through their entry points (@fieldwork/<service>); Nx
    // refuses imports of applications outright, so for tools every @fieldwork/* import is allowed.
    files: ['e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { allow: ['@fieldwork/*'] }] },
  },
  {
    // The domain is pure: deciders get the clock and ids as arguments and know no framework.
    files: ['**/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworkPackages, message: 'domain/ code stays free of frameworks and I/O' },
            {
              group: infrastructureLibs,
              allowTypeImports: true,
              message: 'domain/ code may import only types from infrastructure libs (use `import type`)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
