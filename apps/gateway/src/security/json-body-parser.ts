import type { FastifyInstance } from 'fastify';
import { AppError, exceedsJsonDepth, jsonTooDeeplyNested, MAX_JSON_DEPTH, notValidJson } from '@clusterplane/contracts';
import { normalizeError } from '../errors/normalize-error';
import { noteParsedBody } from '../validation/storable-text';

/** Fastify's parse errors in our wording; a poisoned (`__proto__`) body is "not valid JSON" too. */
const parseFailure = (error: Error & { code?: string }): AppError => (error.code?.startsWith('FST_ERR_CTP_') && normalizeError(error)) || notValidJson();

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
      done(jsonTooDeeplyNested(), undefined);
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
  refuseOtherContentTypes(fastify);
}

/**
 * For a route that forwards its JSON body unparsed (the agent reports): the body as read, as
 * a Buffer, within the same body limit; whoever parses it answers for its content. Other
 * content types are refused as everywhere else.
 */
export function registerRawJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  refuseOtherContentTypes(fastify);
}

function refuseOtherContentTypes(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('*', (_request, _payload, done) => {
    done(new AppError('invalid_argument', 'unsupported content type; send application/json', [], 415), undefined);
  });
}
