import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider } from '@clusterplane/providers';
import type { FinalizingCluster } from '../clusters/finalizing-cluster';
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

  async run(cluster: FinalizingCluster): Promise<StepOutcome> {
    const credentials = (await this.provider.listResources(cluster.id)).filter((r) => r.kind === 'credentials');
    await releaseProviderResources(this.provider, credentials);
    await this.prisma.$executeRaw`UPDATE clusters SET secret_revoked_at = now(), updated_at = now() WHERE id = ${cluster.id}::uuid AND secret_revoked_at IS NULL`;
    return { done: true };
  }
}
