import { createHmac } from 'node:crypto';

/**
 * The bearer token of a managed cluster's kubeconfig. Derived like the agent's client secret
 * but under its own purpose label, so one can never be presented as the other; it is scoped
 * to one cluster and one secret version, so rotating the version revokes it.
 */
export function deriveClusterAccessToken(serverKey: string, clusterId: string, secretVersion: number): string {
  return `cpk_${createHmac('sha256', serverKey).update(`kubeconfig:${clusterId}:${secretVersion}`).digest('base64url')}`;
}
