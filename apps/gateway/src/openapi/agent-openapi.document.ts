import { agentReportSchema } from '@clusterplane/contracts';
import { RUNAI_OPENAPI_DOCUMENT } from './runai-openapi.document';
import { zodToOpenApi } from './zod-openapi-schema';

type Json = Record<string, unknown>;

/**
 * The agent protocol (SPEC section 6) as OpenAPI: the request body is documented from the very
 * schema that validates it. Errors on this route use the Run:ai body, like every /api/v1 route.
 */
export function agentOpenApiDocument(): Json {
  const report = zodToOpenApi(agentReportSchema, 'AgentReport');
  const runaiSchemas = (RUNAI_OPENAPI_DOCUMENT['components'] as { schemas: Json }).schemas;
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  return {
    tags: [{ name: 'Agents', description: 'The protocol cluster agents speak: status reports in, commands out.' }],
    paths: {
      '/api/v1/agent/clusters/{clusterUuid}/status': {
        post: {
          summary: 'Report a cluster status.',
          description: 'Called by the cluster agent with the client secret from cluster-install-info. The answer carries commands for the agent, such as uninstall, which it acknowledges in a later report.',
          operationId: 'report_cluster_status',
          tags: ['Agents'],
          security: [{ agentClientSecret: [] }],
          parameters: [{ $ref: '#/components/parameters/ClusterUuid' }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/AgentReport' } } } },
          responses: {
            '200': { description: 'Stored.', content: { 'application/json': { schema: { $ref: '#/components/schemas/AgentCommands' } } } },
            '400': error('The report is malformed.'),
            '401': error('Missing, wrong or revoked client secret.'),
            '404': error('The cluster was deleted; the agent should uninstall itself.'),
            '503': error('The status service cannot be reached; retry.'),
          },
        },
      },
    },
    components: {
      securitySchemes: { agentClientSecret: { type: 'http', scheme: 'bearer', description: "The cluster's clientSecret from cluster-install-info." } },
      parameters: { ClusterUuid: (RUNAI_OPENAPI_DOCUMENT['components'] as { parameters: Json }).parameters['ClusterUuid'] },
      schemas: {
        AgentReport: report.schema,
        ...report.components,
        AgentCommands: {
          type: 'object',
          required: ['commands'],
          properties: {
            commands: {
              type: 'array',
              items: { type: 'object', required: ['command', 'id'], properties: { command: { type: 'string', enum: ['uninstall'] }, id: { type: 'string' } } },
            },
          },
        },
        Error: runaiSchemas['Error'],
      },
    },
  };
}
