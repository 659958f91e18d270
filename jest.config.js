// `npx jest --selectProjects unit|integration|e2e [path]` runs one tier; `npm test` runs them all.
const { tier } = require('./jest.preset');

module.exports = {
  projects: [
    tier('unit', '.spec.ts'),
    tier('integration', '.int-spec.ts', { setupFilesAfterEnv: ['<rootDir>/tools/jest/integration-setup.js'] }),
    tier('e2e', '.e2e-spec.ts', { setupFilesAfterEnv: ['<rootDir>/tools/jest/e2e-setup.js'] }),
  ],
};
