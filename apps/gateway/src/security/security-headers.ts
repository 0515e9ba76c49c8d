import type { FastifyInstance } from 'fastify';

const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
};

/** JSON answers load nothing and may be framed by nobody. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI (/docs) and the queues UI (/ops/queues) run only their own scripts; both set
 * inline style attributes (hence 'unsafe-inline' for styles alone) and Swagger UI draws its
 * icons from data: URIs. The queues UI's web font link is blocked and falls back to system fonts.
 */
const UI_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
const UI_PREFIXES = ['/docs', '/ops/queues'];

const isUiPath = (url: string): boolean => UI_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));

/**
 * Security headers on every answer the gateway sends, errors and 404s included. A callback
 * hook, not an async one: it runs for every agent heartbeat, and an async hook costs a promise
 * and a microtask turn per answer.
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.headers(COMMON_HEADERS);
    reply.header('content-security-policy', isUiPath(request.url) ? UI_POLICY : API_POLICY);
    reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    reply.removeHeader('x-powered-by');
    done(null, payload);
  });
}
