import { BadRequestException, ForbiddenException, HttpException, InternalServerErrorException, NotFoundException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { AppError } from '@clusterplane/contracts';
import { normalizeError } from './normalize-error';

describe('normalizeError', () => {
  it('passes an AppError through unchanged', () => {
    const error = AppError.notFound('cluster');
    expect(normalizeError(error)).toBe(error);
  });

  it('maps a Nest NotFoundException to not_found 404 "route not found", whatever its message', () => {
    expect(normalizeError(new NotFoundException('Cannot GET /secret/path'))).toMatchObject({ code: 'not_found', httpStatus: 404, message: 'route not found', details: [] });
  });

  it.each([
    [413, 'Request body is too large', 'payload_too_large', 'request body is larger than 1 MiB'],
    [415, 'Unsupported Media Type', 'invalid_argument', 'unsupported content type; send application/json'],
  ])('words a %i Fastify error that Nest re-threw as an HttpException our way', (status, raw, code, message) => {
    expect(normalizeError(new HttpException(raw, status))).toMatchObject({ code, httpStatus: status, message });
  });

  it('maps a BadRequestException to invalid_argument 400 with its message', () => {
    const error = normalizeError(new BadRequestException('missing field'));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid_argument', httpStatus: 400, message: 'missing field' });
  });

  it.each([
    [new UnauthorizedException(), 'unauthenticated', 401],
    [new ForbiddenException(), 'permission_denied', 403],
    [new HttpException('teapot', 418), 'invalid_argument', 418],
  ])('maps %p to %s %i', (exception, code, status) => {
    expect(normalizeError(exception)).toMatchObject({ code, httpStatus: status });
  });

  it.each([new InternalServerErrorException(), new ServiceUnavailableException(), new HttpException('bad gateway', 502)])('returns null for the 5xx %p', (exception) => {
    expect(normalizeError(exception)).toBeNull();
  });

  it.each([
    [400, 'FST_ERR_CTP_INVALID_JSON_BODY', 'invalid_argument', 'request body is not valid JSON'],
    [400, 'FST_ERR_CTP_EMPTY_JSON_BODY', 'invalid_argument', 'request body is empty but the content type is JSON'],
    [413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'payload_too_large', 'request body is larger than 1 MiB'],
    [415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE', 'invalid_argument', 'unsupported content type; send application/json'],
    [400, 'FST_ERR_BAD_URL', 'invalid_argument', 'the URL is not valid: a malformed percent-encoding'],
    [414, 'FST_ERR_MAX_PARAM_LENGTH', 'invalid_argument', 'a path segment is longer than 100 characters'],
  ])('maps a fastify %i %s to its safe message', (statusCode, code, appCode, message) => {
    const error = Object.assign(new Error('Unexpected token } in JSON at position 7'), { statusCode, code });
    expect(normalizeError(error)).toMatchObject({ code: appCode, httpStatus: statusCode, message });
  });

  it('never leaks the raw message of an unknown fastify error', () => {
    const error = Object.assign(new Error('internal detail /etc/passwd'), { statusCode: 400, code: 'FST_ERR_SOMETHING_NEW' });
    expect(normalizeError(error)).toMatchObject({ code: 'invalid_argument', httpStatus: 400, message: 'bad request' });
    expect(normalizeError({ statusCode: 429, message: 'slow down, internal detail' })).toMatchObject({ code: 'rate_limited', httpStatus: 429, message: 'bad request' });
  });

  it.each([{ statusCode: 500, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }, { statusCode: 302 }, { statusCode: '400' }])('returns null for %j', (error) => {
    expect(normalizeError(error)).toBeNull();
  });

  it.each([new Error('boom'), new TypeError('x is undefined'), null, undefined, 'string thrown'])('returns null for %p', (error) => {
    expect(normalizeError(error)).toBeNull();
  });
});
