import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '@clusterplane/persistence';
import { APP_CONFIG } from '@clusterplane/platform';
import { simulatedAgentReport } from '@clusterplane/providers';
import { QueueRegistry, type JobHandler } from '@clusterplane/queues';
import { ReportBatcher } from '../reports/report-batcher.service';
import type { StatusConfig } from '../status.config';

const MAX_AGENTS_PER_TICK = 10_000;

/**
 * The agents the simulated provider installs in managed clusters live here: each period they
 * report a healthy cluster through the same batcher real reports use, and acknowledge an
 * uninstall once a graceful delete asks for it (after which they fall silent).
 */
@Injectable()
export class SimulatedAgentsJob implements JobHandler<'status.simulated-agents'>, OnApplicationBootstrap {
  readonly job = 'status.simulated-agents' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly batcher: ReportBatcher,
    @Inject(APP_CONFIG) private readonly config: StatusConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.scheduleEvery(this.job, this.config.simulatedAgentIntervalMs, {});
  }

  async handle(): Promise<void> {
    const agents = await this.prisma.cluster.findMany({
      where: { provider: 'simulated', agentInstalledAt: { not: null }, uninstallAckedAt: null, deletedAt: null },
      select: { id: true, tenantId: true, deleteRequestedAt: true },
      take: MAX_AGENTS_PER_TICK,
    });
    const now = new Date();
    await Promise.all(agents.map((agent) => this.batcher.submit({ clusterId: agent.id, tenantId: agent.tenantId, receivedAt: now, report: simulatedAgentReport(now, agent.deleteRequestedAt !== null) })));
  }
}
