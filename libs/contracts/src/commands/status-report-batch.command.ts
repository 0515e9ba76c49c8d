import { z } from 'zod';
import { defineCommand } from './define-command';
import { statusReportCommand } from './status-report.command';

/** At most this many reports, and roughly this many bytes of them, travel in one batch. */
export const STATUS_REPORT_BATCH_MAX = 500;
export const STATUS_REPORT_BATCH_MAX_BYTES = 512 * 1024;

/**
 * Agent reports the gateway received at about the same time, forwarded in one message: one
 * NATS round trip for many reports instead of one each. The reply holds one outcome per report,
 * in the same order, once all of them are stored.
 */
export const statusReportBatchCommand = defineCommand({
  name: 'status.report-batch',
  service: 'status',
  request: z.object({ reports: z.array(statusReportCommand.request).min(1).max(STATUS_REPORT_BATCH_MAX) }),
  reply: z.object({ outcomes: z.array(statusReportCommand.reply) }),
});
