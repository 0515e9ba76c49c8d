import { Injectable } from '@nestjs/common';
import type { JobOf } from '@clusterplane/contracts';
import type { JobHandler } from '@clusterplane/queues';
import { ClusterReadiness } from './cluster-readiness';

/** Enqueued by the node-pool service each time a pool converges, and after a pool-less create. */
@Injectable()
export class ReadyCheckJob implements JobHandler<'cluster.ready-check'> {
  readonly job = 'cluster.ready-check' as const;

  constructor(private readonly readiness: ClusterReadiness) {}

  async handle({ clusterId }: JobOf<'cluster.ready-check'>): Promise<void> {
    await this.readiness.readyIfPoolsAre(clusterId);
  }
}
