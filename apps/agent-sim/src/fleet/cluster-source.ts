import { readFileSync } from 'node:fs';
import type { SimOptions } from '../sim-options';
import { GatewayClient } from '../gateway-client';
import { mapWithConcurrency } from './map-with-concurrency';

export interface ClusterCredentials {
  clusterId: string;
  secret?: string;
}

/** Parses a clusters file: one cluster per line, `<uuid>` or `<uuid> <clientSecret>`; `#` starts a comment. */
export function parseClustersFile(text: string): ClusterCredentials[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [clusterId, secret, extra] = line.split(/\s+/);
      if (!clusterId || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(clusterId) || extra !== undefined) {
        throw new Error(`clusters file: expected "<uuid> [clientSecret]", got "${line}"`);
      }
      return { clusterId, secret };
    });
}

/**
 * Every cluster the simulator reports for, with its client secret: those named on the command
 * line or in the file, plus `--clusters N` new ones created through the Run:ai API. Secrets the
 * file does not carry are read from each cluster's install info, as a real installer would.
 */
export async function resolveClusters(options: SimOptions): Promise<Required<ClusterCredentials>[]> {
  const listed: ClusterCredentials[] = options.existing.map((clusterId) => ({ clusterId }));
  if (options.clustersFile) listed.push(...parseClustersFile(readFileSync(options.clustersFile, 'utf8')));
  const needsApi = options.clusters > 0 || listed.some((c) => !c.secret);
  if (needsApi && !options.token) throw new Error('--token (or CLUSTERPLANE_TOKEN) is required to create clusters or read their secrets');
  const gateway = new GatewayClient(options.gateway, options.token ?? '');

  const created: ClusterCredentials[] = Array.from({ length: options.clusters }, () => ({ clusterId: '' }));
  const prefix = `sim-${process.pid}-${Date.now().toString(36)}`;
  await mapWithConcurrency(created, options.concurrency, async (entry, i) => {
    entry.clusterId = await gateway.createCluster(`${prefix}-${i}`, options.version);
  });

  const all = [...listed, ...created];
  await mapWithConcurrency(all, options.concurrency, async (entry) => {
    entry.secret ??= await gateway.clientSecret(entry.clusterId, options.version);
  });
  return all as Required<ClusterCredentials>[];
}
