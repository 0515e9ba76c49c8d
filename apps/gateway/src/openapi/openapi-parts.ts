import { agentOpenApiDocument } from './agent-openapi.document';
import { FIREWORKS_OPENAPI_DOCUMENT } from './fireworks-openapi.document';
import type { OpenApiPart } from './merge-openapi-documents';
import { RUNAI_OPENAPI_DOCUMENT } from './runai-openapi.document';
import { TRUEFOUNDRY_OPENAPI_DOCUMENT } from './truefoundry-openapi.document';

/**
 * What /openapi.json describes. A dialect adds its document here (generated from its seed like
 * Run:ai's); `/openapi.json?dialect=<name>` serves one part alone.
 */
export const OPENAPI_PARTS: readonly OpenApiPart[] = [
  { name: 'runai', document: RUNAI_OPENAPI_DOCUMENT },
  { name: 'agent', document: agentOpenApiDocument() },
  { name: 'truefoundry', document: TRUEFOUNDRY_OPENAPI_DOCUMENT },
  { name: 'fireworks', document: FIREWORKS_OPENAPI_DOCUMENT },
];
