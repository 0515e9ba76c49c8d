import { QUEUE_NAMES } from '@clusterplane/contracts';
import { limitQuery } from '../ops/ops.schemas';
import { RUNAI_OPENAPI_DOCUMENT } from './runai-openapi.document';
import { zodToOpenApi } from './zod-openapi-schema';

type Json = Record<string, unknown>;

const TAG = 'Operations';
const json = (schema: Json) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const object = (properties: Json) => ({ type: 'object', required: Object.keys(properties), properties });
const count = { type: 'integer', minimum: 0 };

/** What the ops role may be refused with; outside a dialect's prefix errors use Run:ai's body. */
const OPS_ERRORS = { '401': error('Missing, invalid or expired bearer token.'), '403': error('The token lacks the ops role.') };

interface OpsOperationOptions {
  parameters?: Json[];
  /** Errors beyond 401 and 403. */
  errors?: Json;
}

function opsOperation(summary: string, operationId: string, success: [status: string, description: string, schema: Json], options: OpsOperationOptions = {}): Json {
  const [status, description, schema] = success;
  return {
    tags: [TAG],
    summary,
    operationId,
    security: [{ bearerAuth: [] }],
    ...(options.parameters ? { parameters: options.parameters } : {}),
    responses: { [status]: { description, content: json(schema) }, ...OPS_ERRORS, ...(options.errors ?? {}) },
  };
}

const queueParameter = { name: 'queue', in: 'path', required: true, description: 'A BullMQ queue; any other name is 404.', schema: { type: 'string', enum: [...QUEUE_NAMES] } };
const limitParameter = (description: string) => ({ name: 'limit', in: 'query', required: false, description, schema: (zodToOpenApi(limitQuery, 'OpsLimit').schema['properties'] as Json)['limit'] });
const invalid = error('A parameter is out of range; the message names it.');

const paths = (dialects: readonly string[]): Record<string, Json> => ({
  '/ops/api/queues': {
    get: opsOperation('Job counts per state for every queue', 'ops_queue_counts', ['200', 'One entry per queue.', { type: 'array', items: object({ queue: { type: 'string', enum: [...QUEUE_NAMES] }, counts: { type: 'object', additionalProperties: count } }) }]),
  },
  '/ops/api/queues/{queue}/failed': {
    get: opsOperation(
      'The dead-letter set of a queue',
      'ops_failed_jobs',
      ['200', 'Failed jobs, oldest first.', { type: 'array', items: { $ref: '#/components/schemas/OpsFailedJob' } }],
      { parameters: [queueParameter, limitParameter('At most this many jobs.')], errors: { '400': invalid, '404': error('No such queue.') } },
    ),
  },
  '/ops/api/queues/{queue}/jobs/{jobId}/retry': {
    post: opsOperation(
      'Retry one failed job',
      'ops_retry_job',
      ['202', 'Retried.', object({ retried: { type: 'string' } })],
      {
        parameters: [queueParameter, { name: 'jobId', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 256 } }],
        errors: { '400': invalid, '404': error('No such queue or job.'), '409': error('The job is not failed.') },
      },
    ),
  },
  '/ops/api/queues/{queue}/replay': {
    post: opsOperation(
      'Retry the failed jobs of a queue',
      'ops_replay_queue',
      ['202', 'How many were retried and how many failed jobs remain.', object({ replayed: count, remaining: count })],
      { parameters: [queueParameter, limitParameter('At most this many jobs, oldest first.')], errors: { '400': invalid, '404': error('No such queue.') } },
    ),
  },
  '/ops/api/reconcile': {
    post: opsOperation('Run every reconciler now', 'ops_reconcile', ['202', 'The reconcilers triggered.', object({ triggered: { type: 'array', items: { type: 'string' } } })]),
  },
  '/ops/api/orphans': {
    get: opsOperation(
      'Provider resources forced deletes left behind, not collected yet',
      'ops_orphans',
      ['200', 'Oldest first.', { type: 'array', items: { $ref: '#/components/schemas/OpsOrphan' } }],
      { parameters: [limitParameter('At most this many orphans.')], errors: { '400': invalid } },
    ),
  },
  '/ops/api/orphans/collect': {
    post: opsOperation('Start collecting every uncollected orphan now', 'ops_collect_orphans', ['202', 'Clusters with orphans, and how many collection jobs were enqueued.', object({ clusters: count, enqueued: count })]),
  },
  '/metrics': {
    get: {
      tags: [TAG],
      summary: 'Prometheus metrics of the gateway',
      operationId: 'ops_metrics',
      security: [{ bearerAuth: [] }],
      responses: { '200': { description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string' } } } }, ...OPS_ERRORS },
    },
  },
  '/healthz': {
    get: { tags: [TAG], summary: 'Liveness', operationId: 'healthz', security: [], responses: { '200': { description: 'The process runs.', content: json(object({ status: { type: 'string', enum: ['ok'] } })) } } },
  },
  '/readyz': {
    get: {
      tags: [TAG],
      summary: 'Readiness: Postgres, Redis, NATS and the queue canary answer',
      operationId: 'readyz',
      security: [],
      responses: {
        '200': { description: 'Ready.', content: json({ $ref: '#/components/schemas/Readiness' }) },
        '503': { description: 'A dependency does not answer.', content: json({ $ref: '#/components/schemas/Readiness' }) },
      },
    },
  },
  '/openapi.json': {
    get: {
      tags: [TAG],
      summary: 'This API description',
      operationId: 'openapi_document',
      security: [],
      parameters: [{ name: 'dialect', in: 'query', required: false, description: 'One part alone.', schema: { type: 'string', enum: [...dialects] } }],
      responses: { '200': { description: 'An OpenAPI 3.0 document.', content: json({ type: 'object', additionalProperties: true }) }, '400': invalid },
    },
  },
});

/**
 * Operators' routes (SPEC section 9) and the routes every service answers: queues, the
 * dead-letter set, reconcilers, orphans, metrics, health and this description. The queues UI
 * (/ops/queues) and Swagger UI (/docs) are pages, not API, and are not described. `parts` are
 * the names `/openapi.json?dialect=` takes.
 */
export function opsOpenApiDocument(parts: readonly string[]): Json {
  const runai = RUNAI_OPENAPI_DOCUMENT['components'] as { securitySchemes: Json; schemas: Json };
  return {
    tags: [{ name: TAG, description: 'Queues, reconcilers and orphans (role ops), metrics, health and the API description.' }],
    paths: paths(parts),
    components: {
      securitySchemes: { bearerAuth: runai.securitySchemes['bearerAuth'] },
      schemas: {
        Error: runai.schemas['Error'],
        OpsFailedJob: object({ id: { type: 'string' }, name: { type: 'string' }, error: { type: 'string' }, attempts: count, failedAt: { type: 'string', format: 'date-time', nullable: true }, data: {} }),
        OpsOrphan: object({
          id: { type: 'string' },
          clusterId: { type: 'string', nullable: true },
          tenantId: { type: 'integer' },
          kind: { type: 'string' },
          externalId: { type: 'string' },
          provider: { type: 'string' },
          attempts: count,
          lastError: { type: 'string', nullable: true },
          createdAt: { type: 'string', format: 'date-time' },
        }),
        Readiness: object({
          status: { type: 'string', enum: ['ready', 'not-ready'] },
          checks: { type: 'object', additionalProperties: { type: 'object', required: ['ok', 'ms'], properties: { ok: { type: 'boolean' }, error: { type: 'string' }, ms: { type: 'number' } } } },
        }),
      },
    },
  };
}
