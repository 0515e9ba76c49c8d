// Three tiers (STYLE.md): unit tests fake I/O and run in parallel; integration and
// end-to-end tests talk to real Postgres, Redis and NATS and run one file at a time.
const preset = require('./jest.preset');

const ignore = ['/node_modules/', '/dist/', '/.local/'];

module.exports = {
  // Per-project testTimeout is ignored by jest; integration and e2e tests bound their own waits.
  testTimeout: 60000,
  projects: [
    { ...preset, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'], testPathIgnorePatterns: ignore },
    { ...preset, displayName: 'integration', rootDir: __dirname, testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.int-spec.ts'], testPathIgnorePatterns: ignore },
    { ...preset, displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'], testPathIgnorePatterns: ignore },
  ],
};
