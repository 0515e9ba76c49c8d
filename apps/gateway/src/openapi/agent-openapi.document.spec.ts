import { agentOpenApiDocument } from './agent-openapi.document';
import { mergeOpenApiDocuments } from './merge-openapi-documents';
import { OPENAPI_PARTS } from './openapi-parts';

type Json = Record<string, unknown>;

/** Every `$ref` in a document, read from its JSON text. */
const refs = (document: Json): string[] => [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);

describe('the agent route in OpenAPI', () => {
  const document = agentOpenApiDocument();
  const schemas = (document['components'] as { schemas: Json }).schemas;

  it('documents the report body from the schema that validates it, recursive parts as components', () => {
    const report = schemas['AgentReport'] as { properties: Json; required: string[] };
    expect(Object.keys(report.properties)).toEqual(expect.arrayContaining(['reportedAt', 'version', 'conditions', 'dependencies', 'metrics', 'acks']));
    expect(report.required).toEqual(expect.arrayContaining(['reportedAt', 'version']));
    const local = refs(document).filter((ref) => ref.startsWith('#/components/schemas/'));
    expect(local.every((ref) => ref.slice('#/components/schemas/'.length) in schemas)).toBe(true);
    expect(refs(document).some((ref) => ref.startsWith('#/definitions/'))).toBe(false);
  });

  it('merges with the Run:ai document without renaming anything they share', () => {
    const merged = mergeOpenApiDocuments({}, OPENAPI_PARTS);
    expect(Object.keys((merged['components'] as { schemas: Json }).schemas).filter((name) => name.includes('.') && !name.startsWith('AgentReport.'))).toEqual([]);
  });
});
