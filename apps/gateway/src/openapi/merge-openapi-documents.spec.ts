import { mergeOpenApiDocuments } from './merge-openapi-documents';

const errorA = { required: ['code'], properties: { code: { type: 'integer' } } };
const errorB = { required: ['statusCode'], properties: { statusCode: { type: 'integer' } } };
const shared = { type: 'string', format: 'uuid' };

const part = (name: string, path: string, error: object) => ({
  name,
  document: {
    tags: [{ name: 'Clusters' }, { name }],
    paths: { [path]: { get: { responses: { '400': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } } } } },
    components: { schemas: { Error: error, Id: shared } },
  },
});

describe('mergeOpenApiDocuments', () => {
  const merged = mergeOpenApiDocuments({ openapi: '3.0.3', info: { title: 't', version: '1' } }, [part('runai', '/api/v1/x', errorA), part('tfy', '/api/svc/v1/x', errorB)]);
  const schemaRef = (path: string) => (merged['paths'] as never)[path]['get']['responses']['400']['content']['application/json']['schema']['$ref'];

  it('keeps the base fields and merges the paths', () => {
    expect(merged).toMatchObject({ openapi: '3.0.3', info: { title: 't' } });
    expect(Object.keys(merged['paths'] as object)).toEqual(['/api/v1/x', '/api/svc/v1/x']);
  });

  it('shares identical components once', () => {
    expect((merged['components'] as { schemas: object }).schemas).toEqual({ Error: errorA, Id: shared, 'tfy.Error': errorB });
  });

  it('renames a component two parts define differently and rewrites the later part’s references', () => {
    expect(schemaRef('/api/v1/x')).toBe('#/components/schemas/Error');
    expect(schemaRef('/api/svc/v1/x')).toBe('#/components/schemas/tfy.Error');
  });

  it('lists each tag once', () => {
    expect(merged['tags']).toEqual([{ name: 'Clusters' }, { name: 'runai' }, { name: 'tfy' }]);
  });

  it('refuses two parts answering the same method on the same path', () => {
    expect(() => mergeOpenApiDocuments({}, [part('a', '/x', errorA), part('b', '/x', errorA)])).toThrow('GET /x is described by two OpenAPI parts (the second is b)');
  });
});
