import { z } from 'zod';
import type { AgentReport } from '../agent/agent-report';
import { defineCommand } from './define-command';
import { statusReportCommand } from './status-report.command';

/** At most this many reports, and roughly this many bytes of them, travel in one batch. */
export const STATUS_REPORT_BATCH_MAX = 500;
export const STATUS_REPORT_BATCH_MAX_BYTES = 512 * 1024;

/**
 * Only the gateway sends batches, and only of reports it parsed with agentReportSchema (which
 * answered the agent with the failing fields, and filled in the defaults): the status service
 * takes each report's content as it is rather than parsing hundreds of reports a second twice.
 * The envelope around each (cluster, tenant, secret version) is still checked.
 */
const forwardedReport = statusReportCommand.request.extend({
  report: z.custom<AgentReport>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'a parsed agent report'),
});

/**
 * Agent reports the gateway received at about the same time, forwarded in one message: one
 * NATS round trip for many reports instead of one each. The reply holds one outcome per report,
 * in the same order, once all of them are stored.
 */
export const statusReportBatchCommand = defineCommand({
  name: 'status.report-batch',
  service: 'status',
  request: z.object({ reports: z.array(forwardedReport).min(1).max(STATUS_REPORT_BATCH_MAX) }),
  reply: z.object({ outcomes: z.array(statusReportCommand.reply) }),
});
