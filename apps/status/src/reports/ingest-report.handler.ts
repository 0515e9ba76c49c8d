import { Injectable } from '@nestjs/common';
import type { CommandReply, ParsedCommandRequest } from '@clusterplane/contracts';
import type { CommandHandler } from '@clusterplane/messaging';
import { ReportBatcher } from './report-batcher.service';

/** `status.report`: answered once the report's batch is committed. */
@Injectable()
export class IngestReportHandler implements CommandHandler<'status.report'> {
  readonly command = 'status.report' as const;

  constructor(private readonly batcher: ReportBatcher) {}

  async handle(request: ParsedCommandRequest<'status.report'>): Promise<CommandReply<'status.report'>> {
    await this.batcher.submit({ clusterId: request.clusterId, tenantId: request.tenantId, receivedAt: new Date(request.receivedAt), report: request.report });
    return { stored: true };
  }
}
