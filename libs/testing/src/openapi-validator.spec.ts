import { OpenApiValidator } from './openapi-validator';

const document = {
  openapi: '3.0.3',
  paths: {
    '/things': {
      get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } } } } },
    },
    '/things/{id}': {
      get: {
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Shown' } } } },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
      delete: { responses: { '204': { description: 'gone' } } },
    },
    '/things/special': {
      get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', required: ['special'], properties: { special: { type: 'boolean' } } } } } } } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'createdAt'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          createdAt: { type: 'string', format: 'date-time' },
          colour: { type: 'string', nullable: true, enum: ['red', 'blue'] },
          size: { type: 'integer', format: 'int32' },
        },
      },
      Shown: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/Thing' }, { type: 'object', properties: { state: { type: 'string' } } }] },
      Error: { required: ['code', 'message'], properties: { code: { type: 'integer' }, message: { type: 'string' } } },
    },
    responses: { NotFound: { description: 'not found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
  },
};

const ID = '3f2b8c1e-0000-4000-8000-000000000001';
const thing = { id: ID, createdAt: '2025-03-01T12:00:00.000Z' };

describe('OpenApiValidator', () => {
  const validator = new OpenApiValidator(document, { undocumentedErrorSchema: '#/components/schemas/Error', rejectUnknownProperties: true });

  it('accepts a conforming body', () => {
    expect(validator.problems('GET', '/things', { status: 200, body: [thing, { ...thing, colour: 'red', size: 3 }] })).toEqual([]);
  });

  it('checks formats', () => {
    expect(validator.problems('GET', '/things', { status: 200, body: [{ ...thing, id: 'nope' }] })).toEqual([
      'GET /things 200: /0/id must match format "uuid" {"format":"uuid"}',
    ]);
    expect(validator.problems('GET', '/things', { status: 200, body: [{ ...thing, createdAt: 'yesterday' }] })).toHaveLength(1);
    expect(validator.problems('GET', '/things', { status: 200, body: [{ ...thing, size: 2 ** 31 }] })).toHaveLength(1);
  });

  it('lets nullable accept null even next to an enum, and nothing else outside the enum', () => {
    expect(validator.problems('GET', '/things', { status: 200, body: [{ ...thing, colour: null }] })).toEqual([]);
    expect(validator.problems('GET', '/things', { status: 200, body: [{ ...thing, colour: 'green' }] }).length).toBeGreaterThan(0);
  });

  it('accepts null for a nullable allOf and checks the composed object otherwise', () => {
    expect(validator.problems('GET', `/things/${ID}`, { status: 200, body: null })).toEqual([]);
    expect(validator.problems('GET', `/things/${ID}`, { status: 200, body: { ...thing, state: 'on' } })).toEqual([]);
    expect(validator.problems('GET', `/things/${ID}`, { status: 200, body: { state: 'on' } }).length).toBeGreaterThan(0);
  });

  it('rejects properties no schema declares, also across allOf', () => {
    expect(validator.problems('GET', '/things', { status: 200, body: [{ ...thing, secret: 1 }] }).join()).toContain('must NOT have unevaluated properties');
    expect(validator.problems('GET', `/things/${ID}`, { status: 200, body: { ...thing, state: 'on', secret: 1 } }).join()).toContain('unevaluated');
  });

  it('allows unknown properties when not asked to reject them', () => {
    const lenient = new OpenApiValidator(document);
    expect(lenient.problems('GET', '/things', { status: 200, body: [{ ...thing, secret: 1 }] })).toEqual([]);
  });

  it('follows a response $ref and validates error bodies', () => {
    expect(validator.problems('GET', `/things/${ID}`, { status: 404, body: { code: 404, message: 'x' } })).toEqual([]);
    expect(validator.problems('GET', `/things/${ID}`, { status: 404, body: { code: '404' } })).toHaveLength(2);
  });

  it('validates an undocumented error status against the fallback schema, and refuses it without one', () => {
    expect(validator.problems('GET', '/things', { status: 409, body: { code: 409, message: 'taken' } })).toEqual([]);
    expect(validator.problems('GET', '/things', { status: 409, body: { message: 'taken' } })).toHaveLength(1);
    expect(new OpenApiValidator(document).problems('GET', '/things', { status: 409, body: {} })).toEqual(['GET /things: status 409 is not documented (documented: 200)']);
    expect(validator.problems('GET', '/things', { status: 201, body: {} })).toEqual(['GET /things: status 201 is not documented (documented: 200)']);
  });

  it('expects no body where none is documented', () => {
    expect(validator.problems('DELETE', `/things/${ID}`, { status: 204, body: undefined })).toEqual([]);
    expect(validator.problems('DELETE', `/things/${ID}`, { status: 204, body: { a: 1 } })).toHaveLength(1);
  });

  it('prefers a literal path segment over a parameter and ignores the query', () => {
    expect(validator.problems('GET', '/things/special?x=1', { status: 200, body: { special: true } })).toEqual([]);
  });

  it('names an unknown operation', () => {
    expect(validator.problems('PATCH', '/things', { status: 200, body: {} })).toEqual(['no operation PATCH /things in the document']);
  });

  it('throws with every problem from assertResponse', () => {
    expect(() => validator.assertResponse('GET', '/things', { status: 200, body: [{}] })).toThrow(/must have required property 'id'[\s\S]*must have required property 'createdAt'/);
  });

  it('reports which operations and statuses were validated', () => {
    const fresh = new OpenApiValidator(document);
    fresh.problems('GET', '/things', { status: 200, body: [] });
    expect(fresh.coverage()).toEqual({ 'DELETE /things/{id}': [], 'GET /things': [200], 'GET /things/special': [], 'GET /things/{id}': [] });
    expect(fresh.documentedStatuses()['GET /things/{id}']).toEqual([200, 404]);
  });
});
