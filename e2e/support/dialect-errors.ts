import type { HttpResult } from '@clusterplane/testing';
import { expectMessageBody } from './fluidstack';
import type { Dialect } from './route-inventory';

const onlyKeys = (body: Record<string, unknown>, allowed: string[]): boolean => Object.keys(body).every((key) => allowed.includes(key));

/**
 * Throws unless an error answer has its dialect's body (SPEC section 3): Run:ai (and the agent,
 * ops and public routes) `{code, message, details?}`, TrueFoundry `{statusCode, message, code,
 * details[]}`, Fireworks `{code, message, details[]}`, Fluidstack `{message}`.
 */
export function expectDialectError(dialect: Dialect, response: HttpResult<unknown>): void {
  if (dialect === 'fluidstack') return expectMessageBody(response);
  const body = response.body as Record<string, unknown>;
  const fail = (shape: string) => {
    throw new Error(`${dialect} error ${response.status} does not have the body ${shape}: ${JSON.stringify(response.body)}`);
  };
  if (typeof body !== 'object' || body === null || typeof body['message'] !== 'string') fail('with a message');
  if (dialect === 'truefoundry') {
    if (body['statusCode'] !== response.status || typeof body['code'] !== 'string' || !Array.isArray(body['details']) || !onlyKeys(body, ['statusCode', 'message', 'code', 'details'])) fail('{statusCode, message, code, details[]}');
  } else if (dialect === 'fireworks') {
    if (body['code'] !== response.status || !Array.isArray(body['details']) || !onlyKeys(body, ['code', 'message', 'details'])) fail('{code, message, details[]}');
  } else if (body['code'] !== response.status || !['string', 'undefined'].includes(typeof body['details']) || !onlyKeys(body, ['code', 'message', 'details'])) {
    fail('{code, message, details?}');
  }
}
