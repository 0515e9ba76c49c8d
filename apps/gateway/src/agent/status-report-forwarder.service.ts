import { Injectable } from '@nestjs/common';
import { AppError, STATUS_REPORT_BATCH_MAX, STATUS_REPORT_BATCH_MAX_BYTES, type CommandReply, type CommandRequest } from '@clusterplane/contracts';
import { CommandClient } from '@clusterplane/messaging';
import { runWithCorrelation } from '@clusterplane/platform';

/** A report the gateway authenticated, its body as the agent sent it. */
type ReportRequest = CommandRequest<'status.report-batch'>['reports'][number];
type ReportOutcome = CommandReply<'status.report-batch'>['outcomes'][number];

interface Waiting {
  request: ReportRequest;
  resolve: (outcome: ReportOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Forwards agent reports to the status service in batches: the reports that arrive in one
 * turn of the event loop leave together in one `status.report-batch` request, so under load
 * one NATS round trip carries hundreds of reports, and a lone report waits for nothing.
 */
@Injectable()
export class StatusReportForwarder {
  private waiting: Waiting[] = [];
  private waitingBytes = 0;
  private scheduled = false;

  constructor(private readonly commands: CommandClient) {}

  /** Resolves with the report's outcome once the status service stored (or refused) it. */
  forward(request: ReportRequest): Promise<ReportOutcome> {
    const bytes = request.body.byteLength;
    return new Promise((resolve, reject) => {
      if (this.waiting.length > 0 && this.waitingBytes + bytes > STATUS_REPORT_BATCH_MAX_BYTES) this.send();
      this.waiting.push({ request, resolve, reject });
      this.waitingBytes += bytes;
      if (this.waiting.length >= STATUS_REPORT_BATCH_MAX) this.send();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.send();
        });
      }
    });
  }

  private send(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.waitingBytes = 0;
    if (batch.length === 0) return;
    // A batch mixes many agents' requests: it travels under a correlation id of its own.
    runWithCorrelation(undefined, () => this.commands.send('status.report-batch', { reports: batch.map((w) => w.request) }))
      .then(({ outcomes }) => {
        if (outcomes.length !== batch.length) throw new AppError('internal', `status answered ${outcomes.length} outcomes for ${batch.length} reports`);
        batch.forEach((w, i) => w.resolve(outcomes[i]!));
      })
      .catch((error: unknown) => batch.forEach((w) => w.reject(error)));
  }
}
