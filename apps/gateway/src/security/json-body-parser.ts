import type { FastifyInstance } from 'fastify';
import { AppError } from '@clusterplane/contracts';
import { normalizeError } from '../errors/normalize-error';
import { noteParsedBody } from '../validation/storable-text';
import { exceedsJsonDepth } from './json-depth';

/** Deeper than any body of the four dialects nests (a TrueFoundry manifest is under 10). */
export const MAX_JSON_DEPTH = 32;

/** Fastify's parse errors in our wording; a poisoned (`__proto__`) body is "not valid JSON" too. */
const parseFailure = (error: Error & { code?: string }): AppError =>
  (error.code?.startsWith('FST_ERR_CTP_') && normalizeError(error)) || AppError.invalid('request body is not valid JSON');

/**
 * The gateway takes JSON bodies only: any other content type (text/plain, forms) is a 415.
 * The depth check runs first, then Fastify's own parser, which refuses `__proto__` and
 * `constructor` poisoning; the body limit (1 MiB, 413) applies while the body is read.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (exceedsJsonDepth(body as string, MAX_JSON_DEPTH)) {
      done(new AppError('invalid_argument', `request body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parse(request, body as string, (error, value) => {
      if (error) {
        done(parseFailure(error), undefined);
        return;
      }
      noteParsedBody(body as string, value);
      done(null, value);
    });
  });
  fastify.addContentTypeParser('*', (_request, _payload, done) => {
    done(new AppError('invalid_argument', 'unsupported content type; send application/json', [], 415), undefined);
  });
}
