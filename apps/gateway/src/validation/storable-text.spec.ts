import Fastify from 'fastify';
import { AppError } from '@clusterplane/contracts';
import { refuseUnstorableText, unstorableTextField } from './storable-text';

describe('unstorableTextField', () => {
  it.each([
    ['a NUL character', { name: 'a\u0000b' }, 'name'],
    ['a lone high surrogate', { tags: { team: '\uD800' } }, 'tags.team'],
    ['a lone low surrogate', ['ok', '\uDC00x'], '1'],
    ['a key with a NUL character', { tags: { 'k\u0000': 'v' } }, 'tags.k\u0000'],
    ['the value itself', '\u0000', ''],
  ])('finds %s', (_, value, field) => {
    expect(unstorableTextField(value)).toBe(field);
  });

  it.each([[{ name: 'cluster-01', emoji: '👩‍👩‍👧‍👦🚀', accents: 'é', rtl: '\u202E' }], [[1, true, null, { a: [] }]], ['\t\r\n'], [undefined]])('accepts storable text: %j', (value) => {
    expect(unstorableTextField(value)).toBeNull();
  });
});

describe('refuseUnstorableText', () => {
  async function app() {
    const fastify = Fastify();
    fastify.setErrorHandler((error, _request, reply) => {
      const appError = error as unknown as AppError;
      void reply.status(appError.httpStatus ?? 500).send({ message: appError.message, details: appError.details });
    });
    refuseUnstorableText(fastify);
    fastify.post('/users/:username', async () => ({ ok: true }));
    await fastify.ready();
    return fastify;
  }

  it('refuses a path parameter, a query value or a body field before the route runs, naming it', async () => {
    const fastify = await app();
    const inPath = await fastify.inject({ method: 'POST', url: '/users/%00', payload: {} });
    expect(inPath.statusCode).toBe(400);
    expect(inPath.json()).toMatchObject({ details: [{ field: 'username' }] });
    expect((await fastify.inject({ method: 'POST', url: '/users/u?limit=%00', payload: {} })).json()).toMatchObject({ details: [{ field: 'limit' }] });
    expect((await fastify.inject({ method: 'POST', url: '/users/u', payload: { name: '\uD800' } })).json()).toMatchObject({ details: [{ field: 'name' }] });
    expect((await fastify.inject({ method: 'POST', url: '/users/u', payload: { name: 'fine' } })).statusCode).toBe(200);
  });
});
