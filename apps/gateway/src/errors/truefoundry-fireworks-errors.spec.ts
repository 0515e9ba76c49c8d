import { AppError } from '@clusterplane/contracts';
import { renderError } from './dialect-error-renderer';

describe('TrueFoundry and Fireworks error bodies', () => {
  it('renders HttpError with 422 for a validation error that names fields', () => {
    const error = AppError.invalid('invalid body: manifest.name: bad', [{ field: 'manifest.name', message: 'bad' }]);
    expect(renderError('/api/svc/v1/clusters', error)).toEqual({
      status: 422,
      body: { statusCode: 422, message: 'invalid body: manifest.name: bad', code: 'invalid_argument', details: [{ field: 'manifest.name', message: 'bad' }] },
      headers: {},
    });
  });

  it('keeps 400 for a framing error (no fields), and every other status as it is', () => {
    expect(renderError('/api/svc/v1/clusters', new AppError('invalid_argument', 'request body is not valid JSON', [], 400)).status).toBe(400);
    expect(renderError('/api/svc/v1/clusters', new AppError('failed_precondition', 'x')).body).toEqual({ statusCode: 409, message: 'x', code: 'failed_precondition', details: [] });
    expect(renderError('/api/svc/v1/clusters', new AppError('unprocessable', 'y', [{ field: 'manifest.collaborators', message: 'z' }])).status).toBe(422);
  });

  it('puts the error id of a 5xx into the HttpError details, and sets retry-after on 503', () => {
    expect(renderError('/api/svc/v1/clusters', new AppError('internal', 'internal error'), 'err-1').body).toMatchObject({ statusCode: 500, details: [{ errorId: 'err-1' }] });
    expect(renderError('/api/svc/v1/clusters', new AppError('unavailable', 'later'), undefined, 2).headers).toEqual({ 'retry-after': '2' });
  });

  it('renders Fireworks errors as google.rpc status with a BadRequest and a RequestInfo', () => {
    const error = AppError.invalid('invalid body', [{ field: 'clusterId', message: 'must match' }]);
    expect(renderError('/v1/accounts/acme/clusters', error)).toEqual({
      status: 400,
      body: { code: 400, message: 'invalid body', details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'clusterId', description: 'must match' }] }] },
      headers: {},
    });
    expect(renderError('/v1/accounts/acme/clusters', new AppError('internal', 'internal error'), 'err-2').body).toEqual({
      code: 500,
      message: 'internal error',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: 'err-2' }],
    });
    expect(renderError('/v1/accounts/acme/clusters/x', AppError.notFound('cluster x')).body).toEqual({ code: 404, message: 'cluster x not found', details: [] });
  });
});
