import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocumentProblems } from './openapi-document-problems';
import { OpenApiValidator } from './openapi-validator';
import { repoRoot } from './repo-root';

type Json = Record<string, unknown>;

const FIXTURES = join(repoRoot(), 'e2e', 'fixtures');
const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('-openapi.json'));

describe('committed OpenAPI fixtures', () => {
  it('include the Run:ai document', () => {
    expect(fixtures).toContain('runai-openapi.json');
  });

  describe.each(fixtures)('%s', (name) => {
    const document = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Json;

    it('is well-formed: references resolve, operations have ids and a 2xx answer', () => {
      expect(openApiDocumentProblems(document)).toEqual([]);
    });

    it('compiles the schema of every documented response', () => {
      const validator = new OpenApiValidator(document, { rejectUnknownProperties: true });
      for (const [operation, statuses] of Object.entries(validator.documentedStatuses())) {
        const [method, path] = operation.split(' ') as [string, string];
        // Any body: a schema that fails to compile throws here; a mismatch only returns problems.
        for (const status of statuses) expect(() => validator.problems(method, path, { status, body: {} })).not.toThrow();
      }
    });
  });
});

describe('openApiDocumentProblems', () => {
  it('names every kind of problem', () => {
    expect(
      openApiDocumentProblems({
        openapi: '3.1.0',
        security: [{ bearer: [] }],
        paths: {
          '/a': { get: { responses: { '404': { $ref: '#/components/responses/Missing' } } } },
          '/b': { get: { operationId: 'x', responses: { '200': {} } }, post: { operationId: 'x', responses: { '201': {} } } },
        },
      }),
    ).toEqual([
      'openapi must be 3.0.x, is 3.1.0',
      'unresolved $ref #/components/responses/Missing',
      'GET /a has no operationId',
      'GET /a has no 2xx response',
      'POST /b repeats operationId x',
      'security scheme bearer is not declared',
    ]);
  });
});
