// Three tiers (STYLE.md): unit tests fake I/O and run in parallel; integration and
// end-to-end tests talk to real Postgres, Redis and NATS and run one file at a time.
const preset = require('./jest.preset');

const ignore = ['/node_modules/', '/dist/', '/.local/'];

module.exports = {
  projects: [
    { ...preset, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'], testPathIgnorePatterns: ignore },
    { ...preset, displayName: 'integration', rootDir: __dirname, testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.int-spec.ts'], testPathIgnorePatterns: ignore, testTimeout: 60000 },
    { ...preset, displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'], testPathIgnorePatterns: ignore, testTimeout: 120000 },
  ],
};
