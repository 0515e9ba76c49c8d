import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { z } from 'zod';
import { createFilesystemBody, createInstanceBody, createProjectBody } from '../fluidstack/fluidstack.schemas';
import { createKubernetesClusterBody, updateKubernetesClusterBody } from '../fluidstack/kubernetes.schemas';
import { addSlurmUserBody, updateSlurmUserBody } from '../fluidstack/slurm.schemas';
import { fluidstackOpenApiDocument } from './fluidstack-openapi.document';
import { mergeOpenApiDocuments } from './merge-openapi-documents';
import { OPENAPI_PARTS } from './openapi-parts';
import { opsOpenApiDocument } from './ops-openapi.document';

type Json = Record<string, unknown>;
type Operation = { parameters?: Json[]; security?: unknown; responses: Record<string, Json>; requestBody?: unknown };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = (document: Json) =>
  Object.entries(document['paths'] as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, path, operation })),
  );
const refs = (document: Json): string[] => [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
const resolve = (document: Json, ref: string): unknown => ref.replace(/^#\//, '').split('/').reduce<unknown>((node, part) => (node as Json | undefined)?.[part], document);

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEaSkijEWFbnjixzWRw3u2spZZaeVeWO5/ymySevCvXh';

/** Seed 004's request samples, with the schema that validates each and its documented name. */
const SEED_SAMPLES: [string, z.ZodType, Json][] = [
  ['CreateProjectRequest', createProjectBody, { name: 'project-1', tags: { team: 'ml-ops' } }],
  [
    'CreateInstanceRequest',
    createInstanceBody,
    {
      name: 'instance-1',
      type: 'h100.8x',
      image: 'image://ubuntu22.04',
      preemptible: false,
      ephemeral: false,
      userData: 'I2Nsb3VkLWNvbmZpZwpwYWNrYWdlczoKICAtIG5naW54\n',
      filesystems: ['123e4567-e89b-12d3-a456-426614174000', '123e4567-e89b-12d3-a456-426614174001'],
      tags: { environment: 'production' },
    },
  ],
  ['CreateFilesystemRequest', createFilesystemBody, { name: 'fs-1', size: '512Gi' }],
  [
    'CreateKubernetesClusterRequest',
    createKubernetesClusterBody,
    { name: 'cluster-01', version: '1.32.5', podCIDRBlock: '10.233.0.0/18', serviceCIDRBlock: '10.233.64.0/18', defaultNodePool: { create: true, name: 'default', type: 'cpu.4x', count: 3 } },
  ],
  ['UpdateKubernetesClusterRequest', updateKubernetesClusterBody, { version: 'v1.32.5' }],
  ['AddSlurmUserRequest', addSlurmUserBody, { username: 'user01', sshKeys: [SSH_KEY], sudo: false }],
  ['UpdateSlurmUserRequest', updateSlurmUserBody, { sshKeys: [SSH_KEY], sudo: false }],
];

describe('the Fluidstack part of /openapi.json', () => {
  const document = fluidstackOpenApiDocument();
  const merged = mergeOpenApiDocuments({}, OPENAPI_PARTS);

  it('describes every Fluidstack route', () => {
    expect(operations(document).map((o) => o.key).sort()).toEqual([
      'DELETE /api/v1alpha1/filesystems/{id}',
      'DELETE /api/v1alpha1/instances/{id}',
      'DELETE /api/v1alpha1/kubernetes/clusters/{cluster_id}/node-pools/{node_pool_id}',
      'DELETE /api/v1alpha1/kubernetes/clusters/{id}',
      'DELETE /api/v1alpha1/projects/{id}',
      'DELETE /api/v1alpha1/slurm/clusters/{id}',
      'DELETE /api/v1alpha1/slurm/clusters/{id}/users/{username}',
      'GET /api/v1alpha1/filesystems',
      'GET /api/v1alpha1/filesystems/{id}',
      'GET /api/v1alpha1/instances',
      'GET /api/v1alpha1/instances/{id}',
      'GET /api/v1alpha1/kubernetes/clusters',
      'GET /api/v1alpha1/kubernetes/clusters/{cluster_id}/credentials',
      'GET /api/v1alpha1/kubernetes/clusters/{cluster_id}/node-pools',
      'GET /api/v1alpha1/kubernetes/clusters/{cluster_id}/node-pools/{node_pool_id}',
      'GET /api/v1alpha1/kubernetes/clusters/{id}',
      'GET /api/v1alpha1/projects',
      'GET /api/v1alpha1/projects/{id}',
      'GET /api/v1alpha1/slurm/clusters',
      'GET /api/v1alpha1/slurm/clusters/{cluster_id}/node-pools',
      'GET /api/v1alpha1/slurm/clusters/{cluster_id}/node-pools/{node_pool_id}',
      'GET /api/v1alpha1/slurm/clusters/{id}',
      'GET /api/v1alpha1/slurm/clusters/{id}/users',
      'GET /api/v1alpha1/slurm/clusters/{id}/users/{username}',
      'PATCH /api/v1alpha1/kubernetes/clusters/{cluster_id}/node-pools/{node_pool_id}',
      'PATCH /api/v1alpha1/kubernetes/clusters/{id}',
      'POST /api/v1alpha1/filesystems',
      'POST /api/v1alpha1/instances',
      'POST /api/v1alpha1/instances/{id}/actions/start',
      'POST /api/v1alpha1/instances/{id}/actions/stop',
      'POST /api/v1alpha1/kubernetes/clusters',
      'POST /api/v1alpha1/kubernetes/clusters/{cluster_id}/node-pools',
      'POST /api/v1alpha1/projects',
      'POST /api/v1alpha1/slurm/clusters',
      'POST /api/v1alpha1/slurm/clusters/{cluster_id}/node-pools',
      'POST /api/v1alpha1/slurm/clusters/{id}/users',
      'PUT /api/v1alpha1/slurm/clusters/{id}/users/{username}',
    ]);
  });

  it('asks for a bearer token everywhere and X-PROJECT-ID everywhere but /projects', () => {
    for (const { key, path, operation } of operations(document)) {
      expect([key, operation.security]).toEqual([key, [{ bearerAuth: [] }]]);
      const header = (operation.parameters ?? []).some((p) => p['$ref'] === '#/components/parameters/FluidstackProjectId');
      expect([key, header]).toEqual([key, !path.startsWith('/api/v1alpha1/projects')]);
    }
    expect(resolve(document, '#/components/parameters/FluidstackProjectId')).toMatchObject({ name: 'X-PROJECT-ID', in: 'header', required: true, schema: { format: 'uuid' } });
  });

  it('documents every error as {message}', () => {
    for (const { key, operation } of operations(document)) {
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      expect([key, errors.map(([status]) => status)]).toEqual([key, expect.arrayContaining(['400', '401', '403', '503'])]);
      for (const [, response] of errors) {
        const resolved = resolve(document, response['$ref'] as string) as Json;
        expect(resolved).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/FluidstackError' } } } });
      }
    }
    expect(resolve(document, '#/components/schemas/FluidstackError')).toEqual({ type: 'object', required: ['message'], properties: { message: expect.objectContaining({ type: 'string' }) } });
  });

  it('documents request bodies from the zod schemas that validate them', () => {
    const schema = resolve(document, '#/components/schemas/FluidstackCreateKubernetesClusterRequest') as Json;
    expect(schema).toMatchObject({ type: 'object', required: ['name', 'version'], properties: { podCIDRBlock: { default: '10.233.0.0/18' }, defaultNodePool: { properties: { count: { minimum: 0, maximum: 1000 } } } } });
    expect(resolve(document, '#/components/schemas/FluidstackUpdateKubernetesClusterRequest')).toMatchObject({ properties: { version: { pattern: expect.stringContaining('^v') } } });
    expect(resolve(document, '#/components/schemas/FluidstackAddSlurmUserRequest')).toMatchObject({ required: ['username', 'sshKeys'], properties: { sudo: { default: false } } });
  });

  it.each(SEED_SAMPLES)('accepts seed 004’s %s sample in the document and in the gateway', (name, zod, sample) => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(merged, 'doc');
    const validate = ajv.compile({ $ref: `doc#/components/schemas/Fluidstack${name}` });
    expect([validate(sample), validate.errors]).toEqual([true, null]);
    expect(zod.safeParse(sample).success).toBe(true);
  });

  it('resolves every reference of the merged document', () => {
    expect(refs(merged).filter((ref) => resolve(merged, ref) === undefined)).toEqual([]);
  });
});

describe('the ops part of /openapi.json', () => {
  it('describes the operators’ routes, health, metrics and this description', () => {
    expect(operations(opsOpenApiDocument(['runai', 'ops'])).map((o) => o.key).sort()).toEqual([
      'GET /healthz',
      'GET /metrics',
      'GET /openapi.json',
      'GET /ops/api/orphans',
      'GET /ops/api/queues',
      'GET /ops/api/queues/{queue}/failed',
      'GET /readyz',
      'POST /ops/api/orphans/collect',
      'POST /ops/api/queues/{queue}/jobs/{jobId}/retry',
      'POST /ops/api/queues/{queue}/replay',
      'POST /ops/api/reconcile',
    ]);
  });

  it('offers every part by name, and needs no token for health and the description', () => {
    const document = OPENAPI_PARTS.find((p) => p.name === 'ops')!.document;
    const openapi = (document['paths'] as Record<string, Record<string, Operation>>)['/openapi.json']!['get']!;
    expect(openapi.parameters?.[0]).toMatchObject({ name: 'dialect', schema: { enum: OPENAPI_PARTS.map((p) => p.name) } });
    for (const path of ['/healthz', '/readyz', '/openapi.json']) expect((document['paths'] as Record<string, Record<string, Operation>>)[path]!['get']!.security).toEqual([]);
  });
});
