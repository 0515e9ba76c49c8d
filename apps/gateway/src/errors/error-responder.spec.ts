import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppError } from '@clusterplane/contracts';
import { sendError } from './error-responder';

function answer(url: string, error: unknown) {
  const logger = { error: jest.fn(), warn: jest.fn() };
  const sent: { status?: number; headers?: Record<string, string>; body?: unknown } = {};
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    headers(headers: Record<string, string>) {
      sent.headers = headers;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  sendError(logger as unknown as Logger, { method: 'POST', url } as FastifyRequest, reply as unknown as FastifyReply, error);
  return { sent, logger };
}

describe('sendError', () => {
  it.each([
    ['an unexpected error', new TypeError("Cannot read properties of undefined (reading 'id') at /srv/app/dist/x.js:12")],
    ['an internal AppError', new AppError('internal', 'status answered 3 outcomes for 4 reports')],
  ])('answers %s with a generic 500 and an error id, logging the cause', (_what, error) => {
    const { sent, logger } = answer('/api/v1/clusters', error);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ code: 500, message: 'internal error', details: expect.stringMatching(/^error id [0-9a-f-]{36}$/) });
    expect(JSON.stringify(sent.body)).not.toMatch(/outcomes|undefined|\/srv/);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: error, errorId: expect.any(String) }), 'unhandled error');
  });

  it('logs the path without its query, which may hold a credential', () => {
    const { logger } = answer('/ops/queues?token=eyJhbGciOi.secret.sig', new Error('boom'));
    expect(JSON.stringify(logger.error.mock.calls[0][0])).not.toContain('eyJhbGciOi');
    expect(logger.error.mock.calls[0][0]).toMatchObject({ path: '/ops/queues' });
  });

  it('sends the Retry-After an AppError carries, else the bus default on 503', () => {
    expect(answer('/api/v1/clusters', AppError.rateLimited('slow down', 7)).sent).toMatchObject({ status: 429, headers: { 'retry-after': '7' } });
    expect(answer('/api/v1/clusters', new AppError('unavailable', 'bus down')).sent).toMatchObject({ status: 503, headers: { 'retry-after': '2' } });
  });
});
