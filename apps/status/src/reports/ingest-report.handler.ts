import { Injectable } from '@nestjs/common';
import type { CommandReply, ParsedCommandRequest } from '@clusterplane/contracts';
import type { CommandHandler } from '@clusterplane/messaging';
import { ReportBatcher } from './report-batcher.service';

/** `status.report`: answered once the report's batch is committed, with what the agent must do next. */
@Injectable()
export class IngestReportHandler implements CommandHandler<'status.report'> {
  readonly command = 'status.report' as const;

  constructor(private readonly batcher: ReportBatcher) {}

  handle(request: ParsedCommandRequest<'status.report'>): Promise<CommandReply<'status.report'>> {
    return this.batcher.submit({ ...request, receivedAt: new Date(request.receivedAt) });
  }
}
