import { AppError } from '@clusterplane/contracts';
import { renderError } from './dialect-error-renderer';

describe('renderError', () => {
  it('renders the Run:ai body without details when there are none', () => {
    expect(renderError('/api/v1/clusters', AppError.notFound('cluster'))).toEqual({
      status: 404,
      body: { code: 404, message: 'cluster not found' },
      headers: {},
    });
  });

  it('joins details into one string, with and without a field', () => {
    const error = AppError.invalid('bad input', [{ field: 'name', message: 'must not be empty' }, { message: 'unknown query' }]);
    expect(renderError('/api/v1/clusters', error).body).toEqual({ code: 400, message: 'bad input', details: 'name: must not be empty; unknown query' });
  });

  it('appends the error id after the details', () => {
    const error = AppError.invalid('bad input', [{ field: 'name', message: 'too long' }]);
    expect(renderError('/api/v1/clusters', error, 'err-123').body).toEqual({ code: 400, message: 'bad input', details: 'name: too long; error id err-123' });
    expect(renderError('/api/v1/clusters', new AppError('internal', 'internal error'), 'err-9').body).toEqual({ code: 500, message: 'internal error', details: 'error id err-9' });
  });

  it('renders Fluidstack routes as {message}, the error id of a 5xx inside it', () => {
    const error = AppError.invalid('invalid body: name: is required', [{ field: 'name', message: 'is required' }]);
    expect(renderError('/api/v1alpha1/instances', error)).toEqual({ status: 400, body: { message: 'invalid body: name: is required' }, headers: {} });
    expect(renderError('/api/v1alpha1/projects', new AppError('internal', 'internal error'), 'err-7').body).toEqual({ message: 'internal error (error id err-7)' });
  });

  it('renders routes outside a known dialect in the default shape', () => {
    expect(renderError('/healthz', AppError.notFound('route'))).toEqual({ status: 404, body: { code: 404, message: 'route not found' }, headers: {} });
  });

  it.each([
    ['unavailable', 503],
    ['rate_limited', 429],
  ] as const)('sets retry-after for %s (%i)', (code, status) => {
    const rendered = renderError('/api/v1/clusters', new AppError(code, 'try later'), undefined, 5);
    expect(rendered.status).toBe(status);
    expect(rendered.headers).toEqual({ 'retry-after': '5' });
  });

  it('sets no retry-after for other statuses or without a value', () => {
    expect(renderError('/api/v1/clusters', new AppError('internal', 'x'), undefined, 5).headers).toEqual({});
    expect(renderError('/api/v1/clusters', new AppError('deadline_exceeded', 'x'), undefined, 5).headers).toEqual({});
    expect(renderError('/api/v1/clusters', new AppError('unavailable', 'x')).headers).toEqual({});
  });

  it('uses the status an AppError was given', () => {
    expect(renderError('/api/v1/clusters', new AppError('invalid_argument', 'x', [], 415)).status).toBe(415);
  });
});
