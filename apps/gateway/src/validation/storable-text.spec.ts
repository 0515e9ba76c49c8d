import Fastify from 'fastify';
import { AppError } from '@clusterplane/contracts';
import { registerJsonBodyParser } from '../security/json-body-parser';
import { refuseUnstorableText } from './storable-text';

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

describe('refuseUnstorableText behind the JSON body parser', () => {
  async function app() {
    const fastify = Fastify();
    fastify.setErrorHandler((error, _request, reply) => {
      const appError = error as unknown as AppError;
      void reply.status(appError.httpStatus ?? 500).send({ message: appError.message, details: appError.details });
    });
    registerJsonBodyParser(fastify);
    refuseUnstorableText(fastify);
    fastify.post('/things', async (request) => ({ got: request.body }));
    await fastify.ready();
    return fastify;
  }
  const post = async (text: string) => {
    const response = await (await app()).inject({ method: 'POST', url: '/things', payload: text, headers: { 'content-type': 'application/json' } });
    return { status: response.statusCode, body: response.json() };
  };

  // The parser lets bodies without a \u escape skip the walk: every escape that can decode to
  // unstorable text must still reach it, in either case of hex digits, in keys as in values.
  it.each([
    ['a NUL escape', '{"name":"a\\u0000b"}', 'name'],
    ['a lone high surrogate in upper case', '{"tags":{"team":"\\uD83D"}}', 'tags.team'],
    ['a lone low surrogate in lower case', '{"list":["ok","\\udc00"]}', 'list.1'],
    ['a NUL escape in a key', '{"tags":{"k\\u0000":"v"}}', 'tags.k\u0000'],
  ])('refuses %s', async (_, text, field) => {
    const { status, body } = await post(text);
    expect(status).toBe(400);
    expect(body.details).toEqual([expect.objectContaining({ field })]);
  });

  it.each([
    ['a surrogate pair written as escapes', '{"emoji":"\\ud83d\\ude80"}', { emoji: '🚀' }],
    ['other escapes', '{"accent":"\\u00e9","tab":"\\t"}', { accent: 'é', tab: '\t' }],
    ['an escaped backslash before u0000', '{"path":"C:\\\\u0000"}', { path: 'C:\\u0000' }],
    ['plain text', '{"name":"cluster-01","n":[1,2]}', { name: 'cluster-01', n: [1, 2] }],
  ])('accepts %s', async (_, text, parsed) => {
    expect(await post(text)).toEqual({ status: 200, body: { got: parsed } });
  });
});
