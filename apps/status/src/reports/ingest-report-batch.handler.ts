import { Injectable } from '@nestjs/common';
import type { CommandReply, ParsedCommandRequest } from '@clusterplane/contracts';
import type { CommandHandler } from '@clusterplane/messaging';
import { IngestReportHandler } from './ingest-report.handler';

/** `status.report-batch`: the gateway's reports of one moment; answered when all are committed. */
@Injectable()
export class IngestReportBatchHandler implements CommandHandler<'status.report-batch'> {
  readonly command = 'status.report-batch' as const;

  constructor(private readonly single: IngestReportHandler) {}

  async handle({ reports }: ParsedCommandRequest<'status.report-batch'>): Promise<CommandReply<'status.report-batch'>> {
    return { outcomes: await Promise.all(reports.map((report) => this.single.handle(report))) };
  }
}
