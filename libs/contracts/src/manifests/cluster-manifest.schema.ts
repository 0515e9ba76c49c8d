import { z } from 'zod';

/** Seed 000's `cluster_type` enum; on a cluster it is the `provider`. */
export const TRUEFOUNDRY_CLUSTER_TYPES = ['aws-eks', 'gcp-gke-standard', 'azure-aks', 'generic', 'civo-talos'] as const;
export type TruefoundryClusterType = (typeof TRUEFOUNDRY_CLUSTER_TYPES)[number];

/** SPEC section 3: the collaborator roles of a cluster; at least one must be `cluster-admin`. */
export const COLLABORATOR_ROLES = ['cluster-admin', 'cluster-member', 'cluster-viewer'] as const;

// Seed 000's patterns, verbatim.
const CLUSTER_NAME_PATTERN = /^[a-z][a-z0-9-]{1,33}[a-z0-9]$/;
const BASE_DOMAIN_PATTERN =
  /^((((\*|[a-zA-Z0-9-]{1,63})\.)([a-zA-Z0-9-]{1,63}\.)*([A-Za-z]{1,63}))|(((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)))$/;
const NO_WHITESPACE_PATTERN = /^[^\s]*$/;

// The seed sets no lengths; these bounds only keep one manifest from filling a row.
const text = () => z.string().max(1024);
const noWhitespace = () => text().regex(NO_WHITESPACE_PATTERN, 'must not contain white space');
const list = <T extends z.ZodType>(item: T) => z.array(item).max(100);

const nodepoolSchema = z.object({ name: z.string().min(1).max(253), description: text().optional() });

/**
 * Seed 000's ClusterManifest as a schema. Unknown keys are dropped (the seed's schema does not
 * close its objects, and nothing unknown reaches the database); every failing field is named.
 */
export const clusterManifestSchema = z.object({
  type: z.literal('cluster', { error: "must be 'cluster'" }),
  name: z.string().regex(CLUSTER_NAME_PATTERN, '3 to 35 lower case letters, digits or -, starting with a letter and ending with a letter or digit'),
  cluster_type: z.enum(TRUEFOUNDRY_CLUSTER_TYPES),
  environment_names: list(z.string().min(1).max(253)),
  base_domains: list(z.string().max(253).regex(BASE_DOMAIN_PATTERN, 'must be a domain, a wildcard domain (*.example.com) or an IPv4 address')).optional(),
  monitoring: z
    .object({ loki_url: text().optional(), victoria_logs_url: text().optional(), prometheus_url: text().optional(), kubecost_url: text().optional() })
    .optional(),
  default_registry_fqn: z.string().min(1).max(1024).optional(),
  workbench_config: z
    .object({
      notebook_config: z.object({ base_domain: noWhitespace() }).optional(),
      ssh_server_config: z.object({ base_domain: noWhitespace(), port: z.number().finite() }).optional(),
      default_storage_class: noWhitespace().optional(),
    })
    .optional(),
  spark_config: z.object({ ui_base_domain: noWhitespace() }).optional(),
  ingress_controller_config: z.object({ ingress_class_name: text(), tls_enabled: z.boolean().default(false) }).optional(),
  cluster_integration_fqn: z.string().min(1).max(1024).optional(),
  workflow_storage_integration_fqn: z.string().min(1).max(1024).optional(),
  supported_nodepools: list(nodepoolSchema).optional(),
  node_label_keys: z.object({ nodepool_selector_label: text() }).optional(),
  collaborators: list(z.object({ subject: z.string().min(1).max(255), role_id: z.enum(COLLABORATOR_ROLES) })),
  ownedBy: z.object({ account: text() }).optional(),
});

export type ClusterManifest = z.output<typeof clusterManifestSchema>;
