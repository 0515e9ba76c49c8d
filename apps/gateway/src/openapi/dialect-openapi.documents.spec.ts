import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIREWORKS_OPENAPI_DOCUMENT } from './fireworks-openapi.document';
import { OPENAPI_PARTS } from './openapi-parts';
import { TRUEFOUNDRY_OPENAPI_DOCUMENT } from './truefoundry-openapi.document';

const ROOT = join(__dirname, '..', '..', '..', '..');
const SEEDS = process.env['SEEDS_DIR'] ?? join(ROOT, '..', 'shared', 'seeds');

const operations = (document: Record<string, unknown>) =>
  Object.entries(document['paths'] as Record<string, object>)
    .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();

describe('the TrueFoundry and Fireworks OpenAPI documents the gateway serves', () => {
  it.each([
    ['truefoundry', TRUEFOUNDRY_OPENAPI_DOCUMENT],
    ['fireworks', FIREWORKS_OPENAPI_DOCUMENT],
  ])('%s is its conformance fixture and a part of /openapi.json', (name, document) => {
    expect(document).toEqual(JSON.parse(readFileSync(join(ROOT, 'e2e', 'fixtures', `${name}-openapi.json`), 'utf8')));
    expect(OPENAPI_PARTS.find((p) => p.name === name)?.document).toBe(document);
  });

  it('describes every TrueFoundry route, the seed 000 operation included', () => {
    expect(operations(TRUEFOUNDRY_OPENAPI_DOCUMENT)).toEqual([
      'DELETE /api/svc/v1/clusters/{id}',
      'DELETE /api/svc/v1/{collection}/{key}',
      'GET /api/svc/v1/clusters',
      'GET /api/svc/v1/clusters/{id}',
      'GET /api/svc/v1/clusters/{id}/is-connected',
      'GET /api/svc/v1/{collection}',
      'POST /api/svc/v1/{collection}',
      'PUT /api/svc/v1/clusters',
    ]);
  });

  it('describes every Fireworks route', () => {
    expect(operations(FIREWORKS_OPENAPI_DOCUMENT)).toEqual([
      'DELETE /v1/accounts/{account_id}/clusters/{cluster_id}',
      'GET /v1/accounts/{account_id}/clusters',
      'GET /v1/accounts/{account_id}/clusters/{cluster_id}',
      'GET /v1/accounts/{account_id}/clusters/{cluster_id}:getConnectionInfo',
      'PATCH /v1/accounts/{account_id}/clusters/{cluster_id}',
      'POST /v1/accounts/{account_id}/clusters',
    ]);
  });

  // The seeds live beside the repository; on a clone without them only the checks above run.
  (existsSync(SEEDS) ? it : it.skip)('matches what scripts/extract-dialect-openapi.mjs builds from the seeds now', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', 'extract-dialect-openapi.mjs'), '--check', '--seeds', SEEDS], { stdio: 'pipe' })).not.toThrow();
  });
});
