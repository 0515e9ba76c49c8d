import type { z } from 'zod';
import { createFilesystemBody, createInstanceBody, createProjectBody } from '../fluidstack/fluidstack.schemas';
import { createKubernetesClusterBody, createKubernetesNodePoolBody, scaleNodePoolBody, updateKubernetesClusterBody } from '../fluidstack/kubernetes.schemas';
import { addSlurmUserBody, createSlurmClusterBody, createSlurmNodePoolBody, updateSlurmUserBody } from '../fluidstack/slurm.schemas';
import { RUNAI_OPENAPI_DOCUMENT } from './runai-openapi.document';
import { zodToOpenApi } from './zod-openapi-schema';

type Json = Record<string, unknown>;

const BASE = '/api/v1alpha1';
const TAG = 'Fluidstack';
const ref = (name: string) => ({ $ref: `#/components/schemas/Fluidstack${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });
const nullable = (schema: Json) => ({ ...schema, nullable: true });
const uuidString = { type: 'string', format: 'uuid' };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

/** Every error of the dialect, whoever raised it (handler, guard or Fastify), is `{message}`. */
const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Invalid input: a body field, a path parameter, malformed JSON, or a missing or malformed X-PROJECT-ID. The message names the field.',
  '401': 'Missing, invalid or expired bearer token.',
  '403': "The token's role may not do this, or X-PROJECT-ID is not a live project of the token's tenant.",
  '404': 'No such resource in this project.',
  '409': 'The resource is in a state that forbids this, or the name is taken.',
  '413': 'The body is larger than 1 MiB.',
  '429': 'Too many mutations for the tenant; retry after Retry-After seconds.',
  '503': 'A service the request needs cannot be reached; retry after Retry-After seconds.',
  '504': 'No service answered the command in time.',
};
const errorResponseName = (status: string) => `Fluidstack${status}`;

/** What every operation may answer, beyond its own errors. */
const COMMON_ERRORS = ['400', '401', '403', '503'];
/** What a mutation adds: a body, a command sent over the bus, a rate limit. */
const MUTATION_ERRORS = ['413', '429', '504'];

interface OperationSpec {
  summary: string;
  operationId: string;
  /** Path parameters, in order; each is a component parameter. */
  params?: string[];
  projectScoped?: boolean;
  body?: string;
  /** The success status and its JSON body schema (none for an empty answer). */
  success: [status: string, description: string, schema?: Json];
  /** A success body that is not JSON. */
  successContent?: Json;
  /** Error statuses beyond the common ones. */
  errors?: string[];
  /** Where the seed does not describe the operation. */
  source?: string;
}

function operation(spec: OperationSpec, mutation: boolean): Json {
  const [status, description, schema] = spec.success;
  const errors = [...new Set([...COMMON_ERRORS, ...(mutation ? MUTATION_ERRORS : []), ...(spec.errors ?? [])])].sort();
  return {
    tags: [TAG],
    summary: spec.summary,
    operationId: spec.operationId,
    'x-clusterplane-source': spec.source ?? 'seed 004',
    security: [{ bearerAuth: [] }],
    parameters: [...(spec.params ?? []).map((p) => ({ $ref: `#/components/parameters/Fluidstack${p}` })), ...(spec.projectScoped === false ? [] : [{ $ref: '#/components/parameters/FluidstackProjectId' }])],
    ...(spec.body ? { requestBody: { required: true, content: json(ref(spec.body)) } } : {}),
    responses: {
      [status]: { description, ...(schema || spec.successContent ? { content: spec.successContent ?? json(schema!) } : {}) },
      ...Object.fromEntries(errors.map((e) => [e, { $ref: `#/components/responses/${errorResponseName(e)}` }])),
    },
  };
}

const get = (spec: OperationSpec) => operation(spec, false);
const mutate = (spec: OperationSpec) => operation(spec, true);
const list = (name: string) => ({ type: 'array', items: ref(name) });

const PATHS: Record<string, Json> = {
  '/projects': {
    post: mutate({ summary: 'Create a project', operationId: 'fluidstack_create_project', projectScoped: false, body: 'CreateProjectRequest', success: ['201', 'Created.', ref('Project')] }),
    get: get({ summary: "List the tenant's projects", operationId: 'fluidstack_list_projects', projectScoped: false, success: ['200', 'Live projects.', list('Project')], source: 'SPEC section 3' }),
  },
  '/projects/{id}': {
    get: get({ summary: 'Get a project', operationId: 'fluidstack_get_project', projectScoped: false, params: ['Id'], success: ['200', 'The project.', ref('Project')], errors: ['404'], source: 'SPEC section 3' }),
    delete: mutate({ summary: 'Delete a project', operationId: 'fluidstack_delete_project', projectScoped: false, params: ['Id'], success: ['204', 'Deleted.'], errors: ['404', '409'], source: 'SPEC section 3' }),
  },
  '/instances': {
    post: mutate({ summary: 'Create a machine instance', operationId: 'fluidstack_create_instance', body: 'CreateInstanceRequest', success: ['201', 'Created, in state creating.', ref('Instance')], errors: ['404'] }),
    get: get({ summary: 'List all machine instances', operationId: 'fluidstack_list_instances', success: ['200', 'Instances of the project.', list('Instance')] }),
  },
  '/instances/{id}': {
    get: get({ summary: 'Get a machine instance', operationId: 'fluidstack_get_instance', params: ['Id'], success: ['200', 'The instance.', ref('Instance')], errors: ['404'] }),
    delete: mutate({ summary: 'Delete a machine instance', operationId: 'fluidstack_delete_instance', params: ['Id'], success: ['204', 'Deleting; the instance is gone once the provider released it.'], errors: ['404'] }),
  },
  '/instances/{id}/actions/start': {
    post: mutate({ summary: 'Start a machine instance', operationId: 'fluidstack_start_instance', params: ['Id'], success: ['202', 'Starting.', ref('Instance')], errors: ['404', '409'] }),
  },
  '/instances/{id}/actions/stop': {
    post: mutate({ summary: 'Stop a machine instance', operationId: 'fluidstack_stop_instance', params: ['Id'], success: ['202', 'Stopping.', ref('Instance')], errors: ['404', '409'] }),
  },
  '/filesystems': {
    post: mutate({ summary: 'Create a filesystem', operationId: 'fluidstack_create_filesystem', body: 'CreateFilesystemRequest', success: ['201', 'Created.', ref('Filesystem')] }),
    get: get({ summary: 'List all filesystems', operationId: 'fluidstack_list_filesystems', success: ['200', 'Filesystems of the project.', list('Filesystem')], source: 'SPEC section 3' }),
  },
  '/filesystems/{id}': {
    get: get({ summary: 'Get a filesystem', operationId: 'fluidstack_get_filesystem', params: ['Id'], success: ['200', 'The filesystem.', ref('Filesystem')], errors: ['404'] }),
    delete: mutate({ summary: 'Delete a filesystem', operationId: 'fluidstack_delete_filesystem', params: ['Id'], success: ['204', 'Deleting.'], errors: ['404', '409'], source: 'SPEC section 3' }),
  },
  '/kubernetes/clusters': {
    post: mutate({ summary: 'Create a Kubernetes cluster', operationId: 'fluidstack_create_kubernetes_cluster', body: 'CreateKubernetesClusterRequest', success: ['201', 'Created, status PENDING.', ref('KubernetesCluster')], errors: ['409'] }),
    get: get({ summary: 'List all Kubernetes clusters', operationId: 'fluidstack_list_kubernetes_clusters', success: ['200', 'Clusters of the project.', list('KubernetesCluster')] }),
  },
  '/kubernetes/clusters/{id}': {
    get: get({ summary: 'Get a Kubernetes cluster', operationId: 'fluidstack_get_kubernetes_cluster', params: ['Id'], success: ['200', 'The cluster.', ref('KubernetesCluster')], errors: ['404'] }),
    patch: mutate({ summary: 'Update a Kubernetes cluster', operationId: 'fluidstack_update_kubernetes_cluster', params: ['Id'], body: 'UpdateKubernetesClusterRequest', success: ['200', 'Upgrading: status UPDATING, then READY on the new version.', ref('KubernetesCluster')], errors: ['404', '409'] }),
    delete: mutate({ summary: 'Delete a Kubernetes cluster', operationId: 'fluidstack_delete_kubernetes_cluster', params: ['Id'], success: ['204', 'Deleting (graceful).'], errors: ['404', '409'] }),
  },
  '/kubernetes/clusters/{cluster_id}/credentials': {
    get: get({
      summary: 'Get kubeconfig credentials for a cluster',
      operationId: 'fluidstack_get_kubernetes_credentials',
      params: ['ClusterId'],
      success: ['200', 'A kubeconfig for the API server, with a token scoped to this cluster; sent with Cache-Control: no-store.'],
      successContent: { 'application/yaml': { schema: { type: 'string' } } },
      errors: ['404', '409'],
    }),
  },
  '/kubernetes/clusters/{cluster_id}/node-pools': {
    get: get({ summary: 'List all node pools for a cluster', operationId: 'fluidstack_list_kubernetes_node_pools', params: ['ClusterId'], success: ['200', 'Pools with their nodes.', list('KubernetesNodePool')], errors: ['404'] }),
    post: mutate({ summary: 'Create a node pool', operationId: 'fluidstack_create_kubernetes_node_pool', params: ['ClusterId'], body: 'CreateKubernetesNodePoolRequest', success: ['201', 'Created.', ref('KubernetesNodePool')], errors: ['404', '409'], source: 'SPEC section 3' }),
  },
  '/kubernetes/clusters/{cluster_id}/node-pools/{node_pool_id}': {
    get: get({ summary: 'Get a node pool', operationId: 'fluidstack_get_kubernetes_node_pool', params: ['ClusterId', 'NodePoolId'], success: ['200', 'The pool with its nodes.', ref('KubernetesNodePool')], errors: ['404'] }),
    patch: mutate({ summary: 'Scale a node pool', operationId: 'fluidstack_scale_kubernetes_node_pool', params: ['ClusterId', 'NodePoolId'], body: 'ScaleNodePoolRequest', success: ['200', 'Scaling.', ref('KubernetesNodePool')], errors: ['404', '409'], source: 'SPEC section 3' }),
    delete: mutate({ summary: 'Delete a node pool', operationId: 'fluidstack_delete_kubernetes_node_pool', params: ['ClusterId', 'NodePoolId'], success: ['204', 'Draining, then deleting.'], errors: ['404', '409'], source: 'SPEC section 3' }),
  },
  '/slurm/clusters': {
    post: mutate({ summary: 'Create a Slurm cluster', operationId: 'fluidstack_create_slurm_cluster', body: 'CreateSlurmClusterRequest', success: ['201', 'Created, status PENDING.', ref('SlurmCluster')], errors: ['409'], source: 'SPEC section 3' }),
    get: get({ summary: 'List all Slurm clusters', operationId: 'fluidstack_list_slurm_clusters', success: ['200', 'Clusters of the project.', list('SlurmCluster')] }),
  },
  '/slurm/clusters/{id}': {
    get: get({ summary: 'Get a Slurm cluster', operationId: 'fluidstack_get_slurm_cluster', params: ['Id'], success: ['200', 'The cluster.', ref('SlurmCluster')], errors: ['404'] }),
    delete: mutate({ summary: 'Delete a Slurm cluster', operationId: 'fluidstack_delete_slurm_cluster', params: ['Id'], success: ['204', 'Deleting (graceful).'], errors: ['404', '409'], source: 'SPEC section 3' }),
  },
  '/slurm/clusters/{cluster_id}/node-pools': {
    get: get({ summary: 'List all node pools for a Slurm cluster', operationId: 'fluidstack_list_slurm_node_pools', params: ['ClusterId'], success: ['200', 'Pools with their nodes.', list('SlurmNodePool')], errors: ['404'] }),
    post: mutate({ summary: 'Create a Slurm node pool', operationId: 'fluidstack_create_slurm_node_pool', params: ['ClusterId'], body: 'CreateSlurmNodePoolRequest', success: ['201', 'Created.', ref('SlurmNodePool')], errors: ['404', '409'], source: 'SPEC section 3' }),
  },
  '/slurm/clusters/{cluster_id}/node-pools/{node_pool_id}': {
    get: get({ summary: 'Get a Slurm node pool', operationId: 'fluidstack_get_slurm_node_pool', params: ['ClusterId', 'NodePoolId'], success: ['200', 'The pool with its nodes.', ref('SlurmNodePool')], errors: ['404'] }),
  },
  '/slurm/clusters/{id}/users': {
    get: get({ summary: 'List users on a Slurm cluster', operationId: 'fluidstack_list_slurm_users', params: ['Id'], success: ['200', 'The users.', list('SlurmUser')], errors: ['404'] }),
    post: mutate({ summary: 'Add a user to a Slurm cluster', operationId: 'fluidstack_add_slurm_user', params: ['Id'], body: 'AddSlurmUserRequest', success: ['201', 'Added.', ref('SlurmUser')], errors: ['404', '409'] }),
  },
  '/slurm/clusters/{id}/users/{username}': {
    get: get({ summary: 'Get a user on a Slurm cluster', operationId: 'fluidstack_get_slurm_user', params: ['Id', 'Username'], success: ['200', 'The user.', ref('SlurmUser')], errors: ['404'] }),
    put: mutate({ summary: "Update a user's SSH keys on a Slurm cluster", operationId: 'fluidstack_update_slurm_user', params: ['Id', 'Username'], body: 'UpdateSlurmUserRequest', success: ['200', 'Updated; sudo kept when omitted.', ref('SlurmUser')], errors: ['404'] }),
    delete: mutate({ summary: 'Delete a user from a Slurm cluster', operationId: 'fluidstack_delete_slurm_user', params: ['Id', 'Username'], success: ['204', 'Deleted.'], errors: ['404'] }),
  },
};

/** Request bodies, documented from the zod schemas that validate them. */
const REQUEST_BODIES: Record<string, z.ZodType> = {
  CreateProjectRequest: createProjectBody,
  CreateInstanceRequest: createInstanceBody,
  CreateFilesystemRequest: createFilesystemBody,
  CreateKubernetesClusterRequest: createKubernetesClusterBody,
  UpdateKubernetesClusterRequest: updateKubernetesClusterBody,
  CreateKubernetesNodePoolRequest: createKubernetesNodePoolBody,
  ScaleNodePoolRequest: scaleNodePoolBody,
  CreateSlurmClusterRequest: createSlurmClusterBody,
  CreateSlurmNodePoolRequest: createSlurmNodePoolBody,
  AddSlurmUserRequest: addSlurmUserBody,
  UpdateSlurmUserRequest: updateSlurmUserBody,
};

const clusterStatus = {
  type: 'object',
  required: ['type', 'details'],
  properties: { type: { type: 'string', enum: ['PENDING', 'PROVISIONING', 'READY', 'UPDATING', 'DELETING', 'FAILED'] }, details: { type: 'object', additionalProperties: true, description: "`reason`: the reason of a failure, when FAILED. A Kubernetes cluster's also carry `health`, the state of its agent as Run:ai shows it (WaitingToConnect, Connected, Disconnected, MissingPrerequisites, ServiceIssues, Unknown), and `healthReason` unless Connected." } },
};

/** Answers, as the presenters in apps/gateway/src/fluidstack render them. */
const RESPONSE_SCHEMAS: Record<string, Json> = {
  Error: { type: 'object', required: ['message'], properties: { message: { type: 'string', description: 'What went wrong; a 5xx carries its error id.' } } },
  Project: { type: 'object', required: ['id', 'name', 'state', 'tags'], properties: { id: uuidString, name: { type: 'string' }, state: { type: 'string', enum: ['active', 'deleting'] }, tags: stringMap } },
  Instance: {
    type: 'object',
    required: ['id', 'name', 'type', 'ip', 'state', 'image', 'preemptible', 'ephemeral', 'userData', 'filesystems', 'tags'],
    properties: {
      id: uuidString,
      name: { type: 'string' },
      type: { type: 'string' },
      ip: nullable({ type: 'string' }),
      state: { type: 'string', enum: ['creating', 'starting', 'running', 'stopping', 'stopped', 'deleting', 'out-of-stock', 'error'] },
      image: { type: 'string', description: 'Without its image:// scheme.' },
      preemptible: { type: 'boolean' },
      ephemeral: { type: 'boolean' },
      userData: nullable({ type: 'string' }),
      filesystems: { type: 'array', items: uuidString },
      tags: stringMap,
    },
  },
  Filesystem: { type: 'object', required: ['id', 'name', 'size'], properties: { id: uuidString, name: { type: 'string' }, size: { type: 'string' } } },
  ClusterStatus: clusterStatus,
  KubernetesCluster: {
    type: 'object',
    required: ['id', 'name', 'version', 'certificateAuthorityData', 'status'],
    properties: { id: uuidString, name: { type: 'string' }, version: nullable({ type: 'string' }), certificateAuthorityData: { type: 'string', description: 'Empty until the control plane exists.' }, status: ref('ClusterStatus') },
  },
  KubernetesNode: {
    type: 'object',
    required: ['name', 'instanceID', 'state', 'kubeletVersion', 'createdAt', 'publicIP', 'privateIP', 'conditions', 'accelerator', 'labels', 'taints'],
    properties: {
      name: { type: 'string' },
      instanceID: nullable({ type: 'string' }),
      state: { type: 'string' },
      kubeletVersion: nullable({ type: 'string' }),
      createdAt: { type: 'string', format: 'date-time' },
      publicIP: nullable({ type: 'string' }),
      privateIP: nullable({ type: 'string' }),
      conditions: { type: 'array', items: { type: 'object', additionalProperties: true } },
      accelerator: nullable({ type: 'object', required: ['type', 'product', 'driverVersion'], properties: { type: { type: 'string' }, product: { type: 'string' }, driverVersion: { type: 'string' } } }),
      labels: stringMap,
      taints: { type: 'array', items: { type: 'object', additionalProperties: true } },
    },
  },
  KubernetesNodePool: {
    type: 'object',
    required: ['id', 'name', 'cluster', 'type', 'count', 'version', 'nodes'],
    properties: {
      id: uuidString,
      name: { type: 'string' },
      cluster: { type: 'string', description: "The cluster's name." },
      type: { type: 'string' },
      count: { type: 'integer' },
      version: nullable({ type: 'string' }),
      nodes: { type: 'array', items: ref('KubernetesNode') },
    },
  },
  SlurmCluster: {
    type: 'object',
    required: ['id', 'name', 'version', 'loginNodes', 'status'],
    properties: {
      id: uuidString,
      name: { type: 'string' },
      version: nullable({ type: 'string' }),
      loginNodes: { type: 'array', items: { type: 'object', required: ['name', 'publicIP'], properties: { name: { type: 'string' }, publicIP: nullable({ type: 'string' }) } } },
      status: ref('ClusterStatus'),
    },
  },
  SlurmNode: {
    type: 'object',
    required: ['name', 'instanceID', 'states', 'slurmdVersion', 'publicIP', 'privateIP', 'partitions', 'reservation', 'reason'],
    properties: {
      name: { type: 'string' },
      instanceID: nullable({ type: 'string' }),
      states: { type: 'array', items: { type: 'string' } },
      slurmdVersion: nullable({ type: 'string' }),
      publicIP: nullable({ type: 'string' }),
      privateIP: nullable({ type: 'string' }),
      partitions: { type: 'array', items: { type: 'string' } },
      reservation: nullable({ type: 'string' }),
      reason: nullable({ type: 'string' }),
    },
  },
  SlurmNodePool: {
    type: 'object',
    required: ['id', 'name', 'type', 'count', 'nodes'],
    properties: { id: uuidString, name: { type: 'string' }, type: { type: 'string' }, count: { type: 'integer' }, nodes: { type: 'array', items: ref('SlurmNode') } },
  },
  SlurmUser: { type: 'object', required: ['username', 'sshKeys', 'sudo'], properties: { username: { type: 'string' }, sshKeys: { type: 'array', items: { type: 'string' } }, sudo: { type: 'boolean' } } },
};

const pathParameter = (name: string, description: string, schema: Json = uuidString) => ({ name, in: 'path', required: true, description, schema });

/**
 * The Fluidstack dialect (seed 004 and the operations SPEC section 3 adds) as OpenAPI: bodies
 * from the zod schemas that validate them, answers as the presenters render them, `{message}`
 * for every error.
 */
export function fluidstackOpenApiDocument(): Json {
  const schemas: Json = Object.fromEntries(Object.entries(RESPONSE_SCHEMAS).map(([name, schema]) => [`Fluidstack${name}`, schema]));
  for (const [name, body] of Object.entries(REQUEST_BODIES)) {
    const converted = zodToOpenApi(body, `Fluidstack${name}`);
    Object.assign(schemas, { [`Fluidstack${name}`]: converted.schema }, converted.components);
  }
  return {
    tags: [{ name: TAG, description: 'Fluidstack projects, instances, filesystems and managed Kubernetes and Slurm clusters; every route but /projects is scoped by X-PROJECT-ID.' }],
    paths: Object.fromEntries(Object.entries(PATHS).map(([path, item]) => [`${BASE}${path}`, item])),
    components: {
      securitySchemes: { bearerAuth: (RUNAI_OPENAPI_DOCUMENT['components'] as { securitySchemes: Json }).securitySchemes['bearerAuth'] },
      parameters: {
        FluidstackProjectId: { name: 'X-PROJECT-ID', in: 'header', required: true, description: "A live project of the token's tenant; missing or not a UUID is 400, another tenant's or a deleted one 403.", schema: uuidString },
        FluidstackId: pathParameter('id', 'Unique identifier of the resource.'),
        FluidstackClusterId: pathParameter('cluster_id', 'Unique identifier of the cluster.'),
        FluidstackNodePoolId: pathParameter('node_pool_id', 'Unique identifier of the node pool.'),
        FluidstackUsername: pathParameter('username', 'Username of the user.', { type: 'string', minLength: 1, maxLength: 64 }),
      },
      responses: Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([status, description]) => [errorResponseName(status), { description, content: json(ref('Error')) }])),
      schemas,
    },
  };
}
