import type { FastifyInstance } from 'fastify';
import { jsonTextMayHoldUnstorableText, unstorableTextError, unstorableTextField } from '@clusterplane/contracts';

const storableBodies = new WeakSet<object>();

/** The JSON body parser's note that `body`, parsed from `text`, needs no walk if nothing in `text` could be unstorable. */
export function noteParsedBody(text: string, body: unknown): void {
  if (typeof body === 'object' && body !== null && !jsonTextMayHoldUnstorableText(text)) storableBodies.add(body);
}

/**
 * Refuses, before any route code, a request whose path parameters, query or body carry text
 * that cannot be stored: 400 (TrueFoundry 422) naming the field, instead of a database error.
 */
export function refuseUnstorableText(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    // A raw body (the agent route's) is checked where it is parsed.
    const needsNoWalk = typeof request.body === 'object' && request.body !== null && (storableBodies.has(request.body) || Buffer.isBuffer(request.body));
    const body = needsNoWalk ? undefined : request.body;
    const parts: ['path' | 'query' | 'body', unknown][] = [
      ['path', request.params],
      ['query', request.query],
      ['body', body],
    ];
    for (const [where, value] of parts) {
      const field = unstorableTextField(value);
      if (field !== null) {
        done(unstorableTextError(where, field));
        return;
      }
    }
    done();
  });
}
