import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { COMMAND_HANDLERS, CommandServer, MessagingModule } from '@clusterplane/messaging';
import { PersistenceModule } from '@clusterplane/persistence';
import { PlatformModule } from '@clusterplane/platform';
import { JOB_HANDLERS, QueuesModule, WorkerHost } from '@clusterplane/queues';
import { SweepLivenessJob } from './liveness/sweep-liveness.job';
import { IngestReportHandler } from './reports/ingest-report.handler';
import { ReportBatcher } from './reports/report-batcher.service';
import type { StatusConfig } from './status.config';

@Module({})
export class StatusModule {
  static create(config: StatusConfig, logger: Logger): DynamicModule {
    return {
      module: StatusModule,
      imports: [PlatformModule.forRoot(config, logger), PersistenceModule, MessagingModule.forRoot({ relayOutbox: true }), QueuesModule],
      providers: [
        ReportBatcher,
        IngestReportHandler,
        SweepLivenessJob,
        { provide: COMMAND_HANDLERS, useFactory: (ingest: IngestReportHandler) => [ingest], inject: [IngestReportHandler] },
        { provide: JOB_HANDLERS, useFactory: (sweep: SweepLivenessJob) => [sweep], inject: [SweepLivenessJob] },
        CommandServer,
        WorkerHost,
      ],
    };
  }
}
