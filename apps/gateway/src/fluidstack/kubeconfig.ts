import { stringify } from 'yaml';

export interface KubeconfigInput {
  clusterName: string;
  server: string;
  certificateAuthorityData: string;
  token: string;
}

/** A kubeconfig with one cluster, one user (a bearer token) and the context joining them. */
export function buildKubeconfig(input: KubeconfigInput): string {
  const user = `${input.clusterName}-admin`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: input.clusterName, cluster: { server: input.server, 'certificate-authority-data': input.certificateAuthorityData } }],
    users: [{ name: user, user: { token: input.token } }],
    contexts: [{ name: input.clusterName, context: { cluster: input.clusterName, user } }],
    'current-context': input.clusterName,
    preferences: {},
  });
}
