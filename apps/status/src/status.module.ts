import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { workerServiceModule } from '@clusterplane/service-kit';
import { SweepLivenessJob } from './liveness/sweep-liveness.job';
import { PruneMetricsJob } from './metrics/prune-metrics.job';
import { IngestReportHandler } from './reports/ingest-report.handler';
import { IngestReportBatchHandler } from './reports/ingest-report-batch.handler';
import { SimulatedAgentsJob } from './simulated/simulated-agents.job';
import { ReportBatcher } from './reports/report-batcher.service';
import type { StatusConfig } from './status.config';

@Module({})
export class StatusModule {
  static create(config: StatusConfig, logger: Logger): DynamicModule {
    return workerServiceModule({
      module: StatusModule,
      config,
      logger,
      commandHandlers: [IngestReportHandler, IngestReportBatchHandler],
      jobHandlers: [SweepLivenessJob, PruneMetricsJob, SimulatedAgentsJob],
      providers: [ReportBatcher],
    });
  }
}
