import { join } from 'node:path';
import { http, OpenApiValidator, repoRoot, type HttpResult } from '@clusterplane/testing';

/** The Run:ai document extracted from seeds 001 and 002 (scripts/extract-openapi.mjs). */
export const RUNAI_OPENAPI_FIXTURE = join(repoRoot(), 'e2e', 'fixtures', 'runai-openapi.json');

/**
 * Every error of a Run:ai route carries the dialect's `Error` body, also for statuses the seed
 * does not list for that operation (409 on create, 404 on update, 504); undeclared fields fail.
 */
export function runaiValidator(): OpenApiValidator {
  return OpenApiValidator.fromFile(RUNAI_OPENAPI_FIXTURE, { undocumentedErrorSchema: '#/components/schemas/Error', rejectUnknownProperties: true });
}

export type RunaiCall = <T = unknown>(method: string, path: string, options?: { body?: unknown; token?: string | null }) => Promise<HttpResult<T>>;

/** An HTTP client for Run:ai routes that fails the test on any answer the document does not allow. */
export function conformingClient(gatewayUrl: () => string, validator: OpenApiValidator, defaultToken: () => string): RunaiCall {
  return async <T>(method: string, path: string, options: { body?: unknown; token?: string | null } = {}) => {
    const token = options.token === null ? undefined : (options.token ?? defaultToken());
    const response = await http<T>(gatewayUrl(), method, path, { token, body: options.body });
    validator.assertResponse(method, path, response);
    return response;
  };
}

export interface RunaiError {
  code: number;
  message: string;
  details?: string;
}
