import { Inject, Injectable } from '@nestjs/common';
import { PrismaService, type Cluster } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider } from '@clusterplane/providers';
import type { FinalizerStep, StepOutcome } from './finalizer-step';
import { releaseProviderResources } from './release-provider-resources';

/** Retires the agent's client secret: the provider forgets it and the agent route refuses it. */
@Injectable()
export class CredentialsStep implements FinalizerStep {
  readonly finalizer = 'credentials' as const;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async run(cluster: Cluster): Promise<StepOutcome> {
    const credentials = (await this.provider.listResources(cluster.id)).filter((r) => r.kind === 'credentials');
    await releaseProviderResources(this.provider, credentials);
    await this.prisma.cluster.updateMany({ where: { id: cluster.id, secretRevokedAt: null }, data: { secretRevokedAt: new Date() } });
    return { done: true };
  }
}
