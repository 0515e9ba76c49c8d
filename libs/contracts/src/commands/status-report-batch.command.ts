import { z } from 'zod';
import { errorEnvelopeSchema } from '../errors/error-envelope';
import { defineCommand } from './define-command';
import { decodeReportBatch, encodeReportBatch } from './report-batch-frame';
import { statusReportCommand } from './status-report.command';

/** At most this many reports, and roughly this many bytes of them, travel in one batch. */
export const STATUS_REPORT_BATCH_MAX = 500;
export const STATUS_REPORT_BATCH_MAX_BYTES = 512 * 1024;

/**
 * A report the gateway authenticated, with its body as the agent sent it: the status service
 * parses and validates it (agentReportSchema), so a report is parsed once on its way to
 * Postgres instead of at both ends.
 */
const forwardedReport = statusReportCommand.request.omit({ report: true }).extend({
  body: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'the report body as bytes'),
});

/**
 * A report's outcome: the `status.report` ones, or `invalid` when its body is not a valid
 * report, with the 400 the agent is answered with (`refusal`, naming the failing fields).
 */
const forwardedReportOutcome = z.union([
  statusReportCommand.reply,
  z.object({ outcome: z.literal('invalid'), commands: z.tuple([]), refusal: errorEnvelopeSchema }),
]);

/**
 * Agent reports the gateway received at about the same time, forwarded in one message: one
 * NATS round trip for many reports instead of one each. The bodies travel in a binary frame
 * (encodeReportBatch), not inside a JSON document. The reply holds one outcome per report, in
 * the same order, once all of them are stored.
 */
export const statusReportBatchCommand = defineCommand({
  name: 'status.report-batch',
  service: 'status',
  request: z.object({ reports: z.array(forwardedReport).min(1).max(STATUS_REPORT_BATCH_MAX) }),
  reply: z.object({ outcomes: z.array(forwardedReportOutcome) }),
  codec: { encode: encodeReportBatch, decode: decodeReportBatch },
});
