// `npx jest --selectProjects unit|integration|e2e [path]` runs one tier; `npm test` runs them all.
const { tier } = require('./jest.preset');

module.exports = {
  projects: [
    tier('unit', '.spec.ts'),
    tier('integration', '.int-spec.ts', { testTimeout: 60_000 }),
    tier('e2e', '.e2e-spec.ts', { testTimeout: 180_000 }),
  ],
};
