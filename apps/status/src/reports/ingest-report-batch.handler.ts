import { Injectable } from '@nestjs/common';
import { AppError, toErrorEnvelope, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { AgentReportBodyParser } from '@clusterplane/domain';
import type { CommandHandler } from '@clusterplane/messaging';
import { IngestReportHandler } from './ingest-report.handler';

type ForwardedReport = ParsedCommandRequest<'status.report-batch'>['reports'][number];
type ForwardedOutcome = CommandReply<'status.report-batch'>['outcomes'][number];

/**
 * `status.report-batch`: the gateway's reports of one moment, their bodies as the agents sent
 * them. Each body is parsed and validated here; a bad one is answered `invalid` with the 400
 * for its agent and stores nothing, the others are answered once their batch is committed.
 */
@Injectable()
export class IngestReportBatchHandler implements CommandHandler<'status.report-batch'> {
  readonly command = 'status.report-batch' as const;
  private readonly bodies = new AgentReportBodyParser();

  constructor(private readonly single: IngestReportHandler) {}

  async handle({ reports }: ParsedCommandRequest<'status.report-batch'>): Promise<CommandReply<'status.report-batch'>> {
    return { outcomes: await Promise.all(reports.map((forwarded) => this.ingest(forwarded))) };
  }

  private ingest({ body, ...envelope }: ForwardedReport): Promise<ForwardedOutcome> | ForwardedOutcome {
    let report;
    try {
      report = this.bodies.parse(body);
    } catch (error) {
      if (error instanceof AppError) return { outcome: 'invalid', commands: [], refusal: toErrorEnvelope(error) };
      throw error;
    }
    return this.single.handle({ ...envelope, report });
  }
}
