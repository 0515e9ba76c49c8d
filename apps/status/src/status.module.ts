import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { workerServiceModule } from '@clusterplane/service-kit';
import { SweepLivenessJob } from './liveness/sweep-liveness.job';
import { IngestReportHandler } from './reports/ingest-report.handler';
import { ReportBatcher } from './reports/report-batcher.service';
import type { StatusConfig } from './status.config';

@Module({})
export class StatusModule {
  static create(config: StatusConfig, logger: Logger): DynamicModule {
    return workerServiceModule({
      module: StatusModule,
      config,
      logger,
      commandHandlers: [IngestReportHandler],
      jobHandlers: [SweepLivenessJob],
      providers: [ReportBatcher],
    });
  }
}
