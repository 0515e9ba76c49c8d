import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNAI_OPENAPI_DOCUMENT } from './runai-openapi.document';

const ROOT = join(__dirname, '..', '..', '..', '..');
const SEEDS = process.env['SEEDS_DIR'] ?? join(ROOT, '..', 'shared', 'seeds');

describe('the Run:ai OpenAPI document the gateway serves', () => {
  it('is the conformance fixture the e2e tests validate against', () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'e2e', 'fixtures', 'runai-openapi.json'), 'utf8'));
    expect(RUNAI_OPENAPI_DOCUMENT).toEqual(fixture);
  });

  it('describes every Run:ai operation of seeds 001 and 002', () => {
    const operations = Object.entries(RUNAI_OPENAPI_DOCUMENT['paths'] as Record<string, object>).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual([
      'DELETE /api/v1/clusters/{clusterUuid}',
      'GET /api/v1/clusters',
      'GET /api/v1/clusters/minimal',
      'GET /api/v1/clusters/{clusterUuid}',
      'GET /api/v1/clusters/{clusterUuid}/cluster-install-info',
      'GET /api/v1/clusters/{clusterUuid}/metrics',
      'GET /api/v1/clusters/{clusterUuid}/minimal',
      'POST /api/v1/clusters',
      'PUT /api/v1/clusters/{clusterUuid}',
    ]);
  });

  // The seeds live beside the repository; on a clone without them only the checks above run.
  (existsSync(SEEDS) ? it : it.skip)('matches what scripts/extract-openapi.mjs extracts from the seeds now', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'extract-openapi.mjs'), '--check', '--seeds', SEEDS], { stdio: 'pipe' })).not.toThrow();
  });
});
