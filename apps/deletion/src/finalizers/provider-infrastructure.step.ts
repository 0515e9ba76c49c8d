import { Inject, Injectable } from '@nestjs/common';
import { CLUSTER_PROVIDER, type ClusterProvider } from '@clusterplane/providers';
import type { FinalizingCluster } from '../clusters/finalizing-cluster';
import type { FinalizerStep, StepOutcome } from './finalizer-step';
import { releaseProviderResources } from './release-provider-resources';

/** Deletes what the provider built for a managed cluster (credentials go in their own step). */
@Injectable()
export class ProviderInfrastructureStep implements FinalizerStep {
  readonly finalizer = 'provider-infrastructure' as const;

  constructor(@Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider) {}

  async run(cluster: FinalizingCluster): Promise<StepOutcome> {
    const infrastructure = (await this.provider.listResources(cluster.id)).filter((r) => r.kind !== 'credentials');
    await releaseProviderResources(this.provider, infrastructure);
    return { done: true };
  }
}
