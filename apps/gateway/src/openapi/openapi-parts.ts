import { agentOpenApiDocument } from './agent-openapi.document';
import { FIREWORKS_OPENAPI_DOCUMENT } from './fireworks-openapi.document';
import { fluidstackOpenApiDocument } from './fluidstack-openapi.document';
import type { OpenApiPart } from './merge-openapi-documents';
import { opsOpenApiDocument } from './ops-openapi.document';
import { RUNAI_OPENAPI_DOCUMENT } from './runai-openapi.document';
import { TRUEFOUNDRY_OPENAPI_DOCUMENT } from './truefoundry-openapi.document';

const DIALECT_PARTS: readonly OpenApiPart[] = [
  { name: 'runai', document: RUNAI_OPENAPI_DOCUMENT },
  { name: 'agent', document: agentOpenApiDocument() },
  { name: 'truefoundry', document: TRUEFOUNDRY_OPENAPI_DOCUMENT },
  { name: 'fireworks', document: FIREWORKS_OPENAPI_DOCUMENT },
  { name: 'fluidstack', document: fluidstackOpenApiDocument() },
];

/**
 * What /openapi.json describes: every route the gateway registers but the two UIs (the auth
 * matrix e2e test checks it against Fastify's routes). A dialect adds its document here;
 * `/openapi.json?dialect=<name>` serves one part alone.
 */
export const OPENAPI_PARTS: readonly OpenApiPart[] = [...DIALECT_PARTS, { name: 'ops', document: opsOpenApiDocument([...DIALECT_PARTS.map((p) => p.name), 'ops']) }];
